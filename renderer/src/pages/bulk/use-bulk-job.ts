// Its one job: one job with every row (bulk.get), reloaded when `bulk.changed` names it (one load
// at a time: useCoalescedLoad).
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import type { BulkJob } from '../../../../core/bulk/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { useCoalescedLoad } from './use-coalesced-load';

export function useBulkJob(jobId: number) {
  const api = useApi();
  const [job, setJob] = useState<BulkJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCoalescedLoad(
    useCallback(async () => {
      try {
        setJob(await api.invoke('bulk.get', { jobId }));
        setError(null);
      } catch (err) {
        setError(toApiError(err));
      }
    }, [api, jobId]),
  );

  useEffect(() => {
    setJob(null);
    setError(null);
    void load();
    return api.on('bulk.changed', (event) => {
      if (event.jobId === jobId) void load();
    });
  }, [api, jobId, load]);

  return { job, error, reload: load, replace: setJob };
}
