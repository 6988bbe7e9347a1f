/**
 * Finds the authorization codes in a piece of text (a spreadsheet cell, an e-mail): in any case,
 * with dashes, spaces, dots or underscores between the groups or none, embedded in a sentence
 * ("Your code: 43xc98 68wtgb cwmh53 ys4ra9, thanks"); and the pieces that look like codes but are
 * not (a group too short or too long, 23 or 25 characters, a letter from another alphabet),
 * verbatim with the reason, so the technician can see what a distributor mistyped.
 *
 * An authorization code is 24 letters A–Z and digits (core/domain/auth-code.ts), so almost any
 * 24-character word would parse. What keeps other things out:
 *
 * - web addresses and e-mail addresses are skipped whole;
 * - a code is a whole token: a 24-character run glued to more text (`x/…`, `…=…`, `abc-<24>`)
 *   is part of something else;
 * - a code is typed in one case per group: mixed-case words (`Please`) and feature keys
 *   (`$ZLW-ncjw-Foeb-…`) are not code material;
 * - a code has a letter G–Z (all-hex runs are hashes, MACs or serials: a real code is all hex
 *   with a probability of 3 in a billion) and never only digits (order numbers);
 * - groups separated by spaces only (where words are too) must be four groups of exactly six
 *   with letters and digits among them; a fifth six-letter word beside them is left out when it
 *   has no digit, otherwise the run is reported as unclear;
 * - SKUs (`8210010`), dates, times, MACs and UUIDs have groups of other lengths and never add up.
 *
 * Pure: no I/O. Offsets are UTF-16 indexes into the text as given.
 */
import { parseAuthCode } from '../domain/auth-code';
import type { Message, MessageCode } from '../messages/catalogue';
import { say } from '../messages/say';

export interface FoundCode {
  /** Canonical, with dashes: 43XC98-68WTGB-CWMH53-YS4RA9. */
  code: string;
  /** 24 characters, no dashes (as stored). */
  compact: string;
  /** The text as written in the cell. */
  text: string;
  start: number;
  end: number;
}

export interface NotACode {
  /** The piece as written in the cell, verbatim. */
  text: string;
  /** Why it is not an authorization code, for the user. */
  message: Message;
  start: number;
  end: number;
}

export interface CodesInText {
  codes: FoundCode[];
  notCodes: NotACode[];
}

interface Chunk {
  start: number;
  end: number;
  text: string;
  /** Letters or digits outside A–Z/0–9 (another alphabet, full-width forms). */
  foreign: boolean;
  /** Upper and lower case letters both: a word or a feature key, never a code group. */
  mixedCase: boolean;
  hasDigit: boolean;
  hasLetter: boolean;
}

type Joint = 'dash' | 'dot' | 'underscore' | 'space' | 'break';

const URL_OR_EMAIL = /\b(?:https?|ftp|file):\/\/\S+|\bwww\.\S+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;
/** A cheap test before the address pattern (which is slow on long words): no "@", "://" or "www." means none. */
const MAY_HOLD_ADDRESS = /@|:\/\/|www\./i;
const CHUNK = /[\p{L}\p{N}]+/gu;
const DASH_JOINT = /^\s{0,2}[-‐‑‒–—―−]\s{0,2}$/u;
const SPACE_JOINT = /^[ \t\u00a0\u2007\u202f]{1,3}$/u;
/** What may stand right before or after a code: it is then a token of its own. */
const BOUNDARY = /[\s()[\]{}<>"'«»“”‘’,;:!?.]/u;

function chunkOf(start: number, text: string): Chunk {
  const foreign = /[^A-Za-z0-9]/.test(text);
  // Plain ASCII (nearly every cell) needs no Unicode property look-ups.
  const upper = foreign ? /\p{Lu}/u.test(text) : /[A-Z]/.test(text);
  const lower = foreign ? /\p{Ll}/u.test(text) : /[a-z]/.test(text);
  return {
    start,
    end: start + text.length,
    text,
    foreign,
    mixedCase: upper && lower,
    hasDigit: foreign ? /\p{N}/u.test(text) : /[0-9]/.test(text),
    hasLetter: foreign ? /\p{L}/u.test(text) : /[A-Za-z]/.test(text),
  };
}

function jointKind(between: string): Joint {
  if (between === '.') return 'dot';
  if (between === '_') return 'underscore';
  if (DASH_JOINT.test(between)) return 'dash';
  if (SPACE_JOINT.test(between)) return 'space';
  return 'break';
}

/** A line break beside a separator does not make it another one (`43XC98-68WTGB-⏎CWMH53-YS4RA9`). */
const sameJoint = (a: string, b: string) => a.replace(/[\r\n]/g, '') === b.replace(/[\r\n]/g, '');

/** Whether 24 characters could be a code: a letter G–Z (not all hex, not all digits). */
function plausibleCode(compact: string): boolean {
  return /[G-Z]/i.test(compact);
}

export function findCodes(text: string): CodesInText {
  // Web and e-mail addresses become breaks, keeping every offset.
  const work = MAY_HOLD_ADDRESS.test(text) ? text.replace(URL_OR_EMAIL, (match) => '\u0000'.repeat(match.length)) : text;
  const chunks: Chunk[] = [];
  for (const match of work.matchAll(CHUNK)) chunks.push(chunkOf(match.index, match[0]));
  const jointTexts = chunks.slice(1).map((chunk, i) => work.slice(chunks[i]!.end, chunk.start));
  const joints: Joint[] = jointTexts.map(jointKind);
  const used = new Array<boolean>(chunks.length).fill(false);
  const codes: FoundCode[] = [];
  const notCodes: NotACode[] = [];

  const cleanBefore = (at: number) => at === 0 || BOUNDARY.test(work[at - 1]!);
  const cleanAfter = (at: number) => at >= work.length || BOUNDARY.test(work[at]!);
  const span = (from: number, to: number) => ({ start: chunks[from]!.start, end: chunks[to]!.end });
  const joined = (from: number, to: number) =>
    chunks
      .slice(from, to + 1)
      .map((c) => c.text)
      .join('-');
  const markUsed = (from: number, to: number) => {
    for (let i = from; i <= to; i++) used[i] = true;
  };
  /** Chunks from..to as a code if they parse and are plausible; else as a piece that is not one. */
  const take = (from: number, to: number, asCode: boolean, why?: Message) => {
    const { start, end } = span(from, to);
    const verbatim = text.slice(start, end);
    const parsed = parseAuthCode(joined(from, to));
    markUsed(from, to);
    if (asCode && parsed.ok) {
      // All hex or all digits: a hash, MACs or an order number, not a mistyped code either.
      if (plausibleCode(parsed.compact)) codes.push({ code: parsed.code, compact: parsed.compact, text: verbatim, start, end });
    } else {
      const message: Message =
        why ??
        (parsed.ok
          ? say('codes.notACode.notLikeCode')
          : parsed.params === undefined
            ? { code: parsed.code as MessageCode, message: parsed.message }
            : { code: parsed.code as MessageCode, message: parsed.message, params: parsed.params });
      notCodes.push({ text: verbatim, message, start, end });
    }
  };
  const length = (from: number, to: number) => chunks.slice(from, to + 1).reduce((n, c) => n + c.text.length, 0);
  const anyDigit = (from: number, to: number) => chunks.slice(from, to + 1).some((c) => c.hasDigit);
  const anyLetter = (from: number, to: number) => chunks.slice(from, to + 1).some((c) => c.hasLetter);

  /**
   * Maximal runs of chunks joined by one kind of joint: [first, last] chunk indexes. Explicit
   * separators must also be written the same way throughout (`A-B-C-D - E-F-G-H` is two codes).
   */
  const runs = (kind: Joint): [number, number][] => {
    const out: [number, number][] = [];
    let i = 0;
    while (i < chunks.length) {
      let j = i;
      while (j < joints.length && joints[j] === kind && (kind === 'space' || j === i || sameJoint(jointTexts[j]!, jointTexts[i]!))) j++;
      if (j > i) out.push([i, j]);
      i = j > i ? j : i + 1;
    }
    return out;
  };

  // 1. Groups with explicit separators: 43XC98-68WTGB-CWMH53-YS4RA9, 43xc98.68wtgb…, 43XC9868WTGB-CWMH53YS4RA9.
  for (const kind of ['dash', 'dot', 'underscore'] as const) {
    for (const [first, last] of runs(kind)) {
      if (used.slice(first, last + 1).some(Boolean)) continue;
      if (!cleanBefore(chunks[first]!.start) || !cleanAfter(chunks[last]!.end)) continue;
      if (chunks.slice(first, last + 1).some((c) => c.mixedCase)) continue;
      const group = (i: number) => chunks[i]!.text.length % 6 === 0 && chunks[i]!.text.length <= 18;
      if (length(first, last) === 24 && chunks.slice(first, last + 1).every((_, k) => group(first + k))) {
        take(first, last, true);
        continue;
      }
      // Four groups of six inside a longer run (`SKU-8210010-43XC98-…`), when no other six-group touches them.
      const six = (i: number) => i >= first && i <= last && chunks[i]!.text.length === 6;
      let found = false;
      for (let i = first; i + 3 <= last; i++) {
        if (six(i) && six(i + 1) && six(i + 2) && six(i + 3) && !six(i - 1) && !six(i + 4)) {
          take(i, i + 3, true);
          found = true;
          i += 3;
        }
      }
      if (found) continue;
      const total = length(first, last);
      const near = chunks.slice(first, last + 1).every((c) => c.text.length >= 5);
      if (last > first && near && total >= 17 && total <= 31 && anyDigit(first, last) && anyLetter(first, last)) {
        take(first, last, false);
      }
    }
  }

  // 2. One token of 24 (compact), or 23/25 (a character missing or extra), or 24 with a foreign letter.
  for (const [i, chunk] of chunks.entries()) {
    if (used[i] || chunk.mixedCase) continue;
    if (!cleanBefore(chunk.start) || !cleanAfter(chunk.end)) continue;
    const n = chunk.text.length;
    if (n === 24) take(i, i, true);
    else if ((n === 23 || n === 25) && chunk.hasDigit && chunk.hasLetter && /[G-Z]/i.test(chunk.text)) take(i, i, false);
  }

  // 3. Groups separated by spaces, where words are too: exactly four groups of six.
  for (const [first, last] of runs('space')) {
    let i = first;
    while (i <= last) {
      const eligible = (k: number) => k <= last && !used[k] && chunks[k]!.text.length === 6 && !chunks[k]!.mixedCase;
      if (!eligible(i)) {
        i++;
        continue;
      }
      let j = i;
      while (eligible(j + 1)) j++;
      const from = i;
      const to = j;
      i = j + 1;
      if (from === first && !cleanBefore(chunks[from]!.start)) continue;
      if (to === last && !cleanAfter(chunks[to]!.end)) continue;
      const count = to - from + 1;
      const codeLike = (a: number, b: number) => anyDigit(a, b) && anyLetter(a, b);
      if (count === 4) {
        if (codeLike(from, to)) take(from, to, true);
        continue;
      }
      if (count > 4) {
        // Which four? Only when the groups left out are words (no digit) is the answer clear.
        const windows = Array.from({ length: count - 3 }, (_, k) => from + k).filter(
          (a) => codeLike(a, a + 3) && !anyDigit(from, a - 1) && !anyDigit(a + 4, to),
        );
        if (windows.length === 1) take(windows[0]!, windows[0]! + 3, true);
        else if (chunks.slice(from, to + 1).filter((c) => c.hasDigit).length >= 2) {
          take(from, to, false, say('codes.notACode.groupsUnclear', { count }));
        }
        continue;
      }
      // Fewer than four groups of six, with a code's mix of digits: a code cut short or mistyped.
      let a = from;
      let b = to;
      const partial = (k: number) => !used[k] && chunks[k]!.text.length >= 4 && chunks[k]!.text.length <= 8 && chunks[k]!.hasDigit;
      if (a > first && partial(a - 1)) a--;
      if (b < last && partial(b + 1)) b++;
      if (count === 3 && chunks.slice(from, to + 1).filter((c) => c.hasDigit).length >= 2 && anyLetter(from, to)) {
        take(a, b, false);
      }
    }
  }

  codes.sort((x, y) => x.start - y.start);
  notCodes.sort((x, y) => x.start - y.start);
  return { codes, notCodes };
}
