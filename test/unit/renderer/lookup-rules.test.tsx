import {
  checkLookup,
  descriptionWithoutSku,
  keysAsText,
  lookupFromParams,
  lookupHref,
} from '../../../renderer/src/pages/lookup/lookup-query';
import { keyRow } from './lookup-fixtures';

describe('Quick Lookup rules', () => {
  it.each([
    ['00:0A:DD:02:3F:8F', '000ADD023F8F', '00:0A:DD:02:3F:8F'],
    ['00-0a-dd-02-3f-8f', '000ADD023F8F', '00:0A:DD:02:3F:8F'],
    ['000ADD023F8F', '000ADD023F8F', '00:0A:DD:02:3F:8F'],
    ['000a.dd02.3f8f', '000ADD023F8F', '00:0A:DD:02:3F:8F'],
    [' 023f8f ', '000ADD023F8F', '00:0A:DD:02:3F:8F'],
  ])('Look up accepts %j as %s', (typed, mac, shown) => {
    expect(checkLookup(typed, '  SN-1 ')).toEqual({ ok: true, query: { mac, serial: 'SN-1' }, macText: shown });
  });

  it.each([
    ['', 'Enter a MAC address.'],
    ['00:0A:DD:02:3F', 'A MAC address has 12 hex digits (or the last 6, after the vendor prefix 00:0A:DD); this has 10.'],
    ['00:0A:DD:02:3F:8G', '"G" (character 17) is not allowed'],
  ])('Look up refuses %j with the MAC rule’s own message', (typed, message) => {
    const check = checkLookup(typed, '');
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.macError).toContain(message);
  });

  it('records a lookup in the route: MAC compact, serial only when given; the route reads back the same lookup', () => {
    expect(lookupHref({ mac: '000ADD023F8F', serial: '' })).toBe('#/lookup?mac=000ADD023F8F');
    expect(lookupHref({ mac: '000ADD023F8F', serial: 'SN 1&2' })).toBe('#/lookup?mac=000ADD023F8F&serial=SN+1%262');
    const back = lookupFromParams(new URLSearchParams('mac=000ADD023F8F&serial=SN+1%262'));
    expect(back).toEqual({
      macText: '00:0A:DD:02:3F:8F',
      serial: 'SN 1&2',
      query: { mac: '000ADD023F8F', serial: 'SN 1&2' },
      macError: null,
    });
  });

  it('a route without a MAC looks nothing up; one with a malformed MAC keeps the text and says why', () => {
    expect(lookupFromParams(new URLSearchParams(''))).toEqual({ macText: '', serial: '', query: null, macError: null });
    const bad = lookupFromParams(new URLSearchParams('mac=zz'));
    expect(bad.query).toBeNull();
    expect(bad.macText).toBe('zz');
    expect(bad.macError).toContain('"z" (character 1) is not allowed');
  });

  it('Copy all: one tab-separated line per key (SKU, Auth Code, Feature Key), keys exactly as stored', () => {
    const text = keysAsText([
      keyRow(),
      keyRow({ authCode: '2ETTZ5-61DA9F-V5KUJZ-3QC9R6', featureKey: '=Fn&P-$sqS-D93i', skuDescription: null, sku: '8210027' }),
    ]);
    expect(text).toBe(
      '8210010 - 6x Internet Call Access Key\t43XC98-68WTGB-CWMH53-YS4RA9\t$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK\n' +
        '8210027\t2ETTZ5-61DA9F-V5KUJZ-3QC9R6\t=Fn&P-$sqS-D93i',
    );
    expect(keysAsText([])).toBe('');
  });

  it.each([
    ['8210010', '8210010 - 6x Internet Call Access Key', '6x Internet Call Access Key'],
    ['8210010', 'Internet Call Access Key', 'Internet Call Access Key'],
    ['8210010', '8210011 - another SKU', '8210011 - another SKU'],
    ['8210010', null, ''],
  ])('the inventory shows %s %j as %j', (sku, description, shown) => {
    expect(descriptionWithoutSku(sku, description)).toBe(shown);
  });
});
