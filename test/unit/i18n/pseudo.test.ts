import en from '../../../renderer/src/i18n/en.json';
import { createI18n } from '../../../renderer/src/i18n/i18n';
import { PSEUDO_LANGUAGE, pseudoCatalogue, pseudoRequested, pseudoText } from '../../../renderer/src/i18n/pseudo';
import { compareCatalogues, leaves } from './catalogue-compare';

describe('the pseudo-language', () => {
  it('accents every letter, wraps the text in markers and keeps placeholders, nesting and tags', () => {
    const text = pseudoText('Sign in as {{name}}: $t(common.retry) <cmd>{{count, number}}</cmd>');
    expect(text.startsWith('⟦') && text.endsWith('⟧')).toBe(true);
    expect(text).toContain('{{name}}');
    expect(text).toContain('$t(common.retry)');
    expect(text).toContain('<cmd>{{count, number}}</cmd>');
    const outside = text.replace(/\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?\w+>/g, '');
    expect(outside).not.toMatch(/[A-Za-z]/);
    expect(pseudoText('')).toBe('');
  });

  it('has every key of English with the same placeholders, about a third longer', () => {
    const pseudo = pseudoCatalogue(en);
    expect(compareCatalogues(en, pseudo, ['en', 'pseudo'])).toEqual([]);
    const length = (tree: unknown) => leaves(tree).reduce((sum, [, text]) => sum + text.length, 0);
    // Markers aside, the text grows by about 35 % (each vowel doubled).
    const markers = leaves(en).length * 2;
    expect((length(pseudo) - markers) / length(en)).toBeGreaterThan(1.25);
    expect((length(pseudo) - markers) / length(en)).toBeLessThan(1.5);
  });

  it('an i18next instance in the pseudo-language says both namespaces, with interpolation and plurals', () => {
    const i18n = createI18n(PSEUDO_LANGUAGE);
    expect(i18n.language).toBe(PSEUDO_LANGUAGE);
    const title = i18n.t('redeem.title');
    expect(title).toMatch(/^⟦.*⟧$/);
    expect(title).not.toBe(en.redeem.title);
    const core = i18n.t('core:error.unknownMethod' as never, { method: 'keys.list' } as never) as unknown as string;
    expect(core).toMatch(/^⟦.*keys\.list.*⟧$/);
    // Plurals follow English's rules, numbers English's format.
    expect(i18n.t('settings.unsaved', { count: 1 })).toBe(pseudoText(en.settings.unsaved_one).replace('{{count}}', '1'));
    expect(i18n.t('settings.unsaved', { count: 2 })).toBe(pseudoText(en.settings.unsaved_other).replace('{{count}}', '2'));
    // English stays English.
    expect(createI18n('en').t('redeem.title')).toBe(en.redeem.title);
  });

  it('is asked for only with ?pseudo=1', () => {
    expect(pseudoRequested('?pseudo=1')).toBe(true);
    expect(pseudoRequested('?token=abc&pseudo=1')).toBe(true);
    expect(pseudoRequested('')).toBe(false);
    expect(pseudoRequested('?pseudo=0')).toBe(false);
  });
});
