// Its one job: the rows of the Codes table for a filter (`codes.list`, keyset pages as the user
// scrolls), read again when the filter changes or the core says the inventory changed
// (`codes.changed`, through INVALIDATED_BY). The first page's note is a core message, which the
// list frame says in the user's language.
import type { CodeFilter, CodeRow } from '../../../../core/codes/contract';
import { useKeysetPages, type FetchPage } from '../../components/data-table/use-keyset-pages';

export function useCodePages(filter: CodeFilter) {
  const fetchPage: FetchPage<CodeFilter, CodeRow> = async (api, pageFilter, after, limit) => {
    const page = await api.invoke('codes.list', { filter: pageFilter, after, limit });
    // The inventory is this computer's own: there is no portal sync time to show.
    return { ...page, lastSyncedAt: null };
  };
  return useKeysetPages('codes.list', filter, fetchPage);
}
