import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import type { UpdateState } from '../../../../core/updates/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';

type UpdateAction = 'updates.check' | 'updates.download' | 'updates.restart';

/** The app's update state, live from `updates.changed`; `run` starts a check, a download or the restart. */
export function useUpdates() {
  const api = useApi();
  const [state, setState] = useState<UpdateState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    const off = api.on('updates.changed', (next) => setState(next));
    api.invoke('updates.state').then(
      (next) => current && setState((seen) => seen ?? next),
      (err: unknown) => current && setError(toApiError(err)),
    );
    return () => {
      current = false;
      off();
    };
  }, [api]);

  const run = useCallback(
    async (action: UpdateAction) => {
      setError(null);
      try {
        setState(await api.invoke(action));
      } catch (err) {
        setError(toApiError(err));
      }
    },
    [api],
  );

  return { state, error, clearError: () => setError(null), run };
}
