// Its one job: Export List to Excel — ask the core for the filtered, sorted rows as a workbook under
// a job id, follow `keys.exportProgress` for that job, stop it on Cancel (a cancelled export is not
// a failure), and save the file.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import type { KeyFilter } from '../../../../core/keys/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { downloadExportedFile } from '../redeem/download';

export interface KeyExportJob {
  jobId: string;
  /** Null until the core reports its first progress. */
  rowsWritten: number | null;
  totalRows: number | null;
  cancelling: boolean;
}

export function useKeyExport(save: typeof downloadExportedFile = downloadExportedFile) {
  const api = useApi();
  const [job, setJob] = useState<KeyExportJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const jobId = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('keys.exportProgress', (progress) => {
        if (progress.jobId !== jobId.current) return;
        setJob((current) =>
          current?.jobId === progress.jobId ? { ...current, rowsWritten: progress.rowsWritten, totalRows: progress.totalRows } : current,
        );
      }),
    [api],
  );

  const start = useCallback(
    async (filter: KeyFilter) => {
      if (jobId.current) return;
      const id = crypto.randomUUID();
      jobId.current = id;
      setJob({ jobId: id, rowsWritten: null, totalRows: null, cancelling: false });
      setError(null);
      setCancelled(false);
      try {
        save(await api.invoke('keys.export', { filter, jobId: id }));
      } catch (err) {
        const refused = toApiError(err);
        if (refused.code === 'CANCELLED') setCancelled(true);
        else setError(refused);
      } finally {
        jobId.current = null;
        setJob(null);
      }
    },
    [api, save],
  );

  const cancel = useCallback(async () => {
    const id = jobId.current;
    if (!id) return;
    setJob((current) => (current ? { ...current, cancelling: true } : current));
    try {
      await api.invoke('keys.cancelExport', { jobId: id });
    } catch (err) {
      // The export may have finished meanwhile; only a real failure to reach the core is worth saying.
      setError(toApiError(err));
    }
  }, [api]);

  return {
    job,
    error,
    cancelled,
    start,
    cancel,
    dismiss: () => {
      setError(null);
      setCancelled(false);
    },
  };
}
