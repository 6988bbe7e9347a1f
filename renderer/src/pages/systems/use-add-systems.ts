// Its one job: send an Add Systems request (systems.add), keep the form busy while it runs, and
// keep the answer for the report.
import { useState } from 'react';
import type { Message } from '../../../../core/messages/catalogue';
import type { ApiError } from '../../../../core/rpc/errors';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import { useOutboxStatus } from './use-outbox-status';
import { reportRows, type FilePreview, type ReportRow, type SystemToAdd } from './add-systems-rules';

export interface AddSystemsReport {
  rows: ReportRow[];
  /** systems.add's `queued`: at least one operation still waits in the outbox. */
  queued: boolean;
  /** Why they wait (the core's sentence), when they do. */
  queuedReason: Message | null;
}

export function useAddSystems({ onAdded }: { onAdded: () => void }) {
  const api = useApi();
  const [sending, setSending] = useState(false);
  const [report, setReport] = useState<AddSystemsReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Followed from the start, so an operation sent while systems.add was answering is not missed.
  const outbox = useOutboxStatus();

  /**
   * Sends `systems`; a file's preview lets the report list its rows that were not sent; `renames`
   * says whether known systems given another name are renamed (the core keeps their names by
   * default). True when the core answered.
   */
  const send = async (systems: SystemToAdd[], file: FilePreview | null = null, renames: 'keep' | 'rename' = 'keep'): Promise<boolean> => {
    setSending(true);
    setError(null);
    try {
      const result = await api.invoke('systems.add', { systems, renames });
      setReport({ rows: reportRows(result.rows, file), queued: result.queued, queuedReason: result.queuedReason });
      onAdded();
      return true;
    } catch (err) {
      setError(toApiError(err));
      return false;
    } finally {
      setSending(false);
    }
  };

  return {
    sending,
    report,
    outbox,
    error,
    send,
    dismissError: () => setError(null),
    dismissReport: () => setReport(null),
  };
}

/** Add Systems' sending, as each way of adding uses it. */
export type Adding = ReturnType<typeof useAddSystems>;
