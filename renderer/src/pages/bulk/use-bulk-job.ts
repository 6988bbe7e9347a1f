// Its one job: one job with every row (bulk.get), reloaded when `bulk.changed` names it — one load
// at a time, so a job answered operation by operation is read again once per burst, not per event.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../core/api/errors';
import type { BulkJob } from '../../../../core/bulk/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';

export function useBulkJob(jobId: number) {
  const api = useApi();
  const [job, setJob] = useState<BulkJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const loading = useRef(false);
  const again = useRef(false);

  const load = useCallback(async () => {
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = true;
    try {
      do {
        again.current = false;
        try {
          setJob(await api.invoke('bulk.get', { jobId }));
          setError(null);
        } catch (err) {
          setError(toApiError(err));
        }
      } while (again.current);
    } finally {
      loading.current = false;
    }
  }, [api, jobId]);

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
