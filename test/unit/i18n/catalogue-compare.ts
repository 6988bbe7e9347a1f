/**
 * Compares two languages' catalogues (i18next JSON: nested objects of strings) so no text escapes
 * translation: every key of one language is in the other, with the same `{{…}}` placeholders.
 */

/** i18next's plural suffixes: a language has the forms its plural rules need (French has `_many`, English has not). */
export const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Leaf paths with their texts: { a: { b: 'x' } } → [['a.b', 'x']]; a non-string leaf is reported as such. */
export function leaves(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree === 'string') return [[prefix, tree]];
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) return [[prefix, `<not a string: ${JSON.stringify(tree)}>`]];
  return Object.entries(tree).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

/** The names in a text's `{{…}}` placeholders (`{{count, number}}` → `count`), sorted and unique. */
export function placeholders(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*([^},]+?)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!);
  return [...new Set(names)].sort();
}

/** A catalogue's keys, a plural's forms merged under its base key, each with the placeholders of all its forms. */
export function keyPlaceholders(tree: unknown): Map<string, string[]> {
  const byKey = new Map<string, Set<string>>();
  for (const [path, text] of leaves(tree)) {
    const key = path.replace(PLURAL_SUFFIX, '');
    const names = byKey.get(key) ?? new Set<string>();
    for (const name of placeholders(text)) names.add(name);
    byKey.set(key, names);
  }
  return new Map([...byKey].map(([key, names]) => [key, [...names].sort()]));
}

/** What differs between two catalogues: one line per key missing on a side or whose placeholders differ. */
export function compareCatalogues(
  a: unknown,
  b: unknown,
  names: [string, string] = ['en', 'fr'],
  /** Placeholders of `a` that `b` may leave out: ones holding English-only text (a nested problem, a library's reason). */
  mayOmit: readonly string[] = [],
): string[] {
  const left = keyPlaceholders(a);
  const right = keyPlaceholders(b);
  const problems: string[] = [];
  for (const key of left.keys()) if (!right.has(key)) problems.push(`${key}: in ${names[0]}, missing in ${names[1]}`);
  for (const key of right.keys()) if (!left.has(key)) problems.push(`${key}: in ${names[1]}, missing in ${names[0]}`);
  for (const [key, names0] of left) {
    const names1 = right.get(key);
    const expected = names1 ? names0.filter((name) => names1.includes(name) || !mayOmit.includes(name)) : names0;
    if (names1 && expected.join() !== names1.join()) {
      problems.push(`${key}: placeholders {${names0.join(', ')}} in ${names[0]}, {${names1.join(', ')}} in ${names[1]}`);
    }
  }
  return problems;
}
