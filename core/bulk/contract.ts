/**
 * Bulk redemption jobs (issue 12): many codes for many systems in one go, from a CSV/XLSX file of
 * `MAC`, `Auth Code` (and optional `System Name`) rows or from the code inventory by SKU and
 * quantity per MAC. A job is `draft` (reviewed, its file replaced, renamed or deleted) →
 * `in_progress` (started: its codes are queued in the outbox as redemptions of at most 50 codes
 * per MAC, so a crash or a lost connection resumes where it stopped) → `completed` (every
 * redemption answered) with a per-code report exportable to Excel.
 * Only zod and types may be imported: the renderer imports this file.
 */
import { z } from 'zod';
import { fileBytes, method } from '../rpc/define';
import { importId } from '../import/contract';
import { MAX_BULK_FILE_BYTES, type BulkRuleId } from '../domain/bulk-rules';
import type { ExportedFile } from '../export/contract';
import type { Message } from '../messages/catalogue';

export const BULK_JOB_STATES = ['draft', 'in_progress', 'completed'] as const;
export type BulkJobState = (typeof BULK_JOB_STATES)[number];

/** One break of a rule: which rule, where, and a message (code, params, English). `row` is the spreadsheet's row number (header = 1); null for the whole file. */
export interface BulkRuleProblem {
  rule: BulkRuleId;
  row: number | null;
  /** The column's header as written, when the problem is in one cell. */
  column: string | null;
  /** The cell's text, verbatim (cut at 100 characters). */
  text: string | null;
  message: Message;
}

/**
 * What became of one code of a job:
 * - `waiting`: not started (draft) or queued and not answered yet;
 * - `redeemed`: the portal redeemed it (`featureKey`);
 * - `refused`: the portal refused it (`reason`: the portal's own words, as it sent them; when it
 *   sent none, `refusal`: FieldKey's message — already redeemed, not found, invalid…).
 */
export type BulkCodeOutcome = 'waiting' | 'redeemed' | 'refused';

export interface BulkJobRow {
  /** The file's row number (header = 1); for a job made from the inventory, 1-based order. */
  row: number;
  /** 12 upper-case hex digits. */
  mac: string;
  systemName: string | null;
  /** Canonical dashed. */
  authCode: string;
  /** For a job made from the inventory. */
  sku: string | null;
  outcome: BulkCodeOutcome;
  featureKey: string | null;
  skuDescription: string | null;
  /** For `refused`: the portal's reason, verbatim (its words, in its language); null when it gave none. */
  reason: string | null;
  /** For `refused` without the portal's words: FieldKey's message saying what the answer was. */
  refusal: Message | null;
  /** UTC ISO, for `redeemed`. */
  redeemedAt: string | null;
  /** The outbox redemption carrying this code, once started. */
  operationId: number | null;
}

export interface BulkJobProgress {
  /** Codes in the job. */
  total: number;
  redeemed: number;
  refused: number;
  /** Not answered yet. */
  waiting: number;
  /** Outbox redemptions the job was split into (at most 50 codes, one MAC each), and how many are answered. */
  operations: number;
  operationsAnswered: number;
}

export interface BulkJobSummary {
  id: number;
  name: string;
  state: BulkJobState;
  source: 'file' | 'inventory';
  /** For `file`. */
  fileName: string | null;
  macs: number;
  progress: BulkJobProgress;
  /** UTC ISO. */
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  /** A message when the job waits on something (offline, signed out, an operation in doubt); null otherwise. */
  waitingFor: Message | null;
}

export interface BulkJob extends BulkJobSummary {
  rows: BulkJobRow[];
}

/** One MAC's share of a job made from the inventory. */
export const bulkInventoryItem = z
  .object({
    mac: z.string().max(64),
    systemName: z.string().trim().max(200).optional(),
    /** SKU → how many available codes of it. */
    skus: z
      .array(z.object({ sku: z.string().min(1).max(64), quantity: z.number().int().min(1).max(15_000) }).strict())
      .min(1)
      .max(100),
  })
  .strict();

const fileInput = {
  fileName: z.string().min(1).max(260),
  /**
   * The file's bytes. Over MAX_BULK_FILE_BYTES the rule `max_size` refuses it with its problem list;
   * the schema's own cap (1 MB above) only stops a file far too large to be worth reading.
   */
  bytes: fileBytes(MAX_BULK_FILE_BYTES + 1024 * 1024),
  /** Follows the reading with `imports.progress` and lets `imports.cancel` stop it. */
  importId: importId.optional(),
};
const jobId = z.number().int().positive();

export const bulkMethods = {
  /** Every job, newest first, with its state and progress. */
  'bulk.list': method<{ jobs: BulkJobSummary[] }>()(z.object({}).strict()),
  /** One job with every row (at most 15,000). NOT_FOUND. */
  'bulk.get': method<BulkJob>()(z.object({ jobId }).strict()),
  /**
   * A draft job from a bulk file. A file breaking any rule is refused whole: VALIDATION with
   * `details.problems: BulkRuleProblem[]` (every break, in row order, at most 1,000) and nothing saved.
   */
  'bulk.createFromFile': method<BulkJob>()(z.object({ ...fileInput, name: z.string().trim().max(100).optional() }).strict()),
  /**
   * A draft job from the inventory: for each MAC, the asked quantity of `available` codes of each
   * SKU (oldest import first, none held elsewhere). VALIDATION (`details.problems`) for a malformed
   * MAC or when the inventory has fewer codes than asked (the message says how many it has).
   */
  'bulk.createFromInventory': method<BulkJob>()(
    z.object({ name: z.string().trim().max(100).optional(), items: z.array(bulkInventoryItem).min(1).max(1_000) }).strict(),
  ),
  /** A draft's file replaced by another (back and forth); same refusals as createFromFile. CONFLICT unless draft. */
  'bulk.replaceFile': method<BulkJob>()(z.object({ jobId, ...fileInput }).strict()),
  /** A job renamed (any state). */
  'bulk.rename': method<BulkJobSummary>()(z.object({ jobId, name: z.string().trim().min(1).max(100) }).strict()),
  /** A draft deleted. CONFLICT unless draft. */
  'bulk.delete': method<{ deleted: boolean }>()(z.object({ jobId }).strict()),
  /**
   * Starts a draft: its codes are checked again (VALIDATION with `details.problems`, rule
   * `code_unused`, when one has since been redeemed or queued) and queued in the outbox in one
   * transaction as redemptions of at most 50 codes per MAC; the job is `in_progress` and sending
   * begins at once when online. Starting twice is harmless (the job as it is).
   */
  'bulk.start': method<BulkJobSummary>()(z.object({ jobId }).strict()),
  /** The job's report (every code: MAC, system name, outcome, feature key or reason) as an Excel workbook. */
  'bulk.export': method<ExportedFile>()(z.object({ jobId }).strict()),
};

export interface BulkEvents {
  /** A job was created, changed state or made progress (an answer arrived). */
  'bulk.changed': { jobId: number; state: BulkJobState; progress: BulkJobProgress };
}
