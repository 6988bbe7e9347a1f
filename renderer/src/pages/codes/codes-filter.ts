// Its one job: the Codes list's search as the page holds it, and the filter the core is asked with.
import type { CodeFilter, CodeSortColumn, CodeStatus } from '../../../../core/codes/contract';

export interface CodesView {
  contains: string;
  status: CodeStatus | null;
  /** An exact SKU; '' for codes whose SKU is not known yet; null for any. */
  sku: string | null;
  sort: CodeSortColumn;
  direction: 'asc' | 'desc';
}

export const defaultCodesView = (): CodesView => ({ contains: '', status: null, sku: null, sort: 'importedAt', direction: 'desc' });

export function filterFromView(view: CodesView): CodeFilter {
  return { contains: view.contains.trim(), status: view.status, sku: view.sku, sort: view.sort, direction: view.direction };
}

/** Dates start newest first, text columns A to Z. */
const defaultDirection = (column: CodeSortColumn): 'asc' | 'desc' =>
  column === 'importedAt' || column === 'lastCheckedAt' ? 'desc' : 'asc';

/** A header clicked: the same column turns round, another column starts in its natural order. */
export function nextSort(view: CodesView, column: CodeSortColumn): CodesView {
  if (view.sort === column) return { ...view, direction: view.direction === 'asc' ? 'desc' : 'asc' };
  return { ...view, sort: column, direction: defaultDirection(column) };
}
