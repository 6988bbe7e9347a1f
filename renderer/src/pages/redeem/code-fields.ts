import type { ScanOutcome } from '../../scan/types';
import { parseAuthCode } from './code-formats';

/** The portal's form shows ten; one redemption takes at most fifty (MAX_CODES_PER_REDEMPTION). */
export const INITIAL_CODE_FIELDS = 10;
export const MAX_CODE_FIELDS = 50;

export function emptyCodeFields(count = INITIAL_CODE_FIELDS): string[] {
  return new Array<string>(count).fill('');
}

/** The canonical code in a field, or null when it is empty or not a code. */
export function canonicalCode(value: string): string | null {
  const parsed = parseAuthCode(value);
  return parsed.ok ? parsed.code : null;
}

/** The index of an earlier field holding the same code as field `index`, or -1. */
export function earlierDuplicate(values: readonly string[], index: number): number {
  const code = canonicalCode(values[index] ?? '');
  if (code === null) return -1;
  return values.slice(0, index).findIndex((value) => canonicalCode(value) === code);
}

/** The index of the field holding `code` (canonical), or -1. */
export function fieldWithCode(values: readonly string[], code: string): number {
  return values.findIndex((value) => canonicalCode(value) === code);
}

/**
 * The next empty field after `from`, wrapping round to the start; -1 when every field is filled.
 * (A scanner user fills fields forward; an empty one left behind is still used before adding.)
 */
export function nextEmptyField(values: readonly string[], from: number): number {
  for (let step = 1; step <= values.length; step++) {
    const index = (from + step) % values.length;
    if (values[index]!.trim() === '') return index;
  }
  return -1;
}

export interface FillResult {
  values: string[];
  /** Where each new code went (field indexes). */
  placed: { code: string; field: number }[];
  /** Codes that were already in the form, and where. */
  alreadyInForm: { code: string; field: number }[];
  /** Codes that did not fit (no empty field left and fifty fields in use). */
  overflow: string[];
}

/**
 * Puts codes into the form starting at field `start`, skipping fields already filled (field
 * `start` itself is used when `replaceStart`, i.e. the user pasted over its whole content) and
 * adding fields as needed up to fifty. Codes already in the form are not added twice.
 */
export function fillCodes(
  current: readonly string[],
  start: number,
  codes: readonly string[],
  { replaceStart = false, max = MAX_CODE_FIELDS }: { replaceStart?: boolean; max?: number } = {},
): FillResult {
  const values = [...current];
  // Pasting over a field's whole content replaces it.
  if (replaceStart && start < values.length) values[start] = '';
  const result: FillResult = { values, placed: [], alreadyInForm: [], overflow: [] };
  let index = start;
  for (const code of codes) {
    const present = fieldWithCode(values, code);
    if (present >= 0) {
      result.alreadyInForm.push({ code, field: present });
      continue;
    }
    while (index < values.length && values[index]!.trim() !== '') index++;
    if (index >= values.length) {
      if (values.length >= max) {
        result.overflow.push(code);
        continue;
      }
      values.push('');
    }
    values[index] = code;
    result.placed.push({ code, field: index });
    index++;
  }
  return result;
}

/**
 * A code from the camera goes into the first empty field (adding one, up to fifty); a code
 * already in the form is ignored. The outcome names fields 1-based, as the labels do.
 */
export function placeScannedCode(
  current: readonly string[],
  code: string,
  max = MAX_CODE_FIELDS,
): { values: string[]; outcome: ScanOutcome } {
  const present = fieldWithCode(current, code);
  if (present >= 0) return { values: [...current], outcome: { kind: 'duplicate', field: present + 1 } };
  const empty = current.findIndex((value) => value.trim() === '');
  if (empty >= 0) {
    const values = [...current];
    values[empty] = code;
    return { values, outcome: { kind: 'added', field: empty + 1 } };
  }
  if (current.length >= max) return { values: [...current], outcome: { kind: 'full' } };
  return { values: [...current, code], outcome: { kind: 'added', field: current.length + 1 } };
}
