// Its one job: the rows of the Servers table for a filter (`servers.list`, keyset pages as the user
// scrolls), reloaded when the filter changes or the core says the servers changed (`servers.changed`).
import { useCallback } from 'react';
import type { ServerFilter } from '../../../../core/servers/contract';
import { useApi } from '../../api/CoreProvider';
import { useKeysetPages } from '../../components/data-table/use-keyset-pages';

/** `filter` null: the page cannot search (the dates are reversed); nothing is asked. */
export function useServerPages(filter: ServerFilter | null) {
  const api = useApi();
  const fetchPage = useCallback(
    (current: ServerFilter, after: string | null, limit: number) => api.invoke('servers.list', { filter: current, after, limit }),
    [api],
  );
  const subscribe = useCallback((onChange: () => void) => api.on('servers.changed', onChange), [api]);
  return useKeysetPages(filter, fetchPage, subscribe);
}
