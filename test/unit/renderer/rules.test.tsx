// @vitest-environment jsdom
import { ApiError, type ValidationField } from '../../../core/rpc/errors';
import { say as sayCore } from '../../../core/messages/say';
import { fieldErrorsOf, formFieldErrorsOf } from '../../../renderer/src/api/api-errors';
import { createI18n } from '../../../renderer/src/i18n/i18n';
import { type CoreMessage, sayMessage } from '../../../renderer/src/i18n/messages';
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
  // `unknown`: the wire may carry anything; the parser checks each entry.
  const validation = (fields: unknown) => new ApiError('VALIDATION', 'Invalid arguments', { fields: fields as ValidationField[] });
  const sayIn = (language: 'en' | 'fr') => {
    const i18n = createI18n(language);
    return (message: CoreMessage) => sayMessage(i18n.t, message);
  };
  const say = sayIn('en');

  it("keys messages by field without the prefix, said from each field's code and params (a code it does not know keeps the core's English, in sentence case)", () => {
    expect(
      fieldErrorsOf(
        validation([
          { field: 'patch.portalUrl', code: 'custom.unknownToTheRenderer', message: 'must be an http:// address' },
          {
            field: 'patch.connectivityCheckSeconds',
            code: 'zod.too_small',
            message: 'Too small: expected number to be >=10',
            params: { minimum: 10 },
          },
        ]),
        say,
        'patch.',
      ),
    ).toEqual({ portalUrl: 'Must be an http:// address', connectivityCheckSeconds: 'Must be at least 10.' });
  });

  it("says each field in the user's language: French from the code and params, never the core's English", () => {
    const error = validation([
      { field: 'patch.syncIntervalMinutes', ...sayCore('zod.too_big', { origin: 'number', maximum: 1440 }) },
      { field: 'patch.portalUrl', ...sayCore('portalUrl.badProtocol', { protocol: 'ftp:' }) },
      { field: 'filter.contains', ...sayCore('zod.too_big', { origin: 'string', maximum: 200, context: 'string', count: 200 }) },
      { field: 'after', ...sayCore('cursor.invalid') },
    ]);
    expect(fieldErrorsOf(error, sayIn('fr'))).toEqual({
      'patch.syncIntervalMinutes': 'Doit valoir au plus 1440.',
      'patch.portalUrl': "L'adresse du portail doit commencer par http:// ou https://, et non par ftp://",
      'filter.contains': 'Doit compter au plus 200 caractères.',
      after: "La position de page (curseur) n'est pas valide\u202f; recommencez depuis la première page.",
    });
    expect(formFieldErrorsOf(error, sayIn('fr'), ['portalUrl'], 'patch.')).toEqual({
      portalUrl: "L'adresse du portail doit commencer par http:// ou https://, et non par ftp://",
    });
  });

  it('keeps the first message when a field has several', () => {
    expect(
      fieldErrorsOf(
        validation([
          { field: 'a', code: 'x.first', message: 'first' },
          { field: 'a', code: 'x.second', message: 'second' },
        ]),
        say,
      ),
    ).toEqual({ a: 'First' });
  });

  it('formFieldErrorsOf keeps only the form’s own fields, with the prefix removed', () => {
    const error = validation([
      { field: 'form.mac', code: 'x.onDashboard', message: 'already on the dashboard' },
      { field: 'mode', code: 'zod.invalid_value', message: 'Invalid option' },
    ]);
    expect(formFieldErrorsOf(error, say, ['serial', 'mac'], 'form.')).toEqual({ mac: 'Already on the dashboard' });
    expect(formFieldErrorsOf(new ApiError('VALIDATION', 'bad', { reason: 'unreadable' }), say, ['mac'])).toEqual({});
  });

  it.each([
    ['another code', new ApiError('INTERNAL', 'boom', { fields: [{ field: 'a', message: 'x' }] })],
    ['no details', new ApiError('VALIDATION', 'bad')],
    ['an input refused whole (a file)', new ApiError('VALIDATION', 'The file is empty.', { reason: 'unreadable' })],
    ['malformed fields', validation('nope')],
    ['malformed entries', validation([{ field: 1, message: 'x' }, null])],
    ['no error', null],
  ])('is empty for %s', (_case, error) => {
    expect(fieldErrorsOf(error, say)).toEqual({});
  });
});
