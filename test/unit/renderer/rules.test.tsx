// @vitest-environment jsdom
import { ApiError } from '../../../core/api/errors';
import { fieldErrorsOf, formFieldErrorsOf } from '../../../renderer/src/api/api-errors';
import { DEFAULT_PAGE, pageFromHash, pageHref, routeFromHash } from '../../../renderer/src/routing/hash-route';
import { resolvePaletteMode } from '../../../renderer/src/theme/ThemeModeProvider';

describe('pageFromHash', () => {
  it.each([
    ['#/settings', 'settings'],
    ['#/about', 'about'],
    ['#settings', 'settings'],
    ['#/settings/portal', 'settings'],
    ['#/about?x=1', 'about'],
    ['', null],
    ['#/', null],
    ['#/coming-soon', null],
    ['#/Settings', null],
  ])('%j → %j', (hash, page) => {
    expect(pageFromHash(hash)).toBe(page);
  });

  it('the default page is a real page', () => {
    expect(pageFromHash(`#/${DEFAULT_PAGE}`)).toBe(DEFAULT_PAGE);
  });
});

describe('routes with parameters', () => {
  it('reads segments and parameters', () => {
    const route = routeFromHash('#/systems/000ADD023F8F?tab=keys');
    expect(route?.page).toBe('systems');
    expect(route?.segments).toEqual(['000ADD023F8F']);
    expect(route?.params.get('tab')).toBe('keys');
  });

  it('round-trips odd text through pageHref (%, &, #, /, ?, spaces, quotes)', () => {
    const q = '50% off & "A/B" #1 ?x';
    const href = pageHref('keys', [], { by: 'all', q, empty: '', none: null });
    expect(href.startsWith('#/keys?')).toBe(true);
    const route = routeFromHash(href);
    expect(route?.params.get('q')).toBe(q);
    expect(route?.params.has('empty')).toBe(false);
    expect(route?.params.has('none')).toBe(false);
    expect(routeFromHash(pageHref('systems', ['a/b c']))?.segments).toEqual(['a/b c']);
  });

  it('keeps a malformed percent-encoding as typed instead of failing', () => {
    expect(routeFromHash('#/systems/%E0%A4%A')?.segments).toEqual(['%E0%A4%A']);
  });

  it('a page with no segments or parameters is just its name', () => {
    expect(pageHref('keys')).toBe('#/keys');
  });
});

describe('resolvePaletteMode', () => {
  it.each([
    ['system', false, 'light'],
    ['system', true, 'dark'],
    [undefined, true, 'dark'],
    ['light', true, 'light'],
    ['dark', false, 'dark'],
  ] as const)('setting %s with OS dark=%s → %s', (setting, osDark, mode) => {
    expect(resolvePaletteMode(setting, osDark)).toBe(mode);
  });
});

describe('fieldErrorsOf', () => {
  const validation = (fields: unknown) => new ApiError('VALIDATION', 'Invalid arguments', { fields });

  it('keys messages by field without the prefix, in sentence case', () => {
    expect(
      fieldErrorsOf(
        validation([
          { field: 'patch.portalUrl', message: 'must be an http:// address' },
          { field: 'patch.connectivityCheckSeconds', message: 'Too small: expected number to be >=10' },
        ]),
        'patch.',
      ),
    ).toEqual({ portalUrl: 'Must be an http:// address', connectivityCheckSeconds: 'Too small: expected number to be >=10' });
  });

  it('keeps the first message when a field has several', () => {
    expect(
      fieldErrorsOf(
        validation([
          { field: 'a', message: 'first' },
          { field: 'a', message: 'second' },
        ]),
      ),
    ).toEqual({ a: 'First' });
  });

  it('reads an object of field → message too (as servers.save says it), leaving out what is not a sentence', () => {
    expect(fieldErrorsOf(validation({ systemName: 'Taken.', mac: 'Already on the dashboard.', city: 3, region: '' }))).toEqual({
      systemName: 'Taken.',
      mac: 'Already on the dashboard.',
    });
    expect(fieldErrorsOf(validation({}))).toEqual({});
  });

  it('formFieldErrorsOf keeps only the form’s own fields, with the prefix removed', () => {
    const error = validation([
      { field: 'form.mac', message: 'already on the dashboard' },
      { field: 'mode', message: 'Invalid option' },
    ]);
    expect(formFieldErrorsOf(error, ['serial', 'mac'], 'form.')).toEqual({ mac: 'Already on the dashboard' });
    expect(formFieldErrorsOf(validation({ other: 'x', city: 'No such city.' }), ['city', 'mac'])).toEqual({ city: 'No such city.' });
    expect(formFieldErrorsOf(new ApiError('VALIDATION', 'bad', { issues: [] }), ['mac'])).toEqual({});
  });

  it.each([
    ['another code', new ApiError('INTERNAL', 'boom', { fields: [{ field: 'a', message: 'x' }] })],
    ['no details', new ApiError('VALIDATION', 'bad')],
    ['malformed fields', validation('nope')],
    ['details that are text', new ApiError('VALIDATION', 'bad', 'text')],
    ['malformed entries', validation([{ field: 1, message: 'x' }, null])],
    ['no error', null],
  ])('is empty for %s', (_case, error) => {
    expect(fieldErrorsOf(error)).toEqual({});
  });
});
