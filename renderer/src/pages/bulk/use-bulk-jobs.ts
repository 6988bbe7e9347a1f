// Its one job: the jobs list (`bulk.list`), kept live: a `bulk.changed` event updates a listed job's
// state and progress at once, and INVALIDATED_BY reads the list again (new jobs, dates) — one read
// at a time, the last event winning.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ResultOf } from '../../../../core/api/contract';
import { useApi } from '../../api/CoreProvider';
import { useCoreQuery } from '../../api/queries';
import { coreQueryKey } from '../../api/query-client';

export function useBulkJobs() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { data, error, refetch } = useCoreQuery('bulk.list', {});

  useEffect(
    () =>
      api.on('bulk.changed', ({ jobId, state, progress }) => {
        queryClient.setQueryData<ResultOf<'bulk.list'>>(coreQueryKey('bulk.list', {}), (current) =>
          current ? { ...current, jobs: current.jobs.map((job) => (job.id === jobId ? { ...job, state, progress } : job)) } : current,
        );
      }),
    [api, queryClient],
  );

  return { jobs: data?.jobs ?? null, error, reload: () => void refetch() };
}
