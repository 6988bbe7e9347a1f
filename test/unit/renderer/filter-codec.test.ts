import { describe, expect, it } from 'vitest';
import {
  choiceParam,
  dayParam,
  directionParam,
  filterCodec,
  flagParam,
  NO_DATE,
  optionalTextParam,
  textParam,
} from '../../../renderer/src/routing/filter-codec';
import { pageHref, routeFromHash } from '../../../renderer/src/routing/hash-route';
import { paramsFromView as codesParams, viewFromParams as codesView, type CodesView } from '../../../renderer/src/pages/codes/codes-filter';
import { paramsFromView as serversParams, viewFromParams as serversView } from '../../../renderer/src/pages/servers/servers-filter';

interface View {
  from: string | null;
  q: string;
  kind: 'a' | 'b' | null;
  on: boolean;
  tag: string | null;
  sort: 'name' | 'date';
  dir: 'asc' | 'desc';
}

const codec = filterCodec<View>({
  from: dayParam('from'),
  q: textParam('q'),
  kind: choiceParam('kind', ['a', 'b'] as const, null),
  on: flagParam('on'),
  tag: optionalTextParam('tag'),
  sort: choiceParam('sort', ['name', 'date'] as const, 'date'),
  dir: directionParam('dir', (view) => (view.sort === 'name' ? 'asc' : 'desc')),
});

/** What the address holds after writing `view` and reading it back, as the app does. */
const roundTrip = (view: View) => codec.fromParams(routeFromHash(pageHref('codes', [], codec.toParams(view)))!.params);

describe('filter codec', () => {
  const defaults: View = { from: null, q: '', kind: null, on: false, tag: null, sort: 'date', dir: 'desc' };

  it('reads an empty address as the defaults and writes the defaults as nothing', () => {
    expect(codec.fromParams(new URLSearchParams())).toEqual(defaults);
    expect(pageHref('codes', [], codec.toParams(defaults))).toBe('#/codes');
  });

  it('round-trips every field, including text that needs escaping and an empty optional value', () => {
    const view: View = { from: '2026-02-28', q: 'a&b=c ?#', kind: 'b', on: true, tag: '', sort: 'name', dir: 'desc' };
    expect(roundTrip(view)).toEqual(view);
    expect(roundTrip({ ...view, tag: 'X-1' })).toEqual({ ...view, tag: 'X-1' });
  });

  it('a direction is written only when it is not its sort column natural one', () => {
    expect(codec.toParams({ ...defaults, sort: 'name', dir: 'asc' }).dir).toBeNull();
    expect(codec.toParams({ ...defaults, sort: 'name', dir: 'desc' }).dir).toBe('desc');
  });

  it('anything malformed or unknown takes its default', () => {
    const params = new URLSearchParams('from=2026-02-30&kind=zzz&sort=size&dir=up&on=yes');
    expect(codec.fromParams(params)).toEqual(defaults);
  });

  it('a day field can always be written, with a cleared bound kept as such', () => {
    const always = filterCodec<{ from: string | null }>({ from: dayParam('from', { fallback: () => '2026-01-01', always: true }) });
    expect(always.toParams({ from: null })).toEqual({ from: NO_DATE });
    expect(always.fromParams(new URLSearchParams(`from=${NO_DATE}`))).toEqual({ from: null });
    expect(always.fromParams(new URLSearchParams())).toEqual({ from: '2026-01-01' });
  });
});

describe('the list pages through the codec', () => {
  it('Codes: search, status, SKU (any, unknown, one) and sort survive the address', () => {
    const view: CodesView = { contains: 'YS4RA9', status: 'available', sku: 'E-SKU-1', sort: 'code', direction: 'desc' };
    const href = pageHref('codes', [], codesParams(view));
    expect(href).toBe('#/codes?q=YS4RA9&status=available&sku=E-SKU-1&sort=code&dir=desc');
    expect(codesView(routeFromHash(href)!.params)).toEqual(view);
    const unknownSku = { ...view, sku: '' };
    expect(codesView(routeFromHash(pageHref('codes', [], codesParams(unknownSku)))!.params)).toEqual(unknownSku);
    expect(codesView(new URLSearchParams())).toEqual({ contains: '', status: null, sku: null, sort: 'importedAt', direction: 'desc' });
  });

  it('Servers: the address it always wrote still reads the same', () => {
    const params = new URLSearchParams('from=2026-01-02&by=mac&q=3F8F&model=24x&status=registered&hidden=1&sort=mac&dir=desc');
    const view = serversView(params);
    expect(new URLSearchParams(pageHref('servers', [], serversParams(view)).split('?')[1]).toString()).toBe(params.toString());
  });
});
