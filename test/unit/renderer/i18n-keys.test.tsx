// @vitest-environment jsdom
import fs from 'node:fs';
import path from 'node:path';
import en from '../../../renderer/src/i18n/en.json';
import { sourceFiles } from '../../support/source-files';

const rendererSrc = path.resolve(__dirname, '..', '..', '..', 'renderer', 'src');

/** Every translation key a source uses: t('…') and <Trans i18nKey="…">. */
export function usedKeys(source: string): { keys: string[]; dynamic: string[] } {
  const keys = [
    ...[...source.matchAll(/\bt\(\s*(['"])([^'"]+)\1/g)].map((m) => m[2]!),
    ...[...source.matchAll(/\bi18nKey=\{?\s*(['"])([^'"]+)\1/g)].map((m) => m[2]!),
  ];
  // A key that is not a plain string literal cannot be checked, so it is not allowed.
  const dynamic = [
    ...[...source.matchAll(/\bt\(\s*(?!['"])([^)]{0,40})/g)].map((m) => `t(${m[1]}`),
    ...[...source.matchAll(/\bi18nKey=\{\s*(?!['"])([^}]{0,40})/g)].map((m) => `i18nKey={${m[1]}`),
  ];
  return { keys, dynamic };
}

/** Leaf keys of a nested translation object, dotted: { a: { b: 'x' } } → ['a.b']. */
function leafKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value as object, `${prefix}${key}.`),
  );
}

/** i18next's plural suffixes: `t('a.keys', { count })` reads `a.keys_one` or `a.keys_other`. */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Leaf keys with their texts. */
function leafTexts(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : leafTexts(value as object, `${prefix}${key}.`),
  );
}

const files = sourceFiles(rendererSrc);
const usage = files.map((file) => ({ file: path.relative(rendererSrc, file), ...usedKeys(fs.readFileSync(file, 'utf8')) }));
/** The keys a t('…') call names: a plural's base key stands for its forms. */
const defined = new Set(leafKeys(en).map((key) => key.replace(PLURAL_SUFFIX, '')));

describe('translations', () => {
  it('the scanner finds keys in every form used (so the checks below can fail)', () => {
    const sample = `t('a.b'); t("c.d", { x: 1 }); <Trans i18nKey="e.f" />; t(\`g.\${x}\`); t(key); i18nKey={name}`;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected text is source code holding a template literal
    expect(usedKeys(sample)).toEqual({ keys: ['a.b', 'c.d', 'e.f'], dynamic: ['t(`g.${x}`', 't(key', 'i18nKey={name'] });
  });

  it('scans the real renderer sources', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(usage.flatMap((u) => u.keys).length).toBeGreaterThan(50);
  });

  it('every key used in renderer/src exists in en.json, so no raw key is ever shown', () => {
    const missing = usage.flatMap((u) => u.keys.filter((key) => !defined.has(key)).map((key) => `${u.file}: ${key}`));
    expect(missing).toEqual([]);
  });

  it('every key is a string literal (a computed key could not be checked)', () => {
    expect(usage.flatMap((u) => u.dynamic.map((call) => `${u.file}: ${call}`))).toEqual([]);
  });

  it('en.json has no unused keys, so translators only translate what is shown', () => {
    const used = new Set(usage.flatMap((u) => u.keys));
    expect([...defined].filter((key) => !used.has(key))).toEqual([]);
  });

  it('a count followed by a noun goes through the plural rules (_one/_other with count), never "1 feature keys"', () => {
    const texts = leafTexts(en);
    // A count right before a plural noun ("{{count}} keys", "{{count}} unredeemed codes") outside a plural form;
    // "more than {{count}} keys" is always plural.
    const countThenPlural = /(?<!than )\{\{count(, number)?\}\} (?:[a-z]+ )?[a-z]+s\b/;
    const offenders = texts.filter(([key, text]) => !PLURAL_SUFFIX.test(key) && countThenPlural.test(text)).map(([key]) => key);
    expect(offenders).toEqual([]);
    // The checker catches the form it is for.
    expect(countThenPlural.test('{{count}} feature keys')).toBe(true);
    // Every plural has its one and other forms.
    const keys = new Set(texts.map(([key]) => key));
    const plurals = [...keys].filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, ''));
    expect(plurals.filter((base) => !keys.has(`${base}_one`) || !keys.has(`${base}_other`))).toEqual([]);
    // No hand-made pairs left (a "…One" key beside its plural).
    expect([...keys].filter((key) => /One$/.test(key))).toEqual([]);
  });

  it('no translation is empty', () => {
    const empty = leafKeys(en).filter(
      (key) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en) === '',
    );
    expect(empty).toEqual([]);
  });
});
