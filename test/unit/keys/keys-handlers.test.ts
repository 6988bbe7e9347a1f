import { ApiError } from '../../../core/rpc/errors';
import type { Core } from '../../../core/core';
import type { KeyDetails, QuickLookupResult } from '../../../core/keys/contract';
import type { SearchResults } from '../../../core/search/contract';
import { makeTestCore } from '../../support/contract-suite';
import { rejectionOf } from '../../support/rejection';
import { addKey, addSku, addSystem, codeOf } from './cache-fixture';

const CODE = '43XC9868WTGBCWMH53YS4RA9';

describe('keys and search handlers, through the API server', () => {
  let core: Core;
  const call = <T>(method: string, args: unknown) => core.server.dispatch(method, args) as Promise<T>;

  beforeEach(() => {
    core = makeTestCore();
    const db = core.db;
    addSku(db, '8210010', '8210010 - 6x Internet Call Access Key');
    addSku(db, '8400100', '8400100 - SIP Trunk Channel License');
    addSystem(db, '000ADD023F8F', 'Lincoln Elementary', 'Lincoln School District', 'SN-1001');
    addSystem(db, '000ADD024000', 'Lincoln Annex', 'Lincoln School District', 'SN-1002');
    addSystem(db, '000ADD3F8F00', 'Warehouse', 'Beta Logistics');
    addKey(db, {
      authCode: CODE,
      featureKey: '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK',
      mac: '000ADD023F8F',
      redeemedAt: '2026-11-02T10:00:00.000Z',
      updatedAt: '2026-11-03T08:00:00.000Z',
    });
    addKey(db, { authCode: codeOf(2), mac: '000ADD023F8F', sku: '8400100', redeemedAt: '2026-11-01T10:00:00.000Z' });
    addKey(db, { authCode: codeOf(3), mac: '000ADD023F8F', redeemedAt: '2026-11-01T09:00:00.000Z' });
    addKey(db, { authCode: codeOf(4), mac: '000ADD3F8F00', origin: 'import', updatedAt: '2026-11-25T12:00:00.000Z' });
  });
  afterEach(() => core.close());

  describe('keys.lookup', () => {
    it.each(['00:0A:DD:02:3F:8F', '000add023f8f', '000A.DD02.3F8F', '00-0a-dd-02-3f-8f', '023F8F'])(
      'finds the system by %s',
      async (mac) => {
        const result = await call<QuickLookupResult>('keys.lookup', { mac });
        expect(result.system).toMatchObject({
          mac: '000ADD023F8F',
          name: 'Lincoln Elementary',
          customer: 'Lincoln School District',
          keyCount: 3,
        });
        // By SKU, then redeemed.
        expect(result.keys.map((k) => [k.sku, k.authCode])).toEqual([
          ['8210010', codeOf(3).replace(/(.{6})(?=.)/g, '$1-')],
          ['8210010', '43XC98-68WTGB-CWMH53-YS4RA9'],
          ['8400100', codeOf(2).replace(/(.{6})(?=.)/g, '$1-')],
        ]);
        expect(result.inventory).toEqual([
          { sku: '8210010', description: '8210010 - 6x Internet Call Access Key', count: 2 },
          { sku: '8400100', description: '8400100 - SIP Trunk Channel License', count: 1 },
        ]);
        expect(result.totalFeatures).toBe(3);
        expect(result.serialWarning).toBeNull();
      },
    );

    it('warns when the serial given is not the cached one, and not when it matches in another case', async () => {
      const { serialWarning } = await call<QuickLookupResult>('keys.lookup', { mac: '023F8F', serial: 'SN-9999' });
      expect(serialWarning).toMatchObject({
        code: 'keys.lookup.serialMismatch',
        params: { given: 'SN-9999', mac: '00:0A:DD:02:3F:8F', serial: 'SN-1001' },
      });
      expect(serialWarning?.message).toMatch(/SN-9999.*SN-1001/);
      expect((await call<QuickLookupResult>('keys.lookup', { mac: '023F8F', serial: 'sn-1001' })).serialWarning).toBeNull();
    });

    it('an unknown MAC gives no system and no keys; a malformed one VALIDATION with the reason', async () => {
      expect(await call<QuickLookupResult>('keys.lookup', { mac: '000ADD999999' })).toEqual({
        system: null,
        keys: [],
        inventory: [],
        totalFeatures: 0,
        serialWarning: null,
      });
      const err = await rejectionOf(call('keys.lookup', { mac: '00:0A:DD:02:3F' }), ApiError);
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toMatch(/12 hex digits/);
      expect(err.details).toEqual({
        fields: [{ field: 'mac', code: 'mac.wrongLength', message: expect.stringMatching(/12 hex digits/), params: { digits: 10 } }],
      });
    });
  });

  describe('keys.get', () => {
    it('gives the key, its system and its history, newest first: synced after redeemed', async () => {
      const details = await call<KeyDetails>('keys.get', { authCode: '43xc98-68wtgb-cwmh53-ys4ra9' });
      expect(details.key).toMatchObject({
        authCode: '43XC98-68WTGB-CWMH53-YS4RA9',
        featureKey: '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK',
        systemName: 'Lincoln Elementary',
      });
      expect(details.system?.mac).toBe('000ADD023F8F');
      expect(details.history.map((h) => [h.event, h.at])).toEqual([
        ['synced', '2026-11-03T08:00:00.000Z'],
        ['redeemed', '2026-11-02T10:00:00.000Z'],
      ]);
    });

    it('an imported key says so, at the time of the import', async () => {
      const details = await call<KeyDetails>('keys.get', { authCode: codeOf(4) });
      expect(details.key.origin).toBe('import');
      expect(details.history[0]).toMatchObject({ event: 'imported', at: '2026-11-25T12:00:00.000Z' });
    });

    it('a key redeemed from this FieldKey lists the outbox operation', async () => {
      const result = JSON.stringify([
        { authCode: '43XC98-68WTGB-CWMH53-YS4RA9', status: 'redeemed', featureKey: '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK' },
      ]);
      core.db
        .prepare(
          `INSERT INTO outbox (idempotency_key, kind, payload, status, result, created_at, updated_at)
           VALUES ('key-0000001', 'redemption', ?, 'done', ?, '2026-11-03T07:59:00.000Z', '2026-11-03T08:00:00.000Z')`,
        )
        .run(JSON.stringify({ mac: '000ADD023F8F', authCodes: ['43XC98-68WTGB-CWMH53-YS4RA9'] }), result);
      const details = await call<KeyDetails>('keys.get', { authCode: CODE });
      expect(details.history.map((h) => h.event)).toEqual(['redeemed_here', 'redeemed']);
      expect(details.history[0]!.description).toMatchObject({ code: 'keys.history.redeemedHere', params: { mac: '00:0A:DD:02:3F:8F' } });
      expect(details.history[0]!.description.message).toMatch(/00:0A:DD:02:3F:8F/);
    });

    it('is null for a code the cache does not hold; VALIDATION for a malformed one', async () => {
      expect(await call('keys.get', { authCode: codeOf(99) })).toBeNull();
      expect((await rejectionOf(call('keys.get', { authCode: 'ABC' }), ApiError)).code).toBe('VALIDATION');
    });
  });

  describe('search.all', () => {
    const search = (query: string) => call<SearchResults>('search.all', { query });

    it.each(['00:0A:DD:02:3F:8F', '000add023f8f', '023F8F', '02:3F:8F'])('a MAC as %s finds the system first', async (query) => {
      expect((await search(query)).systems[0]?.mac).toBe('000ADD023F8F');
    });

    it('a fragment of a MAC finds the systems holding it', async () => {
      const result = await search('02:3F');
      expect(result.systems.map((s) => s.mac)).toContain('000ADD023F8F');
    });

    it('a name, a serial and a customer', async () => {
      expect((await search('warehouse')).systems.map((s) => s.mac)).toEqual(['000ADD3F8F00']);
      expect((await search('SN-1002')).systems.map((s) => s.mac)).toEqual(['000ADD024000']);
      const customers = (await search('school district')).customers;
      expect(customers).toEqual([{ customer: 'Lincoln School District', systemCount: 2, mac: '000ADD023F8F' }]);
    });

    it('a code with or without dashes, and a feature key, find the key', async () => {
      for (const query of ['43XC98-68WTGB-CWMH53-YS4RA9', '43xc9868wtgbcwmh53ys4ra9', '68WTGB-CW', '$ZLW-ncjw', 'ncjw-Foeb']) {
        expect(
          (await search(query)).keys.map((k) => k.authCode),
          query,
        ).toContain('43XC98-68WTGB-CWMH53-YS4RA9');
      }
    });

    it('odd characters are literal and never fail; 1–2 characters say they matched the start only', async () => {
      for (const query of ['%', '_', '"', '*', 'NEAR(', 'a AND b', '^x', '-', ':', "'", '100%_"*']) {
        await expect(search(query)).resolves.toBeDefined();
      }
      const short = await search('Li');
      expect(short.note?.message).toMatch(/start/);
      expect(short.systems.map((s) => s.mac).sort()).toEqual(['000ADD023F8F', '000ADD024000']);
      expect((await search('Lincoln')).note).toBeNull();
    });
  });
});
