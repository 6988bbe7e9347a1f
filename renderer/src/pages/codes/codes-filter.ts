// Its one job: the Codes list's search as the page holds it, in the address (`#/codes?q=…&status=…
// &sku=…&sort=…&dir=…`, through the shared filter codec), and the filter the core is asked with.
import type { CodeFilter, CodeSortColumn, CodeStatus } from '../../../../core/codes/contract';
import { choiceParam, directionParam, filterCodec, optionalTextParam, textParam } from '../../routing/filter-codec';
import type { RouteParams } from '../../routing/hash-route';

export interface CodesView {
  contains: string;
  status: CodeStatus | null;
  /** An exact SKU; '' for codes whose SKU is not known yet; null for any. */
  sku: string | null;
  sort: CodeSortColumn;
  direction: 'asc' | 'desc';
}

// The contract's lists, restated because the renderer takes only types from feature contracts
// (their zod schemas stay in core); a Record makes the compiler refuse a missing or extra name.
const statuses: Record<CodeStatus, true> = { unchecked: true, available: true, redeemed: true, queued: true, unknown: true };
const sortColumns: Record<CodeSortColumn, true> = {
  importedAt: true,
  code: true,
  sku: true,
  status: true,
  distributor: true,
  lastCheckedAt: true,
};
/** The statuses in the Status list's order. */
export const CODE_STATUS_CHOICES = Object.keys(statuses) as CodeStatus[];
const CODE_SORT_CHOICES = Object.keys(sortColumns) as CodeSortColumn[];

export function filterFromView(view: CodesView): CodeFilter {
  return { contains: view.contains.trim(), status: view.status, sku: view.sku, sort: view.sort, direction: view.direction };
}

/** Dates start newest first, text columns A to Z. */
const defaultDirection = (column: CodeSortColumn): 'asc' | 'desc' =>
  column === 'importedAt' || column === 'lastCheckedAt' ? 'desc' : 'asc';

/** The list's filter in the address; defaults are left out so a plain `#/codes` is the default list. */
const CODES_PARAMS = filterCodec<CodesView>({
  contains: textParam('q'),
  status: choiceParam('status', CODE_STATUS_CHOICES, null),
  sku: optionalTextParam('sku'),
  sort: choiceParam('sort', CODE_SORT_CHOICES, 'importedAt'),
  direction: directionParam('dir', (view) => defaultDirection(view.sort ?? 'importedAt')),
});

/** The view a URL names; anything missing or malformed takes its default. */
export function viewFromParams(params: URLSearchParams): CodesView {
  return CODES_PARAMS.fromParams(params);
}

/** The URL parameters of a view. */
export function paramsFromView(view: CodesView): RouteParams {
  return CODES_PARAMS.toParams(view);
}

/** A header clicked: the same column turns round, another column starts in its natural order. */
export function nextSort(view: CodesView, column: CodeSortColumn): CodesView {
  if (view.sort === column) return { ...view, direction: view.direction === 'asc' ? 'desc' : 'asc' };
  return { ...view, sort: column, direction: defaultDirection(column) };
}
