// Its one job: the rows of the Keys table for a filter (`keys.list`, keyset pages as the user
// scrolls), reloaded when the filter changes or the core says the cache changed (`keys.changed`).
import { useCallback } from 'react';
import type { KeyFilter } from '../../../../core/keys/contract';
import { useApi } from '../../api/CoreProvider';
import { useKeysetPages } from '../../components/data-table/use-keyset-pages';

/** `filter` null: the page cannot search (e.g. the dates are reversed); nothing is asked. */
export function useKeyPages(filter: KeyFilter | null) {
  const api = useApi();
  const fetchPage = useCallback(
    (current: KeyFilter, after: string | null, limit: number) => api.invoke('keys.list', { filter: current, after, limit }),
    [api],
  );
  const subscribe = useCallback((onChange: () => void) => api.on('keys.changed', onChange), [api]);
  return useKeysetPages(filter, fetchPage, subscribe);
}
