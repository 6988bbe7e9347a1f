// Its one job: the key the URL names (`#/keys/<AUTH CODE>`), with its system and history, from keys.get.
import { useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../../../../core/rpc/errors';
import type { KeyDetails } from '../../../../core/keys/contract';
import { useCoreQuery } from '../../api/queries';
import { coreQueryKey } from '../../api/query-client';

export type KeyDetailsState =
  | { status: 'loading' }
  | { status: 'found'; details: KeyDetails }
  | { status: 'missing' }
  | { status: 'failed'; error: ApiError };

export function useKeyDetails(authCode: string | null) {
  const queryClient = useQueryClient();
  const args = { authCode: authCode ?? '' };
  const answer = useCoreQuery('keys.get', args, { enabled: authCode !== null });
  const state: KeyDetailsState =
    answer.status === 'error'
      ? { status: 'failed', error: answer.error }
      : answer.status === 'success'
        ? answer.data
          ? { status: 'found', details: answer.data }
          : { status: 'missing' }
        : { status: 'loading' };
  /** Asks again, showing the progress bar. */
  const retry = () => queryClient.resetQueries({ queryKey: coreQueryKey('keys.get', args) });
  return { state, retry };
}
