/**
 * How a list matches typed text: 3+ characters through an FTS5 trigram index as quoted phrases
 * (so `%`, `_`, `*`, `"` and FTS syntax are literal), MAC-like and code-like text also in its
 * compact form (as the cache stores MACs and codes); 1–2 characters at the start of indexed
 * columns by ranges; LIKE while an index is still being built.
 */

/**
 * The compact form of MAC-like or code-like text (`00:0A:DD:02:3F`, `43XC98-68WT`, `000a.dd02`):
 * letters and digits in groups joined by `:` `-` `.` or spaces, without the separators and in
 * upper case, as the cache stores MACs and codes. Null for other text.
 */
export function compactForm(text: string): string | null {
  if (!/^[0-9A-Za-z]+(?:[:.\-\s]+[0-9A-Za-z]+)*$/.test(text)) return null;
  return text.replace(/[:.\-\s]/g, '').toUpperCase();
}

/** One FTS5 phrase: the text in double quotes, its own double quotes doubled, so nothing in it is syntax. */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Text with LIKE's `\`, `%` and `_` escaped (for `ESCAPE '\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** A LIKE pattern matching the text anywhere (for `ESCAPE '\'`). */
export function likePattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** The upper end of a prefix range: `column >= @low AND column < prefixHigh(low)`. */
export function prefixHigh(text: string): string {
  return `${text}\u{10FFFF}`;
}

/** What was typed into a list's search box, ready to match. */
export interface TypedText {
  /** NFKC, trimmed; never empty. */
  text: string;
  compact: string | null;
  /** 3+ characters (or a compact form of 3+): searched inside the columns, not at their start. */
  long: boolean;
  /** The text, and its compact form when that differs and has 3+ characters. */
  phrases: string[];
}

/** Null when nothing was typed. */
export function typedText(contains: string): TypedText | null {
  const text = contains.normalize('NFKC').trim();
  if (text === '') return null;
  const compact = compactForm(text);
  const long = [...text].length >= 3 || (compact !== null && compact.length >= 3);
  const phrases = [text, ...(compact && compact !== text && compact.length >= 3 ? [compact] : [])];
  return { text, compact, long, phrases };
}

/** Any of the phrases, as an FTS5 query. */
export function anyPhrase(phrases: readonly string[]): string {
  return phrases.map(ftsPhrase).join(' OR ');
}
