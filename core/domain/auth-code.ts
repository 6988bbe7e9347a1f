/**
 * Authorization codes: 24 letters A–Z and digits, shown as four groups of six joined by dashes
 * (43XC98-68WTGB-CWMH53-YS4RA9). People type them in lower case, without dashes or with spaces;
 * scanners return them with or without dashes. Normalise first, then validate, and say exactly
 * what is wrong.
 */

import type { Refusal } from './refusal';

export const AUTH_CODE_LENGTH = 24;
const GROUP = 6;

export type AuthCodeParse =
  | { ok: true /** Canonical, with dashes: 43XC98-68WTGB-CWMH53-YS4RA9 */; code: string /** 24 characters, no dashes */; compact: string }
  | Refusal;

/** Dashes of every kind a word processor or e-mail may produce. */
const DASHES = /[-‐‑‒–—―−]/g;

const CANONICAL = /^[A-Z0-9]{6}-[A-Z0-9]{6}-[A-Z0-9]{6}-[A-Z0-9]{6}$/;
const COMPACT = /^[A-Z0-9]{24}$/;

export function parseAuthCode(input: string): AuthCodeParse {
  // The forms the portal and FieldKey write, taken as they are (a file of a million codes).
  if (CANONICAL.test(input)) return { ok: true, code: input, compact: input.replaceAll('-', '') };
  if (COMPACT.test(input)) return { ok: true, code: formatAuthCode(input), compact: input };
  const trimmed = input.normalize('NFKC').trim();
  if (trimmed === '') return { ok: false, code: 'code.required', message: 'Enter an authorization code.' };
  const upper = trimmed.toUpperCase().replace(DASHES, '-');
  const stripped = upper.replace(/[\s-]+/g, '');

  for (let i = 0; i < stripped.length; i++) {
    const ch = stripped[i]!;
    if (!/[A-Z0-9]/.test(ch)) {
      return {
        ok: false,
        code: 'code.badCharacter',
        params: { character: ch, position: i + 1 },
        message: `"${ch}" (character ${i + 1}) is not allowed: authorization codes contain only letters A–Z and digits 0–9.`,
      };
    }
  }
  if (stripped.length !== AUTH_CODE_LENGTH) {
    const groups = upper.split(/[\s-]+/).filter(Boolean);
    if (groups.length === 4) {
      const bad = groups.findIndex((g) => g.length !== GROUP);
      if (bad >= 0) {
        return {
          ok: false,
          code: 'code.badGroup',
          params: { group: bad + 1, length: groups[bad]!.length, total: stripped.length },
          message: `Group ${bad + 1} has ${groups[bad]!.length} characters; each of the four groups has 6 (the code has ${stripped.length} of 24).`,
        };
      }
    }
    return {
      ok: false,
      code: stripped.length < AUTH_CODE_LENGTH ? 'code.tooShort' : 'code.tooLong',
      params: { length: stripped.length },
      message:
        stripped.length < AUTH_CODE_LENGTH
          ? `Too short: an authorization code has 24 letters and digits, this has ${stripped.length}.`
          : `Too long: an authorization code has 24 letters and digits, this has ${stripped.length}.`,
    };
  }
  return { ok: true, code: formatAuthCode(stripped), compact: stripped };
}

/** 24 characters → four dashed groups of six. */
export function formatAuthCode(compact: string): string {
  return [0, 6, 12, 18].map((start) => compact.slice(start, start + GROUP)).join('-');
}

/** Dashed or compact → the 24 characters without dashes (for storage). */
export function compactAuthCode(code: string): string {
  return code.replace(/-/g, '');
}

/** Whether a string is already a canonical, dashed authorization code. */
export function isCanonicalAuthCode(value: string): boolean {
  return /^[A-Z0-9]{6}(-[A-Z0-9]{6}){3}$/.test(value);
}
