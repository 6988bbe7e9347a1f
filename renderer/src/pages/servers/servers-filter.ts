/**
 * The Servers page's rules, pure: the URL parameters ⇄ what the page shows (`ServersView`) ⇄ the
 * core's `ServerFilter`, and the next sort when a header is clicked. The portal's dashboard lists
 * every server until a date range is given, so no dates is the default.
 */
import { SERVER_MODELS, SERVER_STATUSES, type ServerModel, type ServerStatus } from '../../../../core/domain/servers';
import type { ServerFilter, ServerSearchField, ServerSortColumn } from '../../../../core/servers/contract';
import { dayRangeProblem, localDaysToInstants, oneOf, parseLocalDay, type SortDirection } from '../../components/data-table/list-rules';
import type { RouteParams } from '../../routing/hash-route';

// The contract's lists, restated because the renderer takes only types from feature contracts
// (their zod schemas stay in core); a Record makes the compiler refuse a missing or extra name.
const searchFields: Record<ServerSearchField, true> = { all: true, mac: true, serial: true, systemName: true, company: true, siteId: true };
const sortColumns: Record<ServerSortColumn, true> = {
  mac: true,
  model: true,
  systemName: true,
  company: true,
  siteId: true,
  status: true,
  addedAt: true,
};
/** What Contains can be matched against, in the By list's order. */
export const SERVER_SEARCH_FIELDS = Object.keys(searchFields) as ServerSearchField[];
/** The table's sortable columns, in the portal's order. */
export const SERVER_SORT_COLUMNS = Object.keys(sortColumns) as ServerSortColumn[];

/** What the Servers page lists, as the URL says it. Dates are local calendar days `YYYY-MM-DD`; null: no bound. */
export interface ServersView {
  from: string | null;
  to: string | null;
  by: ServerSearchField;
  contains: string;
  /** `Machine Type`; null: all. */
  model: ServerModel | null;
  /** `Server Status`; null: all. */
  status: ServerStatus | null;
  /** `Show Only Hidden Servers`. */
  hidden: boolean;
  sort: ServerSortColumn;
  direction: SortDirection;
}

/** The search fields of the form (what Search applies and Reset clears): all but the order and Show Only Hidden. */
export type ServersSearch = Pick<ServersView, 'from' | 'to' | 'by' | 'contains' | 'model' | 'status'>;

export const EMPTY_SEARCH: ServersSearch = { from: null, to: null, by: 'all', contains: '', model: null, status: null };

/** Newest first for the date added; A→Z for the rest. */
export function defaultDirection(column: ServerSortColumn): SortDirection {
  return column === 'addedAt' ? 'desc' : 'asc';
}

function dayParam(value: string | null): string | null {
  return value !== null && parseLocalDay(value) ? value : null;
}

/** The view a URL names; anything missing or malformed takes its default, so any link opens a working page. */
export function viewFromParams(params: URLSearchParams): ServersView {
  const sort = oneOf(SERVER_SORT_COLUMNS, params.get('sort')) ?? 'addedAt';
  return {
    from: dayParam(params.get('from')),
    to: dayParam(params.get('to')),
    by: oneOf(SERVER_SEARCH_FIELDS, params.get('by')) ?? 'all',
    contains: params.get('q') ?? '',
    model: oneOf(SERVER_MODELS, params.get('model')),
    status: oneOf(SERVER_STATUSES, params.get('status')),
    hidden: params.get('hidden') === '1',
    sort,
    direction: oneOf(['asc', 'desc'] as const, params.get('dir')) ?? defaultDirection(sort),
  };
}

/** The URL parameters of a view; defaults are left out so a plain `#/servers` is the default list. */
export function paramsFromView(view: ServersView): RouteParams {
  return {
    from: view.from,
    to: view.to,
    by: view.by === 'all' ? null : view.by,
    q: view.contains,
    model: view.model,
    status: view.status,
    hidden: view.hidden ? '1' : null,
    sort: view.sort === 'addedAt' ? null : view.sort,
    dir: view.direction === defaultDirection(view.sort) ? null : view.direction,
  };
}

/** Why the dates cannot be searched, or null. */
export function dateRangeProblem(search: Pick<ServersView, 'from' | 'to'>): 'reversed' | null {
  return dayRangeProblem(search.from, search.to);
}

/** The core's filter for a view: the local days as instants, Contains trimmed. */
export function filterFromView(view: ServersView): ServerFilter {
  return {
    ...localDaysToInstants(view.from, view.to),
    by: view.by,
    contains: view.contains.trim(),
    model: view.model,
    status: view.status,
    hidden: view.hidden,
    sort: view.sort,
    direction: view.direction,
  };
}

/** The view after a click on a column header: the same column turns around, another starts in its natural order. */
export function nextSort(view: ServersView, column: ServerSortColumn): ServersView {
  if (view.sort === column) return { ...view, direction: view.direction === 'asc' ? 'desc' : 'asc' };
  return { ...view, sort: column, direction: defaultDirection(column) };
}
