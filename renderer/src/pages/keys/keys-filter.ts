/**
 * The Keys page's rules, pure: the URL parameters ⇄ what the page shows (`KeysView`) ⇄ the
 * core's `KeyFilter`, the portal's default range (the last month), the next sort when a header is
 * clicked, and how long ago the cache was synced. No I/O: the clock is passed in.
 */
import type { KeyFilter, KeySearchField, KeySortColumn } from '../../../../core/keys/contract';
import {
  dayRangeProblem,
  formatLocalDay,
  localDaysToInstants,
  oneOf,
  parseLocalDay,
  type SortDirection,
} from '../../components/data-table/list-rules';
import type { RouteParams } from '../../routing/hash-route';

export { formatLocalDay, parseLocalDay, timeAgo, type RelativeUnit, type SortDirection } from '../../components/data-table/list-rules';

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
  return dayRangeProblem(view.from, view.to);
}

/**
 * The core's filter for a view. The dates are the user's local days, so they are sent as instants:
 * from the start day's local midnight to the local midnight after the end day.
 */
export function filterFromView(view: KeysView): KeyFilter {
  return {
    ...localDaysToInstants(view.from, view.to),
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

/** The Keys table's columns, in the portal's order; `details` is the button column. */
export const KEY_COLUMNS = ['sku', 'distributor', 'authCode', 'featureKey', 'mac', 'systemName', 'redeemedAt', 'details'] as const;
export type KeyColumn = (typeof KEY_COLUMNS)[number];
