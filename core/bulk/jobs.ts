/**
 * The bulk job store: jobs and their rows in `bulk_jobs` / `bulk_job_rows` (migration 007), what
 * FieldKey knows of each code (redeemed, queued, in another open job), the split of a job into
 * outbox redemptions (rows grouped by MAC in row order, at most BULK_CODES_PER_OPERATION codes
 * each), and each code's outcome read from the outbox operation that carries it, so the report
 * can never disagree with what the portal answered.
 */
import type { Db } from '../db/database';
import type { Message, MessageCode } from '../messages/catalogue';
import { say } from '../messages/say';
import { formatAuthCode } from '../domain/auth-code';
import { BULK_CODES_PER_OPERATION } from '../domain/bulk-rules';
import type { RedemptionResult } from '../portal-api/schemas';
import type { OutboxStatus, RedemptionRequestSummary } from '../sync/contract';
import type { BulkCodeOutcome, BulkJobProgress, BulkJobRow, BulkJobState } from './contract';

/** Outbox statuses of an operation the portal has answered (or the user put away). */
export const ANSWERED: readonly OutboxStatus[] = ['done', 'needs_attention', 'dismissed'];

export interface JobRecord {
  id: number;
  name: string;
  state: BulkJobState;
  source: 'file' | 'inventory';
  fileName: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

/** A row to store: compact MAC and code. */
export interface NewJobRow {
  row: number;
  mac: string;
  systemName: string | null;
  compact: string;
  sku: string | null;
}

interface RowJoin {
  row_no: number;
  mac: string;
  system_name: string | null;
  auth_code: string;
  sku: string | null;
  sku_description: string | null;
  outbox_id: number | null;
  op_status: OutboxStatus | null;
  op_result: string | null;
  op_error: string | null;
}

/** One chunk of a job: one outbox redemption. */
export interface PlannedOperation {
  request: RedemptionRequestSummary;
  /** The rows (row numbers) it carries. */
  rows: number[];
}

/** FieldKey's message for a code the portal refused without words of its own. */
const REFUSALS: Record<Exclude<RedemptionResult['status'], 'redeemed'>, MessageCode> = {
  already_redeemed: 'bulk.outcome.alreadyRedeemed',
  not_found: 'bulk.outcome.notFound',
  invalid: 'bulk.outcome.invalid',
};

const jobColumns = `id, name, state, source, file_name AS fileName, created_at AS createdAt, started_at AS startedAt,
  completed_at AS completedAt`;

export class BulkJobStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      job: db.prepare<[number], JobRecord>(`SELECT ${jobColumns} FROM bulk_jobs WHERE id = ?`),
      jobs: db.prepare<[], JobRecord>(`SELECT ${jobColumns} FROM bulk_jobs ORDER BY created_at DESC, id DESC`),
      insertJob: db.prepare<[string, 'file' | 'inventory', string | null, string]>(
        `INSERT INTO bulk_jobs (name, state, source, file_name, created_at) VALUES (?, 'draft', ?, ?, ?)`,
      ),
      insertRow: db.prepare<[number, number, string, string | null, string, string | null]>(
        'INSERT INTO bulk_job_rows (job_id, row_no, mac, system_name, auth_code, sku) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      deleteRows: db.prepare<[number]>('DELETE FROM bulk_job_rows WHERE job_id = ?'),
      rows: db.prepare<[number], RowJoin>(
        `SELECT r.row_no, r.mac, r.system_name, r.auth_code, r.sku, s.description AS sku_description, r.outbox_id,
                o.status AS op_status, o.result AS op_result, o.last_error AS op_error
           FROM bulk_job_rows r LEFT JOIN outbox o ON o.id = r.outbox_id LEFT JOIN skus s ON s.sku = r.sku
          WHERE r.job_id = ? ORDER BY r.row_no`,
      ),
      // A started job's rows by operation: how many, and the operation's state and answer.
      rowsByOperation: db.prepare<[number], { operation: number | null; rows: number; status: OutboxStatus | null; result: string | null }>(
        `SELECT r.outbox_id AS operation, count(*) AS rows, o.status, o.result
           FROM bulk_job_rows r LEFT JOIN outbox o ON o.id = r.outbox_id
          WHERE r.job_id = ? GROUP BY r.outbox_id`,
      ),
      jobMacs: db.prepare<[number], number>('SELECT count(DISTINCT mac) FROM bulk_job_rows WHERE job_id = ?').pluck(),
      jobsOfOperation: db.prepare<[number], number>('SELECT DISTINCT job_id FROM bulk_job_rows WHERE outbox_id = ?').pluck(),
      openOperations: db.prepare<[number], { id: number; status: OutboxStatus; lastError: string | null }>(
        `SELECT o.id, o.status, o.last_error AS lastError FROM outbox o
          WHERE o.id IN (SELECT outbox_id FROM bulk_job_rows WHERE job_id = ? AND outbox_id IS NOT NULL)
            AND o.status NOT IN (${ANSWERED.map((s) => `'${s}'`).join(', ')})
          ORDER BY o.id`,
      ),
      rowsWithoutOperation: db
        .prepare<[number], number>('SELECT count(*) FROM bulk_job_rows WHERE job_id = ? AND outbox_id IS NULL')
        .pluck(),
      complete: db.prepare<[string, number]>(
        `UPDATE bulk_jobs SET state = 'completed', completed_at = ? WHERE id = ? AND state = 'in_progress'`,
      ),
      inProgress: db.prepare<[], number>(`SELECT id FROM bulk_jobs WHERE state = 'in_progress' ORDER BY id`).pluck(),
      setOperation: db.prepare<[number, number, number]>('UPDATE bulk_job_rows SET outbox_id = ? WHERE job_id = ? AND row_no = ?'),
      markStarted: db.prepare<[string, number]>(
        `UPDATE bulk_jobs SET state = 'in_progress', started_at = ? WHERE id = ? AND state = 'draft'`,
      ),
      rename: db.prepare<[string, number]>('UPDATE bulk_jobs SET name = ? WHERE id = ?'),
      replaceSource: db.prepare<[string, number]>(`UPDATE bulk_jobs SET source = 'file', file_name = ? WHERE id = ?`),
      delete: db.prepare<[number]>('DELETE FROM bulk_jobs WHERE id = ?'),
      redeemed: db.prepare<[string], { auth_code: string; mac: string }>(
        `SELECT auth_code, mac FROM feature_keys WHERE auth_code IN (SELECT value FROM json_each(?))`,
      ),
      inventoryRedeemed: db.prepare<[string], { auth_code: string; mac: string }>(
        `SELECT auth_code, redeemed_mac AS mac FROM code_inventory
          WHERE status = 'redeemed' AND auth_code IN (SELECT value FROM json_each(?))`,
      ),
      held: db.prepare<[string], { auth_code: string; outbox_id: number }>(
        `SELECT auth_code, outbox_id FROM outbox_codes WHERE auth_code IN (SELECT value FROM json_each(?))`,
      ),
      inJobs: db.prepare<[string, number], { auth_code: string; name: string; state: BulkJobState }>(
        `SELECT r.auth_code, j.name, j.state FROM bulk_job_rows r JOIN bulk_jobs j ON j.id = r.job_id
          WHERE r.auth_code IN (SELECT value FROM json_each(?)) AND j.state IN ('draft', 'in_progress') AND j.id <> ?`,
      ),
      available: db
        .prepare<[string, number], string>(
          `SELECT i.auth_code FROM code_inventory i
          WHERE i.status = 'available' AND i.sku = ?
            AND NOT EXISTS (SELECT 1 FROM outbox_codes c WHERE c.auth_code = i.auth_code)
            AND NOT EXISTS (SELECT 1 FROM feature_keys k WHERE k.auth_code = i.auth_code)
            AND NOT EXISTS (SELECT 1 FROM bulk_job_rows r JOIN bulk_jobs j ON j.id = r.job_id
                             WHERE r.auth_code = i.auth_code AND j.state IN ('draft', 'in_progress'))
          ORDER BY i.imported_at, i.rowid LIMIT ?`,
        )
        .pluck(),
    };
  }

  job(id: number): JobRecord | null {
    return this.s.job.get(id) ?? null;
  }

  jobs(): JobRecord[] {
    return this.s.jobs.all();
  }

  /**
   * Of these compact codes, those that cannot go into a job, each with a sentence: redeemed (the
   * keys cache or the inventory says so), held by an open outbox operation, or in another draft
   * or in-progress job (`exceptJob` is left out).
   */
  usedBy(compactCodes: readonly string[], exceptJob: number | null): Map<string, Message> {
    const used = new Map<string, Message>();
    if (compactCodes.length === 0) return used;
    const list = JSON.stringify(compactCodes);
    for (const r of this.s.redeemed.all(list)) used.set(r.auth_code, say('bulk.used.redeemed', { mac: formatMacShort(r.mac) }));
    for (const r of this.s.inventoryRedeemed.all(list)) {
      if (!used.has(r.auth_code)) used.set(r.auth_code, say('bulk.used.inventoryRedeemed', { mac: formatMacShort(r.mac) }));
    }
    for (const r of this.s.held.all(list)) {
      if (!used.has(r.auth_code)) used.set(r.auth_code, say('bulk.used.queued', { operation: r.outbox_id }));
    }
    for (const r of this.s.inJobs.all(list, exceptJob ?? 0)) {
      if (!used.has(r.auth_code)) {
        used.set(r.auth_code, say(r.state === 'draft' ? 'bulk.used.inDraftJob' : 'bulk.used.inStartedJob', { name: r.name }));
      }
    }
    return used;
  }

  /** A new draft with its rows, in one transaction; returns its id. */
  create(job: { name: string; source: 'file' | 'inventory'; fileName: string | null; rows: readonly NewJobRow[] }, now: Date): number {
    return this.db.transaction(() => {
      const id = Number(this.s.insertJob.run(job.name, job.source, job.fileName, now.toISOString()).lastInsertRowid);
      this.insertRows(id, job.rows);
      return id;
    })();
  }

  /** A draft's rows replaced by a file's, in one transaction. */
  replaceFile(id: number, fileName: string, rows: readonly NewJobRow[]): void {
    this.db.transaction(() => {
      this.s.deleteRows.run(id);
      this.s.replaceSource.run(fileName, id);
      this.insertRows(id, rows);
    })();
  }

  rename(id: number, name: string): void {
    this.s.rename.run(name, id);
  }

  delete(id: number): void {
    this.s.delete.run(id);
  }

  private insertRows(id: number, rows: readonly NewJobRow[]): void {
    for (const r of rows) this.s.insertRow.run(id, r.row, r.mac, r.systemName, r.compact, r.sku);
  }

  /** Every row of a job with its outcome, in row order. */
  rows(id: number): BulkJobRow[] {
    const results = new Map<number, Map<string, RedemptionResult>>();
    return this.s.rows.all(id).map((r) => {
      let outcome: BulkCodeOutcome = 'waiting';
      let featureKey: string | null = null;
      let skuDescription: string | null = r.sku_description;
      let reason: string | null = null;
      let refusal: Message | null = null;
      let redeemedAt: string | null = null;
      let sku = r.sku;
      if (r.outbox_id !== null && r.op_status !== null) {
        let byCode = results.get(r.outbox_id);
        if (!byCode && r.op_result) {
          byCode = new Map((JSON.parse(r.op_result) as RedemptionResult[]).map((x) => [x.authCode.replace(/-/g, '').toUpperCase(), x]));
          results.set(r.outbox_id, byCode);
        }
        const answer = byCode?.get(r.auth_code);
        if (answer) {
          if (answer.status === 'redeemed') {
            outcome = 'redeemed';
            featureKey = answer.featureKey ?? null;
            redeemedAt = answer.redeemedAt ?? null;
          } else {
            outcome = 'refused';
            reason = answer.message ?? null;
            if (reason === null) refusal = say(REFUSALS[answer.status]);
          }
          sku = sku ?? answer.sku ?? null;
          skuDescription = answer.skuDescription ?? skuDescription;
        } else if (ANSWERED.includes(r.op_status)) {
          // Refused whole (4xx) or put away before an answer: every code of it with the reason.
          outcome = 'refused';
          reason = r.op_error;
          if (reason === null) refusal = say(byCode ? 'bulk.outcome.noAnswer' : 'bulk.outcome.refusedWhole');
        }
      }
      return {
        row: r.row_no,
        mac: r.mac,
        systemName: r.system_name,
        authCode: formatAuthCode(r.auth_code),
        sku,
        outcome,
        featureKey,
        skuDescription,
        reason,
        refusal,
        redeemedAt,
        operationId: r.outbox_id,
      };
    });
  }

  /** Counts of a job's rows by outcome, and of its operations (planned ones for a draft). */
  progress(rows: readonly BulkJobRow[]): BulkJobProgress {
    const progress: BulkJobProgress = { total: rows.length, redeemed: 0, refused: 0, waiting: 0, operations: 0, operationsAnswered: 0 };
    const operations = new Map<number, boolean>();
    for (const row of rows) {
      progress[row.outcome]++;
      if (row.operationId !== null) operations.set(row.operationId, (operations.get(row.operationId) ?? true) && row.outcome !== 'waiting');
    }
    if (operations.size > 0) {
      progress.operations = operations.size;
      progress.operationsAnswered = [...operations.values()].filter(Boolean).length;
    } else {
      progress.operations = planOperations(rows).length;
    }
    return progress;
  }

  /**
   * A started job's progress without building its rows: the same counts as `progress(rows)`, read
   * per operation (every code of an operation is a row of this job), so following each answer of
   * a 15,000-code job does not rebuild 15,000 rows. A draft's operations are only planned: use
   * `progress`.
   */
  startedProgress(id: number): BulkJobProgress {
    const progress: BulkJobProgress = { total: 0, redeemed: 0, refused: 0, waiting: 0, operations: 0, operationsAnswered: 0 };
    for (const group of this.s.rowsByOperation.all(id)) {
      progress.total += group.rows;
      const results = group.result ? (JSON.parse(group.result) as RedemptionResult[]) : [];
      const redeemed = results.filter((result) => result.status === 'redeemed').length;
      // Codes without an answer of their own are refused once their operation is answered.
      const unanswered = group.rows - results.length;
      const answered = group.status !== null && ANSWERED.includes(group.status);
      progress.redeemed += redeemed;
      progress.refused += results.length - redeemed + (answered ? unanswered : 0);
      progress.waiting += answered ? 0 : unanswered;
      if (group.operation === null) continue;
      progress.operations++;
      if (answered || unanswered === 0) progress.operationsAnswered++;
    }
    return progress;
  }

  /** How many MACs a job's rows go to. */
  macCount(id: number): number {
    return this.s.jobMacs.get(id) ?? 0;
  }

  /** The job's operations not answered yet. */
  openOperations(id: number): { id: number; status: OutboxStatus; lastError: string | null }[] {
    return this.s.openOperations.all(id);
  }

  /** Jobs (ids) this outbox operation carries codes of. */
  jobsOfOperation(operationId: number): number[] {
    return this.s.jobsOfOperation.all(operationId);
  }

  inProgressJobs(): number[] {
    return this.s.inProgress.all();
  }

  /** An in-progress job whose every operation is answered becomes completed; true when it changed. */
  settle(id: number, now: Date): boolean {
    return this.db.transaction(() => {
      const job = this.job(id);
      if (job?.state !== 'in_progress') return false;
      if (this.s.rowsWithoutOperation.get(id)! > 0 || this.openOperations(id).length > 0) return false;
      return this.s.complete.run(now.toISOString(), id).changes > 0;
    })();
  }

  /** Inside the outbox's transaction: the rows point at their operations and the job is in progress. */
  markStarted(id: number, plan: readonly PlannedOperation[], operationIds: readonly number[], now: Date): void {
    plan.forEach((operation, index) => {
      for (const row of operation.rows) this.s.setOperation.run(operationIds[index]!, id, row);
    });
    this.s.markStarted.run(now.toISOString(), id);
  }

  /** Up to `limit` available inventory codes of a SKU, oldest import first, held by nothing (compact). */
  availableCodes(sku: string, limit: number): string[] {
    return this.s.available.all(sku, limit);
  }
}

/**
 * A job's redemptions: rows grouped by MAC (MACs in the order they first appear), each MAC's codes
 * in row order, in chunks of at most BULK_CODES_PER_OPERATION.
 */
export function planOperations(rows: readonly Pick<BulkJobRow, 'row' | 'mac' | 'systemName' | 'authCode'>[]): PlannedOperation[] {
  const byMac = new Map<string, (typeof rows)[number][]>();
  for (const row of rows) {
    const list = byMac.get(row.mac);
    if (list) list.push(row);
    else byMac.set(row.mac, [row]);
  }
  const plan: PlannedOperation[] = [];
  for (const [mac, list] of byMac) {
    const systemName = list.find((r) => r.systemName)?.systemName ?? null;
    for (let i = 0; i < list.length; i += BULK_CODES_PER_OPERATION) {
      const chunk = list.slice(i, i + BULK_CODES_PER_OPERATION);
      plan.push({
        request: { mac, serial: null, systemName, authCodes: chunk.map((r) => r.authCode) },
        rows: chunk.map((r) => r.row),
      });
    }
  }
  return plan;
}

function formatMacShort(mac: string): string {
  return mac.match(/.{2}/g)?.join(':') ?? mac;
}
