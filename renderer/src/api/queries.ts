// Its one job: reading the core through the query cache. `useCoreQuery` for a read a view shows
// (asked again when an event in INVALIDATED_BY names its method), `useInvalidate` for a change made
// here, `useCoreFetch` for a read asked once, on demand (a click, a dialog's choice).
import { useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ApiClient } from '../../../core/api/client';
import type { ArgsOf, EventName, MethodName, ResultOf } from '../../../core/api/contract';
import type { ApiError } from '../../../core/rpc/errors';
import { useApi } from './CoreProvider';
import { toApiError } from './core-store';
import { coreMethodKey, coreQueryKey, INVALIDATED_BY } from './query-client';

/** Asks the core; a failure is always an ApiError fit to show. */
export async function invokeCore<M extends MethodName>(api: ApiClient, method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
  try {
    return await (api.invoke as (method: M, args: ArgsOf<M>) => Promise<ResultOf<M>>)(method, args);
  } catch (err) {
    throw toApiError(err);
  }
}

export type CoreQueryOptions<M extends MethodName, T = ResultOf<M>> = Omit<
  UseQueryOptions<ResultOf<M>, ApiError, T>,
  'queryKey' | 'queryFn'
>;

/** `method`'s answer for `args`, read while a view shows it. */
export function useCoreQuery<M extends MethodName, T = ResultOf<M>>(method: M, args: ArgsOf<M>, options?: CoreQueryOptions<M, T>) {
  const api = useApi();
  return useQuery<ResultOf<M>, ApiError, T>({
    queryKey: coreQueryKey(method, args),
    queryFn: () => invokeCore(api, method, args),
    ...options,
  });
}

/**
 * After a change made here: reads again every shown query the core's `event` would (INVALIDATED_BY),
 * without waiting for the event itself; resolves when the reads are done.
 */
export function useInvalidate() {
  const queryClient = useQueryClient();
  return useCallback(
    async (event: EventName) => {
      const methods = INVALIDATED_BY[event] ?? [];
      await Promise.all(methods.map((method) => queryClient.invalidateQueries({ queryKey: coreMethodKey(method) })));
    },
    [queryClient],
  );
}

/** Asks the core once, now, through the cache (a read already under way for the same key is shared). */
export function useCoreFetch() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useCallback(
    <M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> =>
      queryClient.fetchQuery({ queryKey: coreQueryKey(method, args), queryFn: () => invokeCore(api, method, args), staleTime: 0 }),
    [api, queryClient],
  );
}
