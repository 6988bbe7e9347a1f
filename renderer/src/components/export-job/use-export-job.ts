// A list's Export to Excel as a job: ask the core for the filtered, sorted rows as a workbook under
// a job id, follow the list's progress event for that job, stop it on Cancel (a cancelled export is
// not a failure), and save the file. Used by every list that exports (Keys, Servers).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../../core/api/client';
import type { ApiError } from '../../../../core/rpc/errors';
import type { ExportedFile } from '../../../../core/export/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { downloadExportedFile } from '../../pages/redeem/download';

export interface ExportJobState {
  jobId: string;
  /** Null until the core reports its first progress. */
  rowsWritten: number | null;
  totalRows: number | null;
  cancelling: boolean;
}

/** How one list's export reaches the core: a module constant, so the hook's callbacks stay stable. */
export interface ExportJobMethods<Filter> {
  progressEvent: 'keys.exportProgress' | 'servers.exportProgress';
  run: (api: ApiClient, filter: Filter, jobId: string) => Promise<ExportedFile>;
  cancel: (api: ApiClient, jobId: string) => Promise<unknown>;
}

export function useExportJob<Filter>(methods: ExportJobMethods<Filter>, save: typeof downloadExportedFile = downloadExportedFile) {
  const api = useApi();
  const [job, setJob] = useState<ExportJobState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const jobId = useRef<string | null>(null);

  useEffect(
    () =>
      api.on(methods.progressEvent, (progress) => {
        if (progress.jobId !== jobId.current) return;
        setJob((current) =>
          current?.jobId === progress.jobId ? { ...current, rowsWritten: progress.rowsWritten, totalRows: progress.totalRows } : current,
        );
      }),
    [api, methods],
  );

  const start = useCallback(
    async (filter: Filter) => {
      if (jobId.current) return;
      const id = crypto.randomUUID();
      jobId.current = id;
      setJob({ jobId: id, rowsWritten: null, totalRows: null, cancelling: false });
      setError(null);
      setCancelled(false);
      try {
        save(await methods.run(api, filter, id));
      } catch (err) {
        const refused = toApiError(err);
        if (refused.code === 'CANCELLED') setCancelled(true);
        else setError(refused);
      } finally {
        jobId.current = null;
        setJob(null);
      }
    },
    [api, methods, save],
  );

  const cancel = useCallback(async () => {
    const id = jobId.current;
    if (!id) return;
    setJob((current) => (current ? { ...current, cancelling: true } : current));
    try {
      await methods.cancel(api, id);
    } catch (err) {
      // The export may have finished meanwhile; only a real failure to reach the core is worth saying.
      setError(toApiError(err));
    }
  }, [api, methods]);

  const dismiss = useCallback(() => {
    setError(null);
    setCancelled(false);
  }, []);

  return { job, error, cancelled, start, cancel, dismiss };
}

/** What the alerts under an export button read of the job. */
export type ExportJob = Omit<ReturnType<typeof useExportJob>, 'start'>;
