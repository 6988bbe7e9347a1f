/** How a bulk job looks to the renderer: its summary (with what it waits on), the whole job, and `bulk.changed`. */
import type { Message } from '../messages/catalogue';
import { say } from '../messages/say';
import { ApiError } from '../rpc/errors';
import type { EventEmitter } from '../rpc/events';
import type { SyncEngine } from '../sync/engine';
import type { BulkEvents, BulkJob, BulkJobRow, BulkJobSummary } from './contract';
import type { BulkJobStore, JobRecord } from './jobs';

export interface JobViewDeps {
  store: BulkJobStore;
  events: EventEmitter<BulkEvents>;
  sync: Pick<SyncEngine, 'getState'>;
  portalUrl: () => string | null;
}

export class JobView {
  constructor(private readonly deps: JobViewDeps) {}

  /** The job; NOT_FOUND when there is none. */
  mustFind(jobId: number): JobRecord {
    const job = this.deps.store.job(jobId);
    if (!job) throw new ApiError('NOT_FOUND', say('bulk.job.notFound', { jobId }));
    return job;
  }

  /** With the job's rows when the caller has them; else a started job's counts are read without them. */
  summaryOf(job: JobRecord, rows?: readonly BulkJobRow[]): BulkJobSummary {
    const { store } = this.deps;
    return {
      id: job.id,
      name: job.name,
      state: job.state,
      source: job.source,
      fileName: job.fileName,
      macs: rows ? new Set(rows.map((r) => r.mac)).size : store.macCount(job.id),
      progress: rows || job.state === 'draft' ? store.progress(rows ?? store.rows(job.id)) : store.startedProgress(job.id),
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      completedAt: job.completedAt,
      waitingFor: this.waitingFor(job),
    };
  }

  fullJob(jobId: number): BulkJob {
    const job = this.mustFind(jobId);
    const rows = this.deps.store.rows(jobId);
    return { ...this.summaryOf(job, rows), rows };
  }

  /** Announces the job's state and progress (`bulk.changed`); its summary, or null when it is gone. */
  changed(jobId: number): BulkJobSummary | null {
    const job = this.deps.store.job(jobId);
    if (!job) return null;
    const summary = this.summaryOf(job);
    this.deps.events.emit('bulk.changed', { jobId, state: summary.state, progress: summary.progress });
    return summary;
  }

  /** A message when an in-progress job waits on something; null otherwise. */
  private waitingFor(job: JobRecord): Message | null {
    if (job.state !== 'in_progress') return null;
    const open = this.deps.store.openOperations(job.id);
    if (open.length === 0) return null;
    const state = this.deps.sync.getState();
    if (!this.deps.portalUrl()) return say('bulk.waiting.noPortal');
    if (state.loginNeeded) return say('bulk.waiting.signIn');
    const failed = open.find((operation) => operation.lastError !== null);
    if (!failed) return null;
    if (!state.online) return say('bulk.waiting.offline');
    if (failed.status === 'in_doubt') return say('bulk.waiting.inDoubt');
    // The outbox's own sentence (it may hold the portal's words), as it stands.
    const error = failed.lastError ?? '';
    return { code: 'bulk.waiting.lastError', message: error, params: { error } };
  }
}

/** CONFLICT unless the job is a draft: `what` says what only a draft can be (given another file, deleted). */
export function mustBeDraft(job: JobRecord, what: 'file' | 'delete'): void {
  if (job.state !== 'draft') {
    throw new ApiError(
      'CONFLICT',
      say(`bulk.job.notDraft.${what}${job.state === 'completed' ? 'Completed' : 'InProgress'}`, { name: job.name }),
    );
  }
}
