/**
 * Rules every filtered list shares (Keys, Servers), pure: local calendar days ⇄ the instants the
 * core filters on, a URL parameter read as one of a set of names, and how long ago the cache was
 * synced. No I/O: the clock is passed in.
 */

export type SortDirection = 'asc' | 'desc';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A local calendar day `YYYY-MM-DD` as a Date at that day's local midnight, or null if it is no real day. */
export function parseLocalDay(day: string): Date | null {
  const match = ISO_DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = new Date(year, month - 1, date);
  return value.getFullYear() === year && value.getMonth() === month - 1 && value.getDate() === date ? value : null;
}

export function formatLocalDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The user's local days as the instants the core filters on: from the start day's local midnight
 * to the local midnight after the end day. A missing or malformed day is no bound.
 */
export function localDaysToInstants(from: string | null, to: string | null): { from: string | null; to: string | null } {
  const start = from ? parseLocalDay(from) : null;
  const end = to ? parseLocalDay(to) : null;
  if (end) end.setDate(end.getDate() + 1);
  return { from: start ? start.toISOString() : null, to: end ? end.toISOString() : null };
}

/** Why a range of days cannot be searched, or null. */
export function dayRangeProblem(from: string | null, to: string | null): 'reversed' | null {
  return from && to && from > to ? 'reversed' : null;
}

/** `value` when it is one of `values`, else null (a URL parameter someone edited). */
export function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

export type RelativeUnit = 'minute' | 'hour' | 'day' | 'month' | 'year';

/** How long ago `iso` was, in the largest whole unit (null under a minute, or when `iso` is no time). */
export function timeAgo(iso: string, now: Date): { value: number; unit: RelativeUnit } | null {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return null;
  const minutes = Math.floor((now.getTime() - then) / 60_000);
  if (minutes < 1) return null;
  if (minutes < 60) return { value: minutes, unit: 'minute' };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { value: hours, unit: 'hour' };
  const days = Math.floor(hours / 24);
  if (days < 30) return { value: days, unit: 'day' };
  if (days < 365) return { value: Math.floor(days / 30), unit: 'month' };
  return { value: Math.floor(days / 365), unit: 'year' };
}
