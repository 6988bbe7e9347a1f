/**
 * The opaque page position of a keyset-paged list (keys, servers, the code inventory): the sort
 * it belongs to and the sort values of the last row shown, as base64url JSON. A cursor of another
 * sort order, or one that is not ours, is refused with VALIDATION on `after`.
 */
import { type ApiError, fieldError, validationError } from '../rpc/errors';
import { say } from '../messages/say';

export interface KeysetSort {
  sort: string;
  direction: string;
}

export function encodeKeysetCursor({ sort, direction }: KeysetSort, values: (string | number)[]): string {
  return Buffer.from(JSON.stringify({ s: sort, d: direction, v: values })).toString('base64url');
}

/**
 * The sort values a cursor carries; `numeric(i)` says which of the `length` values are integers
 * (rowids, numeric sort keys) rather than text.
 */
export function decodeKeysetCursor(after: string, { sort, direction }: KeysetSort, length: number, numeric: (index: number) => boolean) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (typeof parsed !== 'object' || parsed === null) throw badCursor();
  const { s, d, v } = parsed as { s?: unknown; d?: unknown; v?: unknown };
  if (s !== sort || d !== direction) {
    throw validationError(say('cursor.otherSort'), [fieldError('after', say('cursor.otherSort'))]);
  }
  if (!Array.isArray(v) || v.length !== length) throw badCursor();
  v.forEach((value, i) => {
    if (numeric(i) ? !Number.isSafeInteger(value) : typeof value !== 'string') throw badCursor();
  });
  return v as (string | number)[];
}

function badCursor(): ApiError {
  return validationError(say('cursor.invalid'), [fieldError('after', say('cursor.invalid'))]);
}
