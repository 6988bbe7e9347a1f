// Its one job: a system's keys and licence inventory from the cache (`keys.lookup`) for the query
// shown, a query read again when the cache changes (`keys.changed` through INVALIDATED_BY: a sync,
// an import, a redemption's answer).
import { useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../../../../core/rpc/errors';
import type { QuickLookupResult } from '../../../../core/keys/contract';
import { useCoreQuery, useInvalidate } from '../../api/queries';
import { coreQueryKey } from '../../api/query-client';
import type { LookupQuery } from './lookup-query';

export type SystemLookup =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'done'; result: QuickLookupResult }
  | { state: 'failed'; error: ApiError };

export function useSystemLookup(query: LookupQuery | null) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const mac = query?.mac ?? '';
  const serial = query?.serial ?? '';
  const args = serial ? { mac, serial } : { mac };
  const answer = useCoreQuery('keys.lookup', args, { enabled: query !== null });

  // An answer for another query is never shown; the one for this query stays up while it is
  // asked again after a cache change, so the table does not flicker. The last answer wins: a read
  // again that fails shows the failure.
  const lookup: SystemLookup =
    query === null
      ? { state: 'idle' }
      : answer.status === 'error'
        ? { state: 'failed', error: answer.error }
        : answer.status === 'success'
          ? { state: 'done', result: answer.data }
          : { state: 'loading' };
  return {
    lookup,
    /** Asks again, showing the progress bar (after a failure). */
    retry: () => void queryClient.resetQueries({ queryKey: coreQueryKey('keys.lookup', args) }),
    /** Asks again, keeping the answer shown until the new one arrives (after a change made here). */
    refresh: () => void invalidate('keys.changed'),
  };
}
