/**
 * Bulk redemption jobs (issue 12): the `bulk.*` methods over the job store (jobs.ts), the bulk
 * file reader (bulk-file.ts, new-job-rows.ts) and the outbox. Starting a job queues all its
 * redemptions in one transaction with the job's change to `in_progress`; the push loop sends them
 * like any other redemption, so a crash or a lost connection resumes where it stopped. The job
 * follows the outbox's answers (`afterOutboxChange`, called by feature.ts on `outbox.changed`)
 * and becomes `completed` when every one of its operations is answered; `settleAll` at start-up
 * catches a crash between the last answer and that change.
 */
import type { Db } from '../db/database';
import { formatMac } from '../domain/mac';
import {
  exportFileName,
  localUtcOffset,
  skuDescriptionText,
  type TableCell,
  type TableColumn,
  type UtcOffset,
  wallClock,
  wallClockDay,
  writeTableWorkbook,
  XLSX_MIME_TYPE,
} from '../export/workbook';
import type { ImportsEvents } from '../import/contract';
import { RunningImports } from '../import/running-imports';
import type { HandlersOf } from '../rpc/define';
import { ApiError, fieldError, validationError } from '../rpc/errors';
import type { Language } from '../messages/language';
import { say, translator } from '../messages/say';
import type { EventEmitter } from '../rpc/events';
import type { OutboxOperation } from '../sync/contract';
import type { SyncEngine } from '../sync/engine';
import type { OutboxStore } from '../sync/outbox';
import { problemsError } from './bulk-file';
import type { BulkEvents, BulkJobRow, BulkJobSummary, bulkMethods } from './contract';
import { JobView, mustBeDraft } from './job-view';
import { ANSWERED, BulkJobStore, type JobRecord, planOperations } from './jobs';
import { defaultName, rowsFromFile, rowsFromInventory } from './new-job-rows';

export { BULK_FILE_READ_MS } from './new-job-rows';

export type BulkHandlers = HandlersOf<typeof bulkMethods>;

export interface BulkDeps {
  db: Db;
  events: EventEmitter<BulkEvents & ImportsEvents>;
  outbox: OutboxStore;
  sync: SyncEngine;
  now: () => Date;
  portalUrl: () => string | null;
  utcOffset?: UtcOffset;
  /** Imports running now (progress and cancel); a private registry when not given. */
  imports?: RunningImports;
  /** The user's language: of exported files and of the names FieldKey gives new jobs (English when not given). */
  language?: () => Language;
}

export interface BulkFeature {
  handlers: BulkHandlers;
  /** After every committed outbox change: the jobs carrying an answered operation follow it. */
  afterOutboxChange(operation: OutboxOperation | null): void;
  /** In-progress jobs whose operations are all answered become completed (at start-up). */
  settleAll(): void;
}

export function createBulk(deps: BulkDeps): BulkFeature {
  const store = new BulkJobStore(deps.db);
  const utcOffset = deps.utcOffset ?? localUtcOffset;
  const imports = deps.imports ?? new RunningImports(deps.events);
  const view = new JobView({ store, events: deps.events, sync: deps.sync, portalUrl: deps.portalUrl });
  const words = () => translator(deps.language?.() ?? 'en');

  const handlers: BulkHandlers = {
    'bulk.list': () => ({ jobs: store.jobs().map((job) => view.summaryOf(job)) }),

    'bulk.get': ({ jobId }) => view.fullJob(jobId),

    'bulk.createFromFile': async ({ fileName, bytes, name, importId }) => {
      const rows = await imports.run(importId, fileName, (running) => rowsFromFile(store, { fileName, bytes }, null, running));
      const id = store.create(
        { name: name || defaultName(fileName, words()('bulk.job.defaultName')), source: 'file', fileName: fileName.slice(0, 260), rows },
        deps.now(),
      );
      view.changed(id);
      return view.fullJob(id);
    },

    'bulk.createFromInventory': ({ name, items }) => {
      const rows = rowsFromInventory(store, items);
      const id = store.create(
        {
          name: name || words()('bulk.job.inventoryName', { day: wallClockDay(wallClock(deps.now(), utcOffset)) }),
          source: 'inventory',
          fileName: null,
          rows,
        },
        deps.now(),
      );
      view.changed(id);
      return view.fullJob(id);
    },

    'bulk.replaceFile': async ({ jobId, fileName, bytes, importId }) => {
      mustBeDraft(view.mustFind(jobId), 'file');
      const rows = await imports.run(importId, fileName, (running) => rowsFromFile(store, { fileName, bytes }, jobId, running));
      // Read while the file was parsed: it may have been started meanwhile.
      mustBeDraft(view.mustFind(jobId), 'file');
      store.replaceFile(jobId, fileName.slice(0, 260), rows);
      view.changed(jobId);
      return view.fullJob(jobId);
    },

    'bulk.rename': ({ jobId, name }) => {
      view.mustFind(jobId);
      store.rename(jobId, name);
      return view.changed(jobId)!;
    },

    'bulk.delete': ({ jobId }) => {
      mustBeDraft(view.mustFind(jobId), 'delete');
      store.delete(jobId);
      return { deleted: true };
    },

    'bulk.start': ({ jobId }) => startJob(deps, store, view, view.mustFind(jobId)),

    'bulk.export': ({ jobId }) => jobReport(view.mustFind(jobId), store.rows(jobId), deps.now(), utcOffset, deps.language?.() ?? 'en'),
  };

  return {
    handlers,
    afterOutboxChange(operation) {
      if (operation === null) {
        this.settleAll();
        return;
      }
      if (operation.kind !== 'redemption' || !ANSWERED.includes(operation.status)) return;
      for (const jobId of store.jobsOfOperation(operation.id)) {
        store.settle(jobId, deps.now());
        view.changed(jobId);
      }
    },
    settleAll() {
      for (const jobId of store.inProgressJobs()) {
        if (store.settle(jobId, deps.now())) view.changed(jobId);
      }
    },
  };
}

/** `bulk.start`: a draft's redemptions queued with its change to `in_progress`, and sending begun. */
function startJob(deps: BulkDeps, store: BulkJobStore, view: JobView, job: JobRecord): BulkJobSummary {
  if (job.state !== 'draft') return view.summaryOf(job);
  const portalUrl = deps.portalUrl();
  if (!portalUrl) {
    throw validationError(say('bulk.job.noPortal').message, [fieldError('portalUrl', say('bulk.job.noPortalField'))]);
  }
  const rows = store.rows(job.id);
  if (rows.length === 0) throw new ApiError('VALIDATION', say('bulk.job.noCodes'));
  // Checked again: a code may have been redeemed, queued or put in another job since the draft.
  const compact = (r: BulkJobRow) => r.authCode.replace(/-/g, '');
  const used = store.usedBy(rows.map(compact), job.id);
  if (used.size > 0) {
    throw problemsError(
      rows
        .filter((r) => used.has(compact(r)))
        .map((r) => ({ rule: 'code_unused', row: r.row, column: 'Auth Code', text: r.authCode, message: used.get(compact(r))! })),
      'start',
    );
  }
  const plan = planOperations(rows);
  const now = deps.now();
  deps.outbox.enqueueRedemptions({
    portalUrl,
    requests: plan.map((p) => p.request),
    now,
    inTransaction: (ids) => store.markStarted(job.id, plan, ids, now),
  });
  const summary = view.changed(job.id)!;
  // Sending begins now; the answers arrive through the outbox.
  void deps.sync.pushNow();
  return summary;
}

/** `bulk.export`: the job's rows and their outcomes as a workbook, in `language` (the portal's reasons as it gave them). */
async function jobReport(job: JobRecord, rows: readonly BulkJobRow[], now: Date, utcOffset: UtcOffset, language: Language) {
  const t = translator(language);
  const columns: TableColumn[] = [
    { header: t('export.bulk.column.row'), kind: 'number' },
    { header: t('export.bulk.column.mac'), kind: 'text' },
    { header: t('export.bulk.column.systemName'), kind: 'text' },
    { header: t('export.bulk.column.authCode'), kind: 'text' },
    { header: t('export.bulk.column.outcome'), kind: 'text' },
    { header: t('export.bulk.column.featureKey'), kind: 'text' },
    { header: t('export.bulk.column.skuDescription'), kind: 'text' },
    { header: t('export.bulk.column.reason'), kind: 'text' },
    { header: t('export.bulk.column.redeemed'), kind: 'date' },
  ];
  const outcomes = {
    waiting: t('export.bulk.outcome.waiting'),
    redeemed: t('export.bulk.outcome.redeemed'),
    refused: t('export.bulk.outcome.refused'),
  } as const;
  const cells: TableCell[][] = rows.map((r) => [
    r.row,
    formatMac(r.mac),
    r.systemName,
    r.authCode,
    outcomes[r.outcome],
    r.featureKey,
    r.sku ? (skuDescriptionText(r.sku, r.skuDescription) ?? r.sku) : r.skuDescription,
    r.reason ?? r.refusal?.message ?? null,
    r.redeemedAt ? wallClock(new Date(r.redeemedAt), utcOffset) : null,
  ]);
  const bytes = await writeTableWorkbook({
    title: t('export.bulk.title', { name: job.name }),
    subject: t('export.bulk.subject'),
    description: t('export.timesNote'),
    now,
    sheetName: t('export.bulk.sheet'),
    columns,
    rows: cells,
  });
  return {
    fileName: exportFileName([t('export.fileName.bulk'), job.name, wallClockDay(wallClock(now, utcOffset))], 'xlsx'),
    mimeType: XLSX_MIME_TYPE,
    base64: bytes.toString('base64'),
  };
}
