/**
 * A pseudo-language for testing, built from English: every letter accented, every text about a
 * third longer (as French and German run) and wrapped in ⟦…⟧, so a screen shows at a glance which
 * text escaped the catalogues (no markers) and which labels do not fit (clipped or wrapped
 * markers). `{{placeholders}}`, i18next nesting (`$t` calls) and `<tags>` are kept as they are.
 *
 * Only a test switch turns it on: `?pseudo=1` in the address, before the `#` (read once when the
 * page loads, see main.tsx); the Language setting does not offer it and does not override it.
 */

/** Its language code: a real tag, so plural rules and number and date formats are English's. */
export const PSEUDO_LANGUAGE = 'en-XA';
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

const ACCENTED: Record<string, string> = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'í',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ó',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'ú',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Á',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Í',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ļ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ó',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Ú',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
};

/** What i18next reads in a text and must stay untouched: placeholders, nesting, Trans tags. */
const PROTECTED = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?[A-Za-z0-9]+\s*\/?>)/;

/** Accents a run of plain text and lengthens it: each vowel is doubled (English text runs ~35 % longer). */
function accent(text: string): string {
  let out = '';
  for (const char of text) {
    const accented = ACCENTED[char];
    if (!accented) {
      out += char;
      continue;
    }
    out += /[aeiouyAEIOUY]/.test(char) ? accented + accented.toLowerCase() : accented;
  }
  return out;
}

/** One text in the pseudo-language: `Sign in {{name}}` → `⟦Šíĝñ íñ {{name}}⟧` (vowels doubled). */
export function pseudoText(text: string): string {
  if (text === '') return text;
  const parts = text.split(PROTECTED);
  // split() with a capturing group puts the protected parts at the odd indexes.
  return `${PSEUDO_OPEN}${parts.map((part, index) => (index % 2 === 1 ? part : accent(part))).join('')}${PSEUDO_CLOSE}`;
}

/** A whole catalogue (nested objects of texts) in the pseudo-language, keys unchanged. */
export function pseudoCatalogue<T>(catalogue: T): T {
  if (typeof catalogue === 'string') return pseudoText(catalogue) as T;
  if (catalogue === null || typeof catalogue !== 'object') return catalogue;
  return Object.fromEntries(Object.entries(catalogue).map(([key, value]) => [key, pseudoCatalogue(value)])) as T;
}

/** Whether the address asks for the pseudo-language (`?pseudo=1` before the `#`). */
export function pseudoRequested(search: string): boolean {
  return new URLSearchParams(search).get('pseudo') === '1';
}
