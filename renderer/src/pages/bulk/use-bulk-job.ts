// Its one job: one job with every row (`bulk.get`, a query read again on `bulk.changed` through
// INVALIDATED_BY: one read at a time, however many events a burst brings).
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { BulkJob } from '../../../../core/bulk/contract';
import { useCoreQuery } from '../../api/queries';
import { coreQueryKey } from '../../api/query-client';

export function useBulkJob(jobId: number) {
  const queryClient = useQueryClient();
  const { data, error } = useCoreQuery('bulk.get', { jobId });
  /** Shows the job a change made here answered with, without reading it again. */
  const replace = useCallback((job: BulkJob) => queryClient.setQueryData(coreQueryKey('bulk.get', { jobId }), job), [queryClient, jobId]);
  return { job: data ?? null, error, replace };
}
