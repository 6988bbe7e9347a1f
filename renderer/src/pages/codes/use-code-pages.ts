// Its one job: the rows of the Codes table for a filter (`codes.list`, keyset pages as the user
// scrolls), read again when the filter changes or the core says the inventory changed
// (`codes.changed`, through INVALIDATED_BY).
import type { CodeFilter, CodeRow } from '../../../../core/codes/contract';
import { useKeysetPages, type FetchPage } from '../../components/data-table/use-keyset-pages';

const fetchPage: FetchPage<CodeFilter, CodeRow> = async (api, filter, after, limit) => ({
  ...(await api.invoke('codes.list', { filter, after, limit })),
  // The inventory is this computer's own: there is no portal sync time to show.
  lastSyncedAt: null,
});

export function useCodePages(filter: CodeFilter) {
  return useKeysetPages('codes.list', filter, fetchPage);
}
