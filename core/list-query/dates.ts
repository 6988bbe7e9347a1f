/** The date range of a list's filter (`from`, `to`), as the UTC text the cache stores. */
import { fieldError, validationError } from '../rpc/errors';
import { say } from '../messages/say';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An ISO date (that UTC day's start; as the end of a range, the next day's start, so the whole
 * day is included) or a full ISO time, as the UTC text the cache stores. VALIDATION under
 * `filter.<field>` for anything else.
 */
export function instant(field: 'from' | 'to', value: string, endOfDay: boolean): string {
  const text = value.trim();
  const parsed = ISO_DATE.test(text) ? Date.parse(`${text}T00:00:00.000Z`) : /T/.test(text) ? Date.parse(text) : Number.NaN;
  const valid = !Number.isNaN(parsed) && (!ISO_DATE.test(text) || new Date(parsed).toISOString().slice(0, 10) === text);
  if (!valid) {
    throw validationError(say(field === 'from' ? 'date.invalidFrom' : 'date.invalidTo', { value }), [
      fieldError(`filter.${field}`, say('date.invalid', { value })),
    ]);
  }
  return new Date(ISO_DATE.test(text) && endOfDay ? parsed + 86_400_000 : parsed).toISOString();
}

/** A filter's range as instants (`to` exclusive), null where open; VALIDATION when it is reversed. */
export function dateBounds(filter: { from: string | null; to: string | null }): { from: string | null; to: string | null } {
  const from = filter.from ? instant('from', filter.from, false) : null;
  const to = filter.to ? instant('to', filter.to, true) : null;
  if (from && to && from > to) {
    throw validationError(say('date.afterEnd'), [fieldError('filter.from', say('date.afterEnd'))]);
  }
  return { from, to };
}
