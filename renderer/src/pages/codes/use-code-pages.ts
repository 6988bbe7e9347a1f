// Its one job: the rows of the Codes table for a filter (`codes.list`, keyset pages as the user
// scrolls), reloaded when the filter changes or the core says the inventory changed (`codes.changed`).
import { useCallback } from 'react';
import type { CodeFilter } from '../../../../core/codes/contract';
import { useApi } from '../../api/CoreProvider';
import { useKeysetPages } from '../../components/data-table/use-keyset-pages';

export function useCodePages(filter: CodeFilter) {
  const api = useApi();
  const fetchPage = useCallback(
    async (current: CodeFilter, after: string | null, limit: number) => ({
      ...(await api.invoke('codes.list', { filter: current, after, limit })),
      // The inventory is this computer's own: there is no portal sync time to show.
      lastSyncedAt: null,
    }),
    [api],
  );
  const subscribe = useCallback((onChange: () => void) => api.on('codes.changed', onChange), [api]);
  return useKeysetPages(filter, fetchPage, subscribe);
}
