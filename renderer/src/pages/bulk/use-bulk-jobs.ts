// Its one job: the jobs list (bulk.list), kept live: a `bulk.changed` event updates a listed job's
// state and progress at once and reloads the list (new jobs, dates) — one load at a time, the
// last event winning.
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import type { BulkJobSummary } from '../../../../core/bulk/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { useCoalescedLoad } from './use-coalesced-load';

export function useBulkJobs() {
  const api = useApi();
  const [jobs, setJobs] = useState<BulkJobSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCoalescedLoad(
    useCallback(async () => {
      try {
        setJobs((await api.invoke('bulk.list', {})).jobs);
        setError(null);
      } catch (err) {
        setError(toApiError(err));
      }
    }, [api]),
  );

  useEffect(() => {
    void load();
    return api.on('bulk.changed', ({ jobId, state, progress }) => {
      setJobs((current) => current?.map((job) => (job.id === jobId ? { ...job, state, progress } : job)) ?? current);
      void load();
    });
  }, [api, load]);

  return { jobs, error, reload: load };
}
