/**
 * The Keys page's rules, pure: the URL parameters ⇄ what the page shows (`KeysView`) ⇄ the
 * core's `KeyFilter`, the portal's default range (the last month), the next sort when a header is
 * clicked, and how long ago the cache was synced. No I/O: the clock is passed in.
 */
import type { KeyFilter, KeySearchField, KeySortColumn } from '../../../../core/keys/contract';
import { dayRangeProblem, formatLocalDay, localDaysToInstants, type SortDirection } from '../../components/data-table/list-rules';
import { choiceParam, dayParam, directionParam, filterCodec, textParam } from '../../routing/filter-codec';
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
export { NO_DATE } from '../../routing/filter-codec';

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

/** The list's filter in the address: the dates always (so a reload another day shows the same range), the rest when set. */
function keysParams(today: Date) {
  return filterCodec<KeysView>({
    from: dayParam('from', { fallback: () => defaultDateRange(today).from, always: true }),
    to: dayParam('to', { fallback: () => defaultDateRange(today).to, always: true }),
    by: choiceParam('by', SEARCH_FIELDS, 'all'),
    contains: textParam('q'),
    sort: choiceParam('sort', SORT_COLUMNS, 'redeemedAt', { always: true }),
    direction: directionParam('dir', (view) => defaultDirection(view.sort ?? 'redeemedAt'), { always: true }),
  });
}

/** The view a URL names; anything missing or malformed takes its default, so any link opens a working page. */
export function viewFromParams(params: URLSearchParams, today: Date): KeysView {
  return keysParams(today).fromParams(params);
}

/** The URL parameters of a view: the dates always (so a reload another day shows the same range), the rest when set. */
export function paramsFromView(view: KeysView): RouteParams {
  // Writing never needs the default range: any day will do.
  return keysParams(new Date(0)).toParams(view);
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
