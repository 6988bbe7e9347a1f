/**
 * Bulk redemption jobs (issue 12): the `bulk.*` methods over the job store (jobs.ts), the bulk
 * file reader (bulk-file.ts) and the outbox. Starting a job queues all its redemptions in one
 * transaction with the job's change to `in_progress`; the push loop sends them like any other
 * redemption, so a crash or a lost connection resumes where it stopped. The job follows the
 * outbox's answers (`afterOutboxChange`, wired to the outbox's onChange in core.ts) and becomes
 * `completed` when every one of its operations is answered; `settleAll` at start-up catches a
 * crash between the last answer and that change.
 */
import type { Handlers } from '../api/contract';
import { ApiError, fieldError, validationError } from '../rpc/errors';
import type { EventBus } from '../api/events';
import type { Db } from '../db/database';
import { parseMac, formatMac } from '../domain/mac';
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
import type { OutboxOperation } from '../sync/contract';
import type { SyncEngine } from '../sync/engine';
import type { OutboxStore } from '../sync/outbox';
import { asBuffer } from '../fs/as-buffer';
import { readInWorker } from '../import/file-worker/read-in-worker';
import { type RunningImport, RunningImports } from '../import/running-imports';
import { checkBulkGrid, problemsError, refuseFile } from './bulk-file';
import type { BulkJob, BulkJobRow, BulkJobSummary, BulkRuleProblem } from './contract';
import { ANSWERED, BulkJobStore, planOperations, type JobRecord, type NewJobRow } from './jobs';

export type BulkHandlers = Pick<
  Handlers,
  | 'bulk.list'
  | 'bulk.get'
  | 'bulk.createFromFile'
  | 'bulk.createFromInventory'
  | 'bulk.replaceFile'
  | 'bulk.rename'
  | 'bulk.delete'
  | 'bulk.start'
  | 'bulk.export'
>;

export interface BulkDeps {
  db: Db;
  events: EventBus;
  outbox: OutboxStore;
  sync: SyncEngine;
  now: () => Date;
  portalUrl: () => string | null;
  utcOffset?: UtcOffset;
  /** Imports running now (progress and cancel); a private registry when not given. */
  imports?: RunningImports;
}

/** A bulk file of 15,000 rows reads in about a second; beyond a minute the worker is ended. */
export const BULK_FILE_READ_MS = 60_000;

export interface BulkFeature {
  handlers: BulkHandlers;
  /** After every committed outbox change: the jobs carrying an answered operation follow it. */
  afterOutboxChange(operation: OutboxOperation | null): void;
  /** In-progress jobs whose operations are all answered become completed (at start-up). */
  settleAll(): void;
}

const OUTCOME_WORDS = { waiting: 'Waiting', redeemed: 'Redeemed', refused: 'Refused' } as const;

export function createBulkFeature(deps: BulkDeps): BulkFeature {
  const store = new BulkJobStore(deps.db);
  const utcOffset = deps.utcOffset ?? localUtcOffset;
  const imports = deps.imports ?? new RunningImports(deps.events);

  const mustFind = (jobId: number): JobRecord => {
    const job = store.job(jobId);
    if (!job) throw new ApiError('NOT_FOUND', `There is no bulk job ${jobId}.`);
    return job;
  };
  const mustBeDraft = (job: JobRecord, what: string) => {
    if (job.state !== 'draft') {
      throw new ApiError(
        'CONFLICT',
        `Only a draft job can be ${what}; "${job.name}" is ${job.state === 'completed' ? 'completed' : 'in progress'}.`,
      );
    }
  };

  /** A sentence when an in-progress job waits on something; null otherwise. */
  const waitingFor = (job: JobRecord): string | null => {
    if (job.state !== 'in_progress') return null;
    const open = store.openOperations(job.id);
    if (open.length === 0) return null;
    const state = deps.sync.getState();
    if (!deps.portalUrl()) return 'Waiting for a portal: enter its address in Settings.';
    if (state.loginNeeded) return 'Waiting for you to sign in.';
    const failed = open.find((operation) => operation.lastError !== null);
    if (!failed) return null;
    if (!state.online) return 'Waiting for the connection to the portal.';
    if (failed.status === 'in_doubt') return 'Waiting for the portal to confirm a redemption; it is sent again safely.';
    return failed.lastError;
  };

  /** With the job's rows when the caller has them; else a started job's counts are read without them. */
  const summaryOf = (job: JobRecord, rows?: readonly BulkJobRow[]): BulkJobSummary => ({
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
    waitingFor: waitingFor(job),
  });
  const fullJob = (jobId: number): BulkJob => {
    const job = mustFind(jobId);
    const rows = store.rows(jobId);
    return { ...summaryOf(job, rows), rows };
  };
  const changed = (jobId: number): BulkJobSummary | null => {
    const job = store.job(jobId);
    if (!job) return null;
    const summary = summaryOf(job);
    deps.events.emit('bulk.changed', { jobId, state: summary.state, progress: summary.progress });
    return summary;
  };

  /** The file's cells come from the file worker; the rules (and the database's say on codes) run here. */
  const readFile = async (fileName: string, bytes: Uint8Array, exceptJob: number | null, running: RunningImport): Promise<NewJobRow[]> => {
    const read = await readInWorker(
      { kind: 'bulkFile', bytes: asBuffer(bytes), fileName },
      {
        fileName,
        timeoutMs: BULK_FILE_READ_MS,
        signal: running.signal,
        refuse: (message) => refuseFile('file_type', 'unreadable', message),
      },
    );
    if (running.signal?.aborted) throw new ApiError('CANCELLED', `The import of ${fileName} was cancelled; nothing was saved.`);
    running.progress('saving');
    const grid = new Map(read.rows.map(([row, cells]) => [row, new Map(cells)]));
    const rows = checkBulkGrid(grid, { usedBy: (codes) => store.usedBy(codes, exceptJob) });
    return rows.map((r) => ({ row: r.row, mac: r.mac, systemName: r.systemName, compact: r.compact, sku: null }));
  };

  const settle = (jobId: number) => {
    store.settle(jobId, deps.now());
    changed(jobId);
  };

  const handlers: BulkHandlers = {
    'bulk.list': () => ({ jobs: store.jobs().map((job) => summaryOf(job)) }),

    'bulk.get': ({ jobId }) => fullJob(jobId),

    'bulk.createFromFile': async ({ fileName, bytes, name, importId }) => {
      const rows = await imports.run(importId, fileName, (running) => readFile(fileName, bytes, null, running));
      const id = store.create({ name: name || defaultName(fileName), source: 'file', fileName: fileName.slice(0, 260), rows }, deps.now());
      changed(id);
      return fullJob(id);
    },

    'bulk.createFromInventory': ({ name, items }) => {
      const problems: BulkRuleProblem[] = [];
      const rows: NewJobRow[] = [];
      const taken = new Set<string>();
      const names = new Map<string, { item: number; name: string }>();
      items.forEach((item, index) => {
        const itemNo = index + 1;
        const mac = parseMac(item.mac);
        if (!mac.ok) {
          problems.push({
            rule: item.mac.trim() ? 'mac_format' : 'mac_required',
            row: itemNo,
            column: 'MAC',
            text: item.mac.slice(0, 100),
            message: mac.message,
          });
          return;
        }
        const systemName = item.systemName?.trim() || null;
        if (systemName) {
          const named = names.get(mac.mac);
          if (named && named.name !== systemName) {
            problems.push({
              rule: 'system_name',
              row: itemNo,
              column: 'System Name',
              text: systemName.slice(0, 100),
              message: `${formatMac(mac.mac)} is named "${named.name.slice(0, 100)}" in item ${named.item}: one MAC has one system name.`,
            });
          } else if (!named) names.set(mac.mac, { item: itemNo, name: systemName });
        }
        for (const { sku, quantity } of item.skus) {
          const found = store
            .availableCodes(sku, quantity + taken.size)
            .filter((code) => !taken.has(code))
            .slice(0, quantity);
          if (found.length < quantity) {
            problems.push({
              rule: 'code_required',
              row: itemNo,
              column: 'SKU',
              text: sku.slice(0, 100),
              message: `${quantity} codes of SKU ${sku} are asked for ${formatMac(mac.mac)}, but the inventory has ${found.length === 0 ? 'none' : `only ${found.length}`} available (not queued, redeemed or in another job).`,
            });
            continue;
          }
          for (const code of found) {
            taken.add(code);
            rows.push({ row: rows.length + 1, mac: mac.mac, systemName, compact: code, sku });
          }
        }
      });
      if (problems.length > 0) throw problemsError(problems, 'The job was not made');
      // One system name per MAC on every one of its rows.
      for (const row of rows) row.systemName = names.get(row.mac)?.name ?? null;
      const id = store.create(
        { name: name || `Inventory ${wallClockDay(wallClock(deps.now(), utcOffset))}`, source: 'inventory', fileName: null, rows },
        deps.now(),
      );
      changed(id);
      return fullJob(id);
    },

    'bulk.replaceFile': async ({ jobId, fileName, bytes, importId }) => {
      mustBeDraft(mustFind(jobId), 'given another file');
      const rows = await imports.run(importId, fileName, (running) => readFile(fileName, bytes, jobId, running));
      // Read while the file was parsed: it may have been started meanwhile.
      mustBeDraft(mustFind(jobId), 'given another file');
      store.replaceFile(jobId, fileName.slice(0, 260), rows);
      changed(jobId);
      return fullJob(jobId);
    },

    'bulk.rename': ({ jobId, name }) => {
      mustFind(jobId);
      store.rename(jobId, name);
      return changed(jobId)!;
    },

    'bulk.delete': ({ jobId }) => {
      mustBeDraft(mustFind(jobId), 'deleted');
      store.delete(jobId);
      return { deleted: true };
    },

    'bulk.start': ({ jobId }) => {
      const job = mustFind(jobId);
      if (job.state !== 'draft') return summaryOf(job);
      const portalUrl = deps.portalUrl();
      if (!portalUrl) {
        throw validationError('No portal is configured: enter the portal address in Settings and sign in.', [
          fieldError('portalUrl', 'portalUrl.missing', 'no portal is configured'),
        ]);
      }
      const rows = store.rows(jobId);
      if (rows.length === 0) throw new ApiError('VALIDATION', 'The job has no codes to redeem.');
      // Checked again: a code may have been redeemed, queued or put in another job since the draft.
      const used = store.usedBy(
        rows.map((r) => r.authCode.replace(/-/g, '')),
        jobId,
      );
      if (used.size > 0) {
        throw problemsError(
          rows
            .filter((r) => used.has(r.authCode.replace(/-/g, '')))
            .map((r) => ({
              rule: 'code_unused',
              row: r.row,
              column: 'Auth Code',
              text: r.authCode,
              message: used.get(r.authCode.replace(/-/g, ''))!,
            })),
          'The job was not started',
        );
      }
      const plan = planOperations(rows);
      const now = deps.now();
      deps.outbox.enqueueRedemptions({
        portalUrl,
        requests: plan.map((p) => p.request),
        now,
        inTransaction: (ids) => store.markStarted(jobId, plan, ids, now),
      });
      const summary = changed(jobId)!;
      // Sending begins now; the answers arrive through the outbox.
      void deps.sync.pushNow();
      return summary;
    },

    'bulk.export': async ({ jobId }) => {
      const job = mustFind(jobId);
      const rows = store.rows(jobId);
      const now = deps.now();
      const columns: TableColumn[] = [
        { header: 'Row', kind: 'number' },
        { header: 'MAC', kind: 'text' },
        { header: 'System Name', kind: 'text' },
        { header: 'Auth Code', kind: 'text' },
        { header: 'Outcome', kind: 'text' },
        { header: 'Feature Key', kind: 'text' },
        { header: 'SKU Description', kind: 'text' },
        { header: 'Reason', kind: 'text' },
        { header: 'Redeemed', kind: 'date' },
      ];
      const cells: TableCell[][] = rows.map((r) => [
        r.row,
        formatMac(r.mac),
        r.systemName,
        r.authCode,
        OUTCOME_WORDS[r.outcome],
        r.featureKey,
        r.sku ? (skuDescriptionText(r.sku, r.skuDescription) ?? r.sku) : r.skuDescription,
        r.reason,
        r.redeemedAt ? wallClock(new Date(r.redeemedAt), utcOffset) : null,
      ]);
      const bytes = await writeTableWorkbook({
        title: `FieldKey bulk job ${job.name}`,
        subject: 'Bulk redemption report',
        now,
        sheetName: 'Report',
        columns,
        rows: cells,
      });
      return {
        fileName: exportFileName(['bulk', job.name, wallClockDay(wallClock(now, utcOffset))], 'xlsx'),
        mimeType: XLSX_MIME_TYPE,
        base64: bytes.toString('base64'),
      };
    },
  };

  return {
    handlers,
    afterOutboxChange(operation) {
      if (operation === null) {
        this.settleAll();
        return;
      }
      if (operation.kind !== 'redemption' || !ANSWERED.includes(operation.status)) return;
      for (const jobId of store.jobsOfOperation(operation.id)) settle(jobId);
    },
    settleAll() {
      for (const jobId of store.inProgressJobs()) {
        if (store.settle(jobId, deps.now())) changed(jobId);
      }
    },
  };
}

/** The file's name without its extension (and folder), at most 100 characters. */
function defaultName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.[^.]+$/, '').trim();
  return (stem || 'Bulk job').slice(0, 100);
}
