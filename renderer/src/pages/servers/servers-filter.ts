/**
 * The Servers page's rules, pure: the URL parameters ⇄ what the page shows (`ServersView`) ⇄ the
 * core's `ServerFilter`, and the next sort when a header is clicked. The portal's dashboard lists
 * every server until a date range is given, so no dates is the default.
 */
import { SERVER_MODELS, SERVER_STATUSES, type ServerModel, type ServerStatus } from '../../../../core/domain/servers';
import type { ServerFilter, ServerSearchField, ServerSortColumn } from '../../../../core/servers/contract';
import { dayRangeProblem, localDaysToInstants, type SortDirection } from '../../components/data-table/list-rules';
import { choiceParam, dayParam, directionParam, filterCodec, flagParam, textParam } from '../../routing/filter-codec';
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

/** The list's filter in the address; defaults are left out so a plain `#/servers` is the default list. */
const SERVERS_PARAMS = filterCodec<ServersView>({
  from: dayParam('from'),
  to: dayParam('to'),
  by: choiceParam('by', SERVER_SEARCH_FIELDS, 'all'),
  contains: textParam('q'),
  model: choiceParam('model', SERVER_MODELS, null),
  status: choiceParam('status', SERVER_STATUSES, null),
  hidden: flagParam('hidden'),
  sort: choiceParam('sort', SERVER_SORT_COLUMNS, 'addedAt'),
  direction: directionParam('dir', (view) => defaultDirection(view.sort ?? 'addedAt')),
});

/** The view a URL names; anything missing or malformed takes its default, so any link opens a working page. */
export function viewFromParams(params: URLSearchParams): ServersView {
  return SERVERS_PARAMS.fromParams(params);
}

/** The URL parameters of a view; defaults are left out so a plain `#/servers` is the default list. */
export function paramsFromView(view: ServersView): RouteParams {
  return SERVERS_PARAMS.toParams(view);
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
