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

const files = sourceFiles(rendererSrc);
const usage = files.map((file) => ({ file: path.relative(rendererSrc, file), ...usedKeys(fs.readFileSync(file, 'utf8')) }));
/** i18next's plural forms (`title_one`, `title_other`) are one key, `title`, used with a count. */
const pluralBase = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const defined = new Set(leafKeys(en).map(pluralBase));

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

  it('no translation is empty', () => {
    const empty = leafKeys(en).filter(
      (key) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en) === '',
    );
    expect(empty).toEqual([]);
  });
});
