/**
 * A list's export run as a job: with a job id the caller follows its progress (an event at the
 * start, at most about ten a second while rows are written, one at the end) and can stop it
 * between chunks (CANCELLED); other API calls are answered between chunks either way.
 */
import { ApiError } from '../rpc/errors';
import { say } from '../messages/say';

/** The progress event of a list's export (`keys.exportProgress`, `servers.exportProgress`). */
export interface ExportJobProgress {
  jobId: string;
  rowsWritten: number;
  /** The list's count when the export began (bounded); grows with the rows written past it. */
  totalRows: number;
}

/** What the writer of a job's file gets. */
export interface ExportJob {
  /** The rows about to be written (for progress): sends the first event. */
  start(totalRows: number): void;
  /** For the workbook writer's `onChunk`: progress, then a turn of the event loop; CANCELLED once stopped. */
  onChunk(rowsWritten: number): Promise<void>;
}

/** At most about ten progress events a second. */
const PROGRESS_INTERVAL_MS = 100;

export class ExportJobs {
  /** Running exports by job id: `cancelled` is read between chunks. */
  private readonly running = new Map<string, { cancelled: boolean }>();

  constructor(private readonly emit: (progress: ExportJobProgress) => void) {}

  /**
   * Runs `write` as the job `jobId` (none: no events, cannot be cancelled). CONFLICT when a job of
   * that id is already running.
   */
  async run<T extends { rowsWritten: number }>(jobId: string | undefined, write: (job: ExportJob) => Promise<T>): Promise<T> {
    if (jobId !== undefined && this.running.has(jobId)) throw new ApiError('CONFLICT', say('exportJob.alreadyRunning'));
    const state = { cancelled: false };
    if (jobId !== undefined) this.running.set(jobId, state);
    try {
      let total = 0;
      let lastProgressAt = -Infinity;
      const progress = (rowsWritten: number) => {
        if (jobId !== undefined) this.emit({ jobId, rowsWritten, totalRows: Math.max(total, rowsWritten) });
      };
      const result = await write({
        start: (totalRows) => {
          total = totalRows;
          progress(0);
        },
        onChunk: async (written) => {
          if (state.cancelled) throw cancelled();
          const at = performance.now();
          if (at - lastProgressAt >= PROGRESS_INTERVAL_MS) {
            lastProgressAt = at;
            progress(written);
          }
          // Lets other API calls (and the cancel) run between chunks.
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (state.cancelled) throw cancelled();
        },
      });
      progress(result.rowsWritten);
      return result;
    } finally {
      if (jobId !== undefined) this.running.delete(jobId);
    }
  }

  /** Stops a running job at its next chunk; false when none of that id is running. */
  cancel(jobId: string): { cancelled: boolean } {
    const state = this.running.get(jobId);
    if (!state) return { cancelled: false };
    state.cancelled = true;
    return { cancelled: true };
  }
}

function cancelled(): ApiError {
  return new ApiError('CANCELLED', say('exportJob.cancelled'));
}
