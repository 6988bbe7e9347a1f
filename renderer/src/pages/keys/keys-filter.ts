/**
 * The Keys page's rules, pure: the URL parameters ⇄ what the page shows (`KeysView`) ⇄ the
 * core's `KeyFilter`, the portal's default range (the last month), the next sort when a header is
 * clicked, and how long ago the cache was synced. No I/O: the clock is passed in.
 */
import type { KeyFilter, KeySearchField, KeySortColumn } from '../../../../core/keys/contract';
import type { RouteParams } from '../../routing/hash-route';

export type SortDirection = 'asc' | 'desc';

// The contract's lists, restated because the renderer takes only types from feature contracts
// (their zod schemas stay in core); a Record makes the compiler refuse a missing or extra name.
const searchFields: Record<KeySearchField, true> = {
  all: true,
  mac: true,
  sku: true,
  authCode: true,
  featureKey: true,
  systemName: true,
  customer: true,
};
const sortColumns: Record<KeySortColumn, true> = {
  sku: true,
  distributor: true,
  authCode: true,
  featureKey: true,
  mac: true,
  systemName: true,
  redeemedAt: true,
};
/** What Contains can be matched against, in the By list's order. */
export const SEARCH_FIELDS = Object.keys(searchFields) as KeySearchField[];
export const SORT_COLUMNS = Object.keys(sortColumns) as KeySortColumn[];

/** What the Keys page shows, as the URL says it. Dates are local calendar days `YYYY-MM-DD`; null: no bound. */
export interface KeysView {
  from: string | null;
  to: string | null;
  by: KeySearchField;
  contains: string;
  sort: KeySortColumn;
  direction: SortDirection;
}

/** A date bound the user cleared, so the default (the last month) does not come back on reload. */
export const NO_DATE = 'any';

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

/** The portal's default: from the same day last month (the month's last day when it is shorter) to today. */
export function defaultDateRange(today: Date): { from: string; to: string } {
  const lastMonth = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  const daysInLastMonth = new Date(lastMonth.getFullYear(), lastMonth.getMonth() + 1, 0).getDate();
  lastMonth.setDate(Math.min(today.getDate(), daysInLastMonth));
  return { from: formatLocalDay(lastMonth), to: formatLocalDay(today) };
}

/** Newest first for dates; A→Z for text. */
export function defaultDirection(column: KeySortColumn): SortDirection {
  return column === 'redeemedAt' ? 'desc' : 'asc';
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

function dayParam(value: string | null, fallback: string): string | null {
  if (value === NO_DATE) return null;
  return value !== null && parseLocalDay(value) ? value : fallback;
}

/** The view a URL names; anything missing or malformed takes its default, so any link opens a working page. */
export function viewFromParams(params: URLSearchParams, today: Date): KeysView {
  const range = defaultDateRange(today);
  const sort = oneOf(SORT_COLUMNS, params.get('sort')) ?? 'redeemedAt';
  return {
    from: dayParam(params.get('from'), range.from),
    to: dayParam(params.get('to'), range.to),
    by: oneOf(SEARCH_FIELDS, params.get('by')) ?? 'all',
    contains: params.get('q') ?? '',
    sort,
    direction: oneOf(['asc', 'desc'] as const, params.get('dir')) ?? defaultDirection(sort),
  };
}

/** The URL parameters of a view: the dates always (so a reload another day shows the same range), the rest when set. */
export function paramsFromView(view: KeysView): RouteParams {
  return {
    from: view.from ?? NO_DATE,
    to: view.to ?? NO_DATE,
    by: view.by === 'all' ? null : view.by,
    q: view.contains,
    sort: view.sort,
    dir: view.direction,
  };
}

/** Why the dates cannot be searched, or null. */
export function dateRangeProblem(view: KeysView): 'reversed' | null {
  if (view.from && view.to && view.from > view.to) return 'reversed';
  return null;
}

/**
 * The core's filter for a view. The dates are the user's local days, so they are sent as instants:
 * from the start day's local midnight to the local midnight after the end day.
 */
export function filterFromView(view: KeysView): KeyFilter {
  const start = view.from ? parseLocalDay(view.from) : null;
  const end = view.to ? parseLocalDay(view.to) : null;
  if (end) end.setDate(end.getDate() + 1);
  return {
    from: start ? start.toISOString() : null,
    to: end ? end.toISOString() : null,
    by: view.by,
    contains: view.contains.trim(),
    sort: view.sort,
    direction: view.direction,
  };
}

/** The view after a click on a column header: the same column turns around, another starts in its natural order. */
export function nextSort(view: KeysView, column: KeySortColumn): KeysView {
  if (view.sort === column) return { ...view, direction: view.direction === 'asc' ? 'desc' : 'asc' };
  return { ...view, sort: column, direction: defaultDirection(column) };
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

/** The Keys table's columns, in the portal's order; `details` is the button column. */
export const KEY_COLUMNS = ['sku', 'distributor', 'authCode', 'featureKey', 'mac', 'systemName', 'redeemedAt', 'details'] as const;
export type KeyColumn = (typeof KEY_COLUMNS)[number];
