// Its one job: the rows of the Servers table for a filter (`servers.list`, keyset pages as the user
// scrolls), read again when the filter changes or the core says the servers changed
// (`servers.changed`, through INVALIDATED_BY).
import type { ServerFilter, ServerRow } from '../../../../core/servers/contract';
import { useKeysetPages, type FetchPage } from '../../components/data-table/use-keyset-pages';

const fetchPage: FetchPage<ServerFilter, ServerRow> = (api, filter, after, limit) => api.invoke('servers.list', { filter, after, limit });

/** `filter` null: the page cannot search (the dates are reversed); nothing is asked. */
export function useServerPages(filter: ServerFilter | null) {
  return useKeysetPages('servers.list', filter, fetchPage);
}
