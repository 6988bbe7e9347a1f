// Its one job: the rows of the Keys table for a filter (`keys.list`, keyset pages as the user
// scrolls), read again when the filter changes or the core says the cache changed (`keys.changed`,
// through INVALIDATED_BY).
import type { KeyFilter } from '../../../../core/keys/contract';
import { useKeysetPages, type FetchPage } from '../../components/data-table/use-keyset-pages';
import type { KeyRow } from '../../../../core/keys/contract';

const fetchPage: FetchPage<KeyFilter, KeyRow> = (api, filter, after, limit) => api.invoke('keys.list', { filter, after, limit });

/** `filter` null: the page cannot search (e.g. the dates are reversed); nothing is asked. */
export function useKeyPages(filter: KeyFilter | null) {
  return useKeysetPages('keys.list', filter, fetchPage);
}
