// Its one job: Start, Rename and Delete of a job, with what went wrong kept for the page: a start
// refused with problems (a code redeemed since the draft was made) or any other error.
import { useCallback, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import type { BulkJobSummary, BulkRuleProblem } from '../../../../core/bulk/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { useInvalidate } from '../../api/queries';
import { problemsOf } from './bulk-labels';

export function useJobActions() {
  const api = useApi();
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState(false);
  const [startProblems, setStartProblems] = useState<BulkRuleProblem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<T | null> => {
      setBusy(true);
      setError(null);
      setStartProblems(null);
      try {
        const result = await action();
        // The event follows; reading again now shows the change without waiting for it.
        void invalidate('bulk.changed');
        return result;
      } catch (err) {
        const apiError = toApiError(err);
        const problems = problemsOf(apiError);
        if (problems) setStartProblems(problems);
        else setError(apiError);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [invalidate],
  );

  return {
    busy,
    startProblems,
    error,
    start: (jobId: number) => run<BulkJobSummary>(() => api.invoke('bulk.start', { jobId })),
    rename: (jobId: number, name: string) => run<BulkJobSummary>(() => api.invoke('bulk.rename', { jobId, name })),
    remove: (jobId: number) => run(() => api.invoke('bulk.delete', { jobId })),
    dismiss: () => {
      setError(null);
      setStartProblems(null);
    },
  };
}
