/**
 * Times in the cache are UTC ISO-8601 with milliseconds, as `Date#toISOString` writes them
 * (`2026-01-02T03:04:05.000Z`), whatever offset the portal or a file used: then text order is
 * time order, and sorting and date filters work on the stored text.
 */

/** `2026-01-02T05:04:05+02:00`, `…Z`, with or without a fraction; the `T` may be a space. */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The UTC ISO-8601 form of an ISO time carrying `Z` or an offset, or null when it is not one
 * (no offset, an impossible date, other text): the caller decides what a bad time means.
 */
export function toUtcIso(value: string): string | null {
  // Most times arrive in this form already (a first sync brings a million): no parsing then.
  if (CANONICAL.test(value) && !Number.isNaN(Date.parse(value))) return value;
  const match = ISO_TIME.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
  const ms = Math.floor(Number(`0${fraction || '.0'}`) * 1000);
  const base = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), ms);
  // Date.UTC rolls 2026-02-30 over to March: refuse instead.
  const check = new Date(base);
  if (
    check.getUTCFullYear() !== Number(year) ||
    check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59
  ) {
    return null;
  }
  let offsetMinutes = 0;
  if (zone!.toUpperCase() !== 'Z') {
    const digits = zone!.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 23 || minutes > 59) return null;
    offsetMinutes = (digits[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return new Date(base - offsetMinutes * 60_000).toISOString();
}
