/**
 * The feature keys in the local cache: the Keys page (the portal's View Codes), Quick Lookup,
 * a key's details, the Excel export of a list, and the import of the portal's own View Codes
 * export. Everything here answers from the cache, offline and without signing in.
 * Only zod and types may be imported: the renderer imports this file.
 */
import { z } from 'zod';
import type { Message } from '../messages/catalogue';
import { fileBytes, MAX_FILE_ARGUMENT_BYTES, method } from '../rpc/define';
import { searchText } from '../list-query/search-text';
import { importId } from '../import/contract';
import type { ExportedFile } from '../export/contract';
import type { SystemSummary } from '../systems/contract';

/** Columns the Keys page sorts by. */
export const KEY_SORT_COLUMNS = ['sku', 'distributor', 'authCode', 'featureKey', 'mac', 'systemName', 'redeemedAt'] as const;
export type KeySortColumn = (typeof KEY_SORT_COLUMNS)[number];

/** What `contains` is matched against: `all` is every field below plus the SKU description and the distributor. */
export const KEY_SEARCH_FIELDS = ['all', 'mac', 'sku', 'authCode', 'featureKey', 'systemName', 'customer'] as const;
export type KeySearchField = (typeof KEY_SEARCH_FIELDS)[number];

/** One feature key as the cache holds it, with what the Keys table shows next to it. */
export interface KeyRow {
  /** Canonical dashed form `XXXXXX-XXXXXX-XXXXXX-XXXXXX`. */
  authCode: string;
  /** Exactly as the portal gave it (case-sensitive). */
  featureKey: string;
  sku: string;
  skuDescription: string | null;
  distributor: string | null;
  /** 12 upper-case hex digits. */
  mac: string;
  systemName: string | null;
  customer: string | null;
  /** UTC ISO-8601 (`…Z`). */
  redeemedAt: string;
  /** `import`: from the portal's Excel export, not yet confirmed by a sync. */
  origin: 'portal' | 'import';
}

/** The filter of the Keys page; the same object drives the list, its count and its export. */
export const keyFilter = z
  .object({
    /** Redeemed at or after (ISO date `2026-11-01` = that day's start in UTC, or a full ISO time). */
    from: z.string().max(40).nullable().default(null),
    /** Redeemed before the end of this day (ISO date) or before this instant (full ISO time). */
    to: z.string().max(40).nullable().default(null),
    by: z.enum(KEY_SEARCH_FIELDS).default('all'),
    /** Matched literally (no wildcards, no search syntax), case-insensitively; MACs and codes in any format. */
    contains: searchText(200).default(''),
    sort: z.enum(KEY_SORT_COLUMNS).default('redeemedAt'),
    direction: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();
export type KeyFilter = z.output<typeof keyFilter>;
export type KeyFilterInput = z.input<typeof keyFilter>;

/** How many rows match. Counting stops at a bound on very broad searches: then `exact` is false and `count` is the bound. */
export interface KeyCount {
  count: number;
  exact: boolean;
}

export interface KeyPage {
  rows: KeyRow[];
  /** Pass as `after` for the next page; null on the last page. Opaque. */
  nextCursor: string | null;
  /** Only on the first page (no `after`): how many rows match the filter. */
  total: KeyCount | null;
  /**
   * Only on the first page of a filter with dates: how many more rows the same search finds
   * outside those dates (so a page can say "3 more outside these dates" instead of "no keys").
   * Null without dates, on later pages, or when the count within the dates stopped at the bound.
   */
  outsideDates: KeyCount | null;
  /**
   * A sentence when the search was answered in a narrower way than asked, e.g. a query of 1–2
   * characters matched at the start of codes, keys, MACs and names only. Null otherwise.
   */
  note: Message | null;
  /** When the cache was last filled from the portal (ISO 8601), or null if never. */
  lastSyncedAt: string | null;
}

/** Something that happened to a key, newest first on the Details view. */
export interface KeyHistoryEntry {
  at: string;
  /** `redeemed` (by the portal), `redeemed_here` (by this FieldKey, outbox operation), `imported`, `synced`. */
  event: 'redeemed' | 'redeemed_here' | 'imported' | 'synced';
  /** What happened (`keys.history.*`). */
  description: Message;
}

export interface KeyDetails {
  key: KeyRow;
  system: SystemSummary | null;
  history: KeyHistoryEntry[];
}

/** Count of keys of one SKU on a system (Quick Lookup's licence inventory). */
export interface LicenceCount {
  sku: string;
  description: string | null;
  count: number;
}

export interface QuickLookupResult {
  /** Null when the cache does not know the MAC. */
  system: SystemSummary | null;
  /** The system's keys, by SKU then redeemed date. */
  keys: KeyRow[];
  /** Count per SKU, by SKU. */
  inventory: LicenceCount[];
  /** Every key counted once: Aastra's "total of elementary features". */
  totalFeatures: number;
  /** Said when the serial given does not match the one the cache holds (`keys.lookup.serialMismatch`); null otherwise. */
  serialWarning: Message | null;
}

/** Event `keys.exportProgress`, for `keys.export` calls that pass a `jobId`. */
export interface KeyExportProgress {
  jobId: string;
  rowsWritten: number;
  totalRows: number;
}

/** One row of the import report (1-based row numbers of the worksheet). */
/** The portal export's columns a row problem names. */
export type ImportColumn = 'Auth' | 'Key' | 'SKU' | 'MAC' | 'Redeemed';

export interface ImportRowProblem {
  row: number;
  /** The code as it appears in the file (may be malformed), or null. */
  authCode: string | null;
  /** The file's column at fault (`Auth`, `Key`, `SKU`, `MAC`, `Redeemed`), or null for the row as a whole. */
  column: ImportColumn | null;
  /** Why the row was not imported (its English `message` starts with the column: `Auth: …`). */
  reason: Message;
}

export interface ImportConflict {
  row: number;
  authCode: string;
  /** What the cache holds (kept). */
  cached: { featureKey: string; mac: string };
  /** What the file says (ignored). */
  file: { featureKey: string; mac: string };
}

export interface ImportReport {
  fileName: string;
  sheetName: string;
  /** 1-based row number of the header the import recognised. */
  headerRow: number;
  imported: number;
  /** Already in the cache with the same key, MAC and SKU. */
  alreadyPresent: number;
  conflicts: ImportConflict[];
  rejected: ImportRowProblem[];
  /** Systems created for MACs the cache did not know. */
  systemsAdded: number;
  /**
   * The earliest and latest redeemed time (UTC ISO) of the file's keys now in the cache (imported
   * or already present), so the page can list them whatever their dates; null when there are none.
   */
  redeemed: { from: string; to: string } | null;
}

/** Largest portal export `keys.import` accepts (decoded bytes). */
export const MAX_IMPORT_FILE_BYTES = MAX_FILE_ARGUMENT_BYTES;

export const keysMethods = {
  /**
   * One page of keys matching the filter, in its order (keyset pagination: page N costs what page
   * 1 costs). VALIDATION for a malformed cursor or date.
   */
  'keys.list': method<KeyPage>()(
    z
      .object({
        filter: keyFilter,
        after: z.string().max(500).nullable().default(null),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  /** One key with its system, customer and history; null when the cache does not hold it. VALIDATION for a malformed code. */
  'keys.get': method<KeyDetails | null>()(z.object({ authCode: z.string().max(100) }).strict()),
  /** Quick Lookup: a system's keys and licence inventory by MAC (any accepted format). VALIDATION for a malformed MAC. */
  'keys.lookup': method<QuickLookupResult>()(z.object({ mac: z.string().max(64), serial: z.string().trim().max(64).optional() }).strict()),
  /**
   * Every row matching the filter, in its order, as a workbook (streamed; 100,000 rows in seconds).
   * With `jobId`, emits `keys.exportProgress` and can be stopped by `keys.cancelExport` (CANCELLED).
   */
  'keys.export': method<ExportedFile>()(z.object({ filter: keyFilter, jobId: z.string().min(8).max(100).optional() }).strict()),
  /** Stops a running `keys.export`; true when one was running. */
  'keys.cancelExport': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(8).max(100) }).strict()),
  /**
   * A customer handover workbook (system details on top, keys below, one page wide) or a .txt for
   * one system. NOT_FOUND when the cache does not know the MAC.
   */
  'keys.exportSystem': method<ExportedFile>()(z.object({ mac: z.string().max(64), format: z.enum(['xlsx', 'txt']) }).strict()),
  /**
   * Imports the portal's own View Codes export (.xlsx, as bytes) into the cache, all or nothing.
   * VALIDATION (the file is not an xlsx, is damaged, larger than MAX_IMPORT_FILE_BYTES, or has no
   * recognisable header) with a sentence saying which; nothing is imported then.
   */
  'keys.import': method<ImportReport>()(
    z
      .object({
        fileName: z.string().min(1).max(260),
        bytes: fileBytes(MAX_IMPORT_FILE_BYTES),
        /** Follows the import with `imports.progress` and lets `imports.cancel` stop it. */
        importId: importId.optional(),
      })
      .strict(),
  ),
};

export interface KeysEvents {
  'keys.exportProgress': KeyExportProgress;
  /** The cache's keys changed (a pull page, a redemption's answer, an import, a system added or renamed). */
  'keys.changed': { reason: 'sync' | 'redemption' | 'import' | 'systems' };
}
