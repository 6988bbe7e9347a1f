/**
 * Puts the keys of a portal export into the cache, all or nothing: one transaction takes every new
 * key (origin `import` until a sync confirms it), the SKUs and systems the cache did not know, and
 * one audit_log row; any failure rolls all of it back. A code the cache already holds is never
 * changed: with the same key and MAC it counts as already present, otherwise the cache's is kept
 * and the difference is listed as a conflict.
 */
import { ApiError } from '../rpc/errors';
import type { Db } from '../db/database';
import { setIndexesAside } from '../db/fast-writes';
import { formatAuthCode } from '../domain/auth-code';
import { say } from '../messages/say';
import type { UtcOffset } from '../export/workbook';
import { MAX_IMPORT_FILE_BYTES, type ImportConflict, type ImportReport, type ImportRowProblem } from './contract';
import { type ParsedPortalExport, parsePortalExport, type PortalKeyRow } from './portal-export';
import { SEARCH_INDEX_COMPLETE } from '../db/search-index';
import type { FileJobSpec, WorkerDatabase } from '../import/file-worker/protocol';

/**
 * The file worker reads and saves a portal export on a connection of its own. `utcOffsetMinutes`:
 * a fixed zone (tests, benches); else this computer's, as the core's. `now` (ISO) stamps the rows
 * and the audit line.
 */
export type PortalImportJob = FileJobSpec<
  'portalImport',
  { bytes: Uint8Array; utcOffsetMinutes?: number; fileName: string; now: string; database: WorkerDatabase },
  ImportReport
>;

/**
 * Not a file: the search index a large import left short, built off the core's thread after it.
 * Answers whether it is complete (false: the connection closed under it; the next start resumes).
 */
export type SearchIndexJob = FileJobSpec<'searchIndex', { database: WorkerDatabase }, { complete: boolean }>;

/** Page cache (KiB) during a large import. */
const IMPORT_CACHE_KIB = 256 * 1024;

export interface ImportOptions {
  fileName: string;
  now: Date;
  utcOffset: UtcOffset;
}

/** Reads the file and writes it; throws ApiError VALIDATION (nothing written) for a file it cannot take. */
export async function importPortalExport(db: Db, bytes: Buffer, options: ImportOptions): Promise<ImportReport> {
  checkImportSize(bytes);
  const parsed = await parsePortalExport(bytes, { utcOffset: options.utcOffset });
  return writeImport(db, parsed, options);
}

/** Refuses an empty file or one over MAX_IMPORT_FILE_BYTES before anything reads it. */
export function checkImportSize(bytes: Uint8Array): void {
  if (bytes.length > MAX_IMPORT_FILE_BYTES) {
    throw new ApiError('VALIDATION', say('keys.import.tooLarge', { megabytes: MAX_IMPORT_FILE_BYTES / 1024 / 1024 }));
  }
  if (bytes.length === 0) throw new ApiError('VALIDATION', say('keys.import.empty'));
}

/** Files of up to this many rows are added to the search index within the import's transaction. */
export const INDEX_IN_IMPORT_ROWS = 10_000;

/** Rows written between two `onSaved` calls. */
const SAVED_EVERY_ROWS = 5_000;

/**
 * The database half: one transaction for the whole file. The app runs it in the file worker on a
 * connection of its own (file-worker/jobs.ts), so its core answers meanwhile; `onSaved` reports
 * the rows handled so far.
 */
export function writeImport(
  db: Db,
  parsed: ParsedPortalExport,
  options: Pick<ImportOptions, 'fileName' | 'now'> & { onSaved?: (done: number) => void },
): ImportReport {
  const updatedAt = options.now.toISOString();
  const statements = {
    existing: db.prepare<[string], { featureKey: string; mac: string; redeemedAt: string }>(
      'SELECT feature_key AS featureKey, mac, redeemed_at AS redeemedAt FROM feature_keys WHERE auth_code = ?',
    ),
    ensureSku: db.prepare<[string, string, string]>(
      'INSERT INTO skus (sku, description, updated_at) VALUES (?, ?, ?) ON CONFLICT (sku) DO NOTHING',
    ),
    ensureSystem: db.prepare<[string, string, string]>(
      'INSERT INTO systems (mac, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (mac) DO NOTHING',
    ),
    insertKey: db.prepare<[string, string, string, string, string | null, string, string]>(
      `INSERT INTO feature_keys (auth_code, feature_key, sku, mac, distributor, redeemed_at, updated_at, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'import')`,
    ),
    searchDeferred: db.prepare<[], { deferred: number }>('SELECT deferred FROM search_index WHERE id = 1'),
    // The triggers index a row only at or below these frontiers (migration 003).
    setSearchFrontiers: db.prepare<[number | string, number | string]>(
      'UPDATE search_index SET keys_indexed_to = ?, systems_indexed_to = ? WHERE id = 1',
    ),
    lastKeyRowid: db.prepare<[], { rowid: number | null }>('SELECT max(rowid) AS rowid FROM feature_keys'),
    lastSystemRowid: db.prepare<[], { rowid: number | null }>('SELECT max(rowid) AS rowid FROM systems'),
    indexNewKeys: db.prepare<[number]>(
      `INSERT INTO feature_keys_fts (rowid, auth_code, feature_key, sku, distributor)
       SELECT rowid, auth_code, feature_key, sku, distributor FROM feature_keys WHERE rowid > ?`,
    ),
    indexNewSystems: db.prepare<[number]>(
      `INSERT INTO systems_fts (rowid, mac, serial, name, customer) SELECT rowid, mac, serial, name, customer FROM systems WHERE rowid > ?`,
    ),
    audit: db.prepare<[string, string, string]>(
      `INSERT INTO audit_log (at, action, entity, entity_id, details) VALUES (?, 'keys.import', 'import', ?, ?)`,
    ),
  };

  const run = db.transaction((): ImportReport => {
    let imported = 0;
    let alreadyPresent = 0;
    let systemsAdded = 0;
    const conflicts: ImportConflict[] = [];
    const rejected: ImportRowProblem[] = [...parsed.rejected];
    /** Codes met earlier in this file, with their row. */
    const seen = new Map<string, PortalKeyRow>();
    const knownSkus = new Set<string>();
    const knownSystems = new Set<string>();
    let redeemed: { from: string; to: string } | null = null;
    const listed = (at: string) => {
      if (!redeemed) redeemed = { from: at, to: at };
      else if (at < redeemed.from) redeemed.from = at;
      else if (at > redeemed.to) redeemed.to = at;
    };
    // The search index is not kept by the per-row triggers here: their frontiers are lowered to
    // the last rows before this import, so the triggers stand aside for the new ones. A small
    // file's rows are then indexed in one pass in this same transaction (a third of the time of
    // the triggers); a large file's are left above the frontiers for SearchIndexBuilder to index
    // in the background after the import (100,000 rows take seconds: searches scan meanwhile).
    // Only rows added here are new (keys and systems are never renumbered), so "rowid above the
    // last one" finds them. While the index is being built already (after a first full sync),
    // the builder picks the new rows up too (they are above its frontiers).
    const indexComplete = statements.searchDeferred.get()?.deferred === 0;
    const keysBefore = statements.lastKeyRowid.get()?.rowid ?? 0;
    const systemsBefore = statements.lastSystemRowid.get()?.rowid ?? 0;
    if (indexComplete) statements.setSearchFrontiers.run(keysBefore, systemsBefore);
    const indexHere = indexComplete && parsed.rows.length <= INDEX_IN_IMPORT_ROWS;
    // A file larger than the cache (a first import) builds the key table's indexes once at the end.
    const restoreIndexes = parsed.rows.length > Math.max(INDEX_IN_IMPORT_ROWS, keysBefore) ? setIndexesAside(db, 'feature_keys') : null;

    // In code order: the primary key's pages then fill one after another instead of at random
    // (a fifth less time for a large file). Rows keep their numbers for the report.
    const inCodeOrder = [...parsed.rows].sort((a, b) => (a.authCode < b.authCode ? -1 : a.authCode > b.authCode ? 1 : a.row - b.row));
    let handled = 0;
    for (const row of inCodeOrder) {
      if (++handled % SAVED_EVERY_ROWS === 0) options.onSaved?.(handled);
      const earlier = seen.get(row.authCode);
      if (earlier) {
        if (earlier.featureKey === row.featureKey && earlier.mac === row.mac) alreadyPresent++;
        else
          rejected.push({
            row: row.row,
            authCode: formatAuthCode(row.authCode),
            column: null,
            reason: say('keys.import.sameCode', { row: earlier.row }),
          });
        continue;
      }
      seen.set(row.authCode, row);
      const cached = statements.existing.get(row.authCode);
      if (cached) {
        if (cached.featureKey === row.featureKey && cached.mac === row.mac) {
          alreadyPresent++;
          listed(cached.redeemedAt);
        } else
          conflicts.push({
            row: row.row,
            authCode: formatAuthCode(row.authCode),
            cached: { featureKey: cached.featureKey, mac: cached.mac },
            file: { featureKey: row.featureKey, mac: row.mac },
          });
        continue;
      }
      if (!knownSkus.has(row.sku)) {
        statements.ensureSku.run(row.sku, row.skuDescription ?? row.sku, updatedAt);
        knownSkus.add(row.sku);
      }
      if (!knownSystems.has(row.mac)) {
        systemsAdded += statements.ensureSystem.run(row.mac, updatedAt, updatedAt).changes;
        knownSystems.add(row.mac);
      }
      statements.insertKey.run(row.authCode, row.featureKey, row.sku, row.mac, row.distributor, row.redeemedAt, updatedAt);
      imported++;
      listed(row.redeemedAt);
    }

    restoreIndexes?.();
    if (indexHere) {
      statements.indexNewKeys.run(keysBefore);
      statements.indexNewSystems.run(systemsBefore);
      statements.setSearchFrontiers.run(SEARCH_INDEX_COMPLETE, SEARCH_INDEX_COMPLETE);
    }

    rejected.sort((a, b) => a.row - b.row);
    conflicts.sort((a, b) => a.row - b.row);
    const report: ImportReport = {
      fileName: options.fileName,
      sheetName: parsed.sheetName,
      headerRow: parsed.headerRow,
      imported,
      alreadyPresent,
      conflicts,
      rejected,
      systemsAdded,
      redeemed,
    };
    statements.audit.run(
      updatedAt,
      options.fileName,
      JSON.stringify({
        sheetName: report.sheetName,
        headerRow: report.headerRow,
        imported,
        alreadyPresent,
        conflicts: conflicts.length,
        rejected: rejected.length,
        systemsAdded,
      }),
    );
    return report;
  });
  // A page cache big enough for the indexes a large file touches, for this transaction only
  // (SQLite's default of 2 MB makes it write pages out and read them back again and again).
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  if (parsed.rows.length > 10_000) db.pragma(`cache_size = ${-IMPORT_CACHE_KIB}`);
  try {
    // IMMEDIATE: takes the write lock at once, so nothing else writes between the reads and the inserts.
    return run.immediate();
  } finally {
    if (parsed.rows.length > 10_000) db.pragma(`cache_size = ${cacheSize}`);
  }
}
