// Its one job: one read of the servers cache for a view (a server's details, a history), asked
// again whenever the core says the servers changed, so a queued change answered meanwhile shows.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import type { ApiClient } from '../../../../core/api/client';

export function useServerQuery<T>(read: (api: ApiClient) => Promise<T>, key: string) {
  const api = useApi();
  const [result, setResult] = useState<{ key: string; value: T } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const readRef = useRef(read);
  readRef.current = read;
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const value = await readRef.current(api);
      if (mine !== generation.current) return;
      setResult({ key, value });
      setError(null);
    } catch (err) {
      if (mine === generation.current) setError(toApiError(err));
    }
  }, [api, key]);

  useEffect(() => {
    void load();
    return api.on('servers.changed', () => void load());
  }, [api, load]);

  return { value: result?.key === key ? result.value : undefined, error, reload: load };
}
