// Its one job: the key the URL names (`#/keys/<AUTH CODE>`), with its system and history, from keys.get.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import type { KeyDetails } from '../../../../core/keys/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';

export type KeyDetailsState =
  | { status: 'loading' }
  | { status: 'found'; details: KeyDetails }
  | { status: 'missing' }
  | { status: 'failed'; error: ApiError };

export function useKeyDetails(authCode: string | null) {
  const api = useApi();
  const [state, setState] = useState<KeyDetailsState>({ status: 'loading' });
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    if (authCode === null) return;
    setState({ status: 'loading' });
    try {
      const details = await api.invoke('keys.get', { authCode });
      if (mine === generation.current) setState(details ? { status: 'found', details } : { status: 'missing' });
    } catch (err) {
      if (mine === generation.current) setState({ status: 'failed', error: toApiError(err) });
    }
  }, [api, authCode]);

  useEffect(() => {
    void load();
  }, [load]);

  return { state, retry: load };
}
