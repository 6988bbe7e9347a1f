import { parseAuthCode } from './code-formats';

export interface ExtractedCodes {
  /** Canonical codes in the order they appear, each once. */
  codes: string[];
  /** Codes that appeared more than once in the text (each is in `codes` once). */
  repeated: string[];
  /** Pieces that look like an attempt at a code but are not one, as they appear in the text. */
  unreadable: string[];
}

/** Separators that always end a code: line breaks, commas, semicolons, tabs, pipes. */
const HARD_SEPARATORS = /[\r\n,;\t|]+/;
/** Every kind of dash an e-mail or word processor may produce. */
const DASHES = /[‐‑‒–—―−]/g;
/** Punctuation around a word that is not part of it: `Code:`, `(43XC98-…)`, `"…".` */
const EDGE_PUNCTUATION = /^[\s:.()[\]{}"'“”‘’<>*#]+|[\s:.()[\]{}"'“”‘’<>*#]+$/g;

interface Token {
  text: string;
  /** Letters and digits only (dashes removed), upper case; null when the token has anything else. */
  alnum: string | null;
}

/**
 * Finds authorization codes in free text: an e-mail, a spreadsheet column, codes separated by
 * spaces, new lines, commas or tabs. A code may be written with dashes, with spaces between its
 * four groups, or as 24 characters in one piece, in any case. Plain words ("Code:", "SKU") are
 * ignored; what looks like a damaged code is reported as unreadable.
 */
export function extractAuthCodes(text: string): ExtractedCodes {
  const found: string[] = [];
  const unreadable: string[] = [];
  for (const line of text.normalize('NFKC').replace(DASHES, '-').split(HARD_SEPARATORS)) {
    const tokens = line
      .split(/\s+/)
      .map((word) => word.replace(EDGE_PUNCTUATION, ''))
      .filter((word) => word !== '' && !/^-+$/.test(word))
      .map(toToken);
    const used = new Array<boolean>(tokens.length).fill(false);

    // A code in one piece (dashed or not) first: it cannot be confused with its neighbours.
    tokens.forEach((token, i) => {
      if (token.alnum?.length === 24) {
        found.push(canonical(token.alnum));
        used[i] = true;
      }
    });
    // Then groups separated by spaces (43XC98 68WTGB CWMH53 YS4RA9): consecutive pieces whose
    // lengths are whole groups of six and add up to 24.
    for (let start = 0; start < tokens.length; start++) {
      let length = 0;
      for (let end = start; end < tokens.length && !used[end]; end++) {
        const part = tokens[end]!.alnum;
        if (part === null || part.length % 6 !== 0) break;
        length += part.length;
        if (length > 24) break;
        if (length === 24) {
          found.push(
            canonical(
              tokens
                .slice(start, end + 1)
                .map((t) => t.alnum)
                .join(''),
            ),
          );
          for (let i = start; i <= end; i++) used[i] = true;
          start = end;
          break;
        }
      }
    }
    // What is left and looks like a code (letters and digits mixed, six or more) could not be read.
    let piece: string[] = [];
    const flush = () => {
      if (piece.length) unreadable.push(piece.join(' '));
      piece = [];
    };
    tokens.forEach((token, i) => {
      // A short group with a digit after a damaged code is its tail (43XC98 68WTGB CWMH53 YS4RA).
      const tail = piece.length > 0 && token.alnum !== null && /[0-9]/.test(token.alnum);
      if (!used[i] && (looksLikeCode(token.text) || tail)) piece.push(token.text);
      else flush();
    });
    flush();
  }

  const codes = [...new Set(found)];
  const repeated = codes.filter((code) => found.indexOf(code) !== found.lastIndexOf(code));
  return { codes, repeated, unreadable };
}

function toToken(text: string): Token {
  const compact = text.replace(/-/g, '');
  return { text, alnum: /^[A-Za-z0-9]+$/.test(compact) ? compact.toUpperCase() : null };
}

function canonical(compact: string): string {
  const parsed = parseAuthCode(compact);
  // 24 letters and digits always parse; the fallback only satisfies the type.
  return parsed.ok ? parsed.code : compact;
}

/** At least six letters or digits, with both letters and digits: a damaged code, not a word or a number. */
function looksLikeCode(text: string): boolean {
  const compact = text.replace(/[^A-Za-z0-9]/g, '');
  return compact.length >= 6 && /[0-9]/.test(compact) && /[A-Za-z]/.test(compact);
}
