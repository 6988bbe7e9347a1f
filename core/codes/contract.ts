/**
 * The code inventory (issue 12): authorization codes FieldKey has seen before they are redeemed —
 * imported from a distributor's spreadsheet (preview as a Draft, then confirm), listed and searched,
 * counted by SKU (the balance, exportable to Excel), and checked against the portal.
 * Only zod and types may be imported: the renderer imports this file.
 */
import { z } from 'zod';
import { fileBytes, method } from '../rpc/define';
import { searchText } from '../list-query/search-text';
import { importId } from '../import/contract';
import type { ExportedFile } from '../export/contract';
import type { Message } from '../messages/catalogue';

/** What the inventory says of a code (migration 005). */
export const CODE_STATUSES = ['unchecked', 'available', 'redeemed', 'queued', 'unknown'] as const;
export type CodeStatus = (typeof CODE_STATUSES)[number];

/** Columns the Codes list sorts by. */
export const CODE_SORT_COLUMNS = ['importedAt', 'code', 'sku', 'status', 'distributor', 'lastCheckedAt'] as const;
export type CodeSortColumn = (typeof CODE_SORT_COLUMNS)[number];

/** Largest distributor file `codes.previewImport` accepts (decoded bytes): the bulk-file limit. */
export const MAX_CODE_SHEET_BYTES = 5 * 1024 * 1024;
/** Drafts kept in memory at once (older ones are dropped), and for how long. */
export const MAX_IMPORT_DRAFTS = 3;
export const IMPORT_DRAFT_TTL_MS = 30 * 60_000;

/** A cell of the file. */
export interface CodeSourceCell {
  sheet: string;
  /** 1-based. */
  row: number;
  /** 1-based (A = 1). */
  column: number;
  /** `D4`. */
  cell: string;
}

/**
 * What a code of the file is to FieldKey, at preview time:
 * - `new`: not in the inventory and not known redeemed: confirming adds it as `unchecked`;
 * - `in_inventory`: already imported (`inventoryStatus` says what it is now): left as it is;
 * - `redeemed`: the keys cache has its key (`mac`, `redeemedAt`): confirming records it in the
 *   inventory as `redeemed`, so the order's file is complete, and it never counts in the balance;
 * - `queued`: an open redemption in the outbox holds it: confirming adds it as `queued`.
 */
export type DraftCodeState = 'new' | 'in_inventory' | 'redeemed' | 'queued';

export interface DraftCode extends CodeSourceCell {
  /** Canonical: 43XC98-68WTGB-CWMH53-YS4RA9. */
  code: string;
  /** As written in the cell (first occurrence). */
  text: string;
  /** From the row's SKU / description / distributor columns, when the sheet has them. */
  sku: string | null;
  description: string | null;
  distributor: string | null;
  /** How often the file has it (more than 1: listed under duplicates too; stored once). */
  occurrences: number;
  /**
   * Where the file has it: typed in a cell (`text`), only as a barcode picture (`picture`), or
   * both — a picture anchored on the same row as the typed code, which confirms it.
   */
  source: 'text' | 'picture' | 'both';
  /** For `picture` and `both`: the cell the (first) picture of this code is anchored on. */
  picture: CodeSourceCell | null;
  state: DraftCodeState;
  /** For `in_inventory`. */
  inventoryStatus: CodeStatus | null;
  /** For `redeemed` (and an inventory row that is redeemed): 12 hex digits, UTC ISO time. */
  mac: string | null;
  redeemedAt: string | null;
}

export interface DraftNotACode extends CodeSourceCell {
  /** Verbatim. */
  text: string;
  /** Why it is not an authorization code (code, params, English). */
  message: Message;
}

export interface DraftDuplicate {
  code: string;
  occurrences: CodeSourceCell[];
}

/**
 * What a picture embedded in the workbook turned out to be, decoded in core:
 * - `code`: a barcode holding an authorization code (`code`; `format` names the symbology);
 * - `not_a_code`: a barcode holding something else (`text` verbatim: also listed under notCodes);
 * - `no_barcode`: no barcode found in it (a logo, a photo, or a symbol too damaged to read);
 * - `unreadable`: the picture itself could not be opened (damaged, or a format other than PNG/JPEG).
 */
export type DraftPictureState = 'code' | 'not_a_code' | 'no_barcode' | 'unreadable';

export interface DraftPicture extends CodeSourceCell {
  extension: string;
  sku: string | null;
  description: string | null;
  state: DraftPictureState;
  /** For `code`: canonical dashed form. */
  code: string | null;
  /** What the barcode held, verbatim (`code` and `not_a_code`). */
  text: string | null;
  /** `Code128`, `QRCode`, `DataMatrix`, `PDF417`, `Code39`… (zxing's names). */
  format: string | null;
  /**
   * For `code`: `confirms` when the same row has this code typed; `differs` when the row has a
   * different typed code (both are kept: a warning); `alone` when the row has no typed code.
   */
  match: 'confirms' | 'differs' | 'alone' | null;
  /** For the states other than `code` (and `differs`): a message saying what and where. */
  message: Message | null;
}

export interface DraftSheet {
  name: string;
  headerRow: number | null;
  rows: number;
  codes: number;
  pictures: number;
}

export interface DraftCounts {
  /** Distinct codes in the file. */
  codes: number;
  /** Every occurrence, duplicates included. */
  occurrences: number;
  new: number;
  inInventory: number;
  redeemed: number;
  queued: number;
  notCodes: number;
  /** Codes found more than once. */
  duplicates: number;
  pictures: number;
  /** Codes by where they were found (they add up to `codes`). */
  fromText: number;
  fromPicture: number;
  fromBoth: number;
  /** Pictures that gave no authorization code (not_a_code, no_barcode, unreadable). */
  picturesWithoutCode: number;
}

/** The report of `codes.previewImport`: nothing is saved until `codes.confirmImport`. */
export interface CodeImportDraft {
  draftId: string;
  fileName: string;
  format: 'xlsx' | 'csv';
  /** UTC ISO: after this the draft is gone and the file must be chosen again. */
  expiresAt: string;
  sheets: DraftSheet[];
  /** Distinct codes, in reading order (first occurrence). */
  codes: DraftCode[];
  counts: DraftCounts;
  notCodes: DraftNotACode[];
  duplicates: DraftDuplicate[];
  pictures: DraftPicture[];
  /** A message when some pictures gave no code (which and where are in `pictures`); null otherwise. */
  picturesNote: Message | null;
}

export interface CodeImportResult {
  draftId: string;
  batchId: number;
  fileName: string;
  /** Stored as `unchecked` (or `queued`). */
  added: number;
  /** Stored as `redeemed` (the keys cache had their key). */
  addedRedeemed: number;
  /** Already in the inventory: left as they were. */
  alreadyInInventory: number;
  /** Left out because the confirmation asked so. */
  skipped: number;
  /** True when this draft had been confirmed before: the first confirmation's result, nothing stored again. */
  alreadyConfirmed: boolean;
}

/** One code of the inventory. */
export interface CodeRow {
  /** Canonical dashed form. */
  code: string;
  sku: string | null;
  description: string | null;
  distributor: string | null;
  status: CodeStatus;
  /** For `redeemed`. */
  redeemedMac: string | null;
  redeemedAt: string | null;
  lastCheckedAt: string | null;
  importedAt: string;
  batchId: number | null;
  sourceFile: string | null;
  sourceSheet: string | null;
  sourceRow: number | null;
  sourceColumn: number | null;
  sourceKind: 'text' | 'picture' | 'both';
}

export const codeFilter = z
  .object({
    status: z.enum(CODE_STATUSES).nullable().default(null),
    /** An exact SKU; `''` matches codes whose SKU is not known yet. Null: any. */
    sku: z.string().max(64).nullable().default(null),
    /** Matched literally, case-insensitively, in code (any format), SKU, description and distributor. */
    contains: searchText(200).default(''),
    sort: z.enum(CODE_SORT_COLUMNS).default('importedAt'),
    direction: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();
export type CodeFilter = z.output<typeof codeFilter>;
export type CodeFilterInput = z.input<typeof codeFilter>;

export interface CodePage {
  rows: CodeRow[];
  /** Pass as `after` for the next page; null on the last page. Opaque. */
  nextCursor: string | null;
  /** Only on the first page: how many codes match (exact up to 10,000). */
  total: { count: number; exact: boolean } | null;
  /** A message when the search was answered in a narrower way than asked (1–2 characters). */
  note: Message | null;
}

/** Unredeemed codes of one SKU. */
export interface BalanceRow {
  /** Null: codes whose SKU is not known yet (unchecked, from a sheet without a SKU column). */
  sku: string | null;
  description: string | null;
  available: number;
  unchecked: number;
  queued: number;
  /** available + unchecked + queued. */
  count: number;
  /** UTC ISO of the oldest import among them. */
  oldestImportedAt: string;
}

export interface CodeBalance {
  rows: BalanceRow[];
  total: number;
}

/** What `codes.check` did. */
export interface CodeCheckResult {
  /** Codes the portal answered for. */
  checked: number;
  available: number;
  redeemed: number;
  unknown: number;
  /** Codes still `unchecked` after the call. */
  unchecked: number;
  /** Why some or all were not checked (null when every code was); a message in `message`. */
  reason: 'no_portal' | 'signed_out' | 'offline' | 'portal_error' | null;
  message: Message | null;
}

/** Available codes handed out by `codes.pick` (Pick from inventory on the Redeem page). */
export interface PickedCodes {
  sku: string;
  /** Canonical dashed codes, oldest import first; fewer than asked when the inventory has fewer. */
  codes: string[];
  /** Available codes of this SKU in the inventory (not held by an open redemption), before `exclude`. */
  available: number;
}

/** Progress of a `codes.previewImport` that decodes pictures (event `codes.importProgress`). */
export interface CodeImportProgress {
  fileName: string;
  phase: 'reading' | 'pictures' | 'done';
  picturesDone: number;
  pictures: number;
}

/** Most codes `codes.check` takes by name at once. */
export const MAX_CODES_PER_CHECK = 20_000;

export const codesMethods = {
  /**
   * Reads a distributor's spreadsheet (.xlsx or .csv, as bytes) into a Draft report; nothing is
   * saved. The draft is kept in memory (the last MAX_IMPORT_DRAFTS, IMPORT_DRAFT_TTL_MS) for
   * `codes.confirmImport`; `replaceDraftId` drops the draft it replaces (back and forth).
   * VALIDATION with one sentence (details.reason) for a file that cannot be read.
   */
  'codes.previewImport': method<CodeImportDraft>()(
    z
      .object({
        fileName: z.string().min(1).max(260),
        bytes: fileBytes(MAX_CODE_SHEET_BYTES),
        replaceDraftId: z.string().max(100).optional(),
        /** Follows the reading with `imports.progress` and lets `imports.cancel` stop it. */
        importId: importId.optional(),
      })
      .strict(),
  ),
  /**
   * Stores a draft's new codes in one transaction (all or nothing). `skip`: codes (any form) to
   * leave out. NOT_FOUND when the draft is unknown or expired; VALIDATION for a malformed skip code.
   */
  'codes.confirmImport': method<CodeImportResult>()(
    z
      .object({
        draftId: z.string().max(100),
        skip: z.array(z.string().max(100)).max(50_000).default([]),
      })
      .strict(),
  ),
  /** Forgets a draft (the user cancelled); true when there was one. */
  'codes.discardImport': method<{ discarded: boolean }>()(z.object({ draftId: z.string().max(100) }).strict()),
  /** One keyset page of the inventory in the filter's order, with a bounded count on the first page. */
  'codes.list': method<CodePage>()(
    z
      .object({
        filter: codeFilter,
        after: z.string().max(500).nullable().default(null),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  /** Unredeemed codes (available, unchecked, queued) by SKU: count and oldest import. */
  'codes.balance': method<CodeBalance>()(z.object({}).strict()),
  /** The balance as an Excel workbook. */
  'codes.exportBalance': method<ExportedFile>()(z.object({}).strict()),
  /**
   * Asks the portal (batch look-up, 500 codes a request) about the given inventory codes, or every
   * `unchecked` one, and stores SKU, description, distributor and status. Offline or signed out:
   * nothing changes and the result says why. VALIDATION for a malformed code.
   */
  'codes.check': method<CodeCheckResult>()(z.object({ codes: z.array(z.string().max(100)).max(MAX_CODES_PER_CHECK).optional() }).strict()),
  /**
   * Up to `count` `available` codes of one SKU that no open redemption holds, oldest import first,
   * leaving out `exclude` (codes already in the form). Nothing is reserved: redeeming reserves.
   */
  'codes.pick': method<PickedCodes>()(
    z
      .object({
        sku: z.string().min(1).max(64),
        count: z.number().int().min(1).max(50),
        exclude: z.array(z.string().max(100)).max(50).default([]),
      })
      .strict(),
  ),
};

export interface CodesEvents {
  /** The inventory changed: an import, a check, a sync or a redemption's answer. */
  'codes.changed': { reason: 'import' | 'check' | 'sync' | 'redemption' | 'bulk' };
  /** A preview reading a file with pictures: how far it is. */
  'codes.importProgress': CodeImportProgress;
}
