/**
 * The code inventory's writes and the rules that keep it in step with the rest of the database:
 *
 * - classifying a file's codes against the inventory, the keys cache and the outbox (preview);
 * - storing a confirmed draft in one transaction (a batch row, the codes with where they were found
 *   — typed, in a picture, or both — and their first cell, an audit row), or nothing;
 * - `reconcile()`: a code the keys cache holds is `redeemed` (with the cache's MAC and time); a code
 *   an open outbox operation holds is `queued`; a `queued` code no operation holds any more (its
 *   redemption was refused and dismissed) goes back to `unchecked`. Idempotent; run after every
 *   sync run that changed keys, after every redemption answer, at start, and before a check. It
 *   reads the inventory's unredeemed rows (one primary-key probe into the cache each), so it costs
 *   about 1 ms per 1,000 unredeemed codes.
 */
import type { Db } from '../db/database';
import type { DistributorSheetReport, SheetCode } from './distributor-sheet';
import type { CodeStatus, DraftCode, DraftCodeState } from './contract';

interface InventoryFacts {
  status: CodeStatus;
  redeemedMac: string | null;
  redeemedAt: string | null;
}

interface CachedKey {
  mac: string;
  redeemedAt: string;
}

export interface StoreImportOptions {
  fileName: string;
  now: Date;
  /** Compact codes to leave out. */
  skip: ReadonlySet<string>;
}

export interface StoreImportCounts {
  batchId: number;
  added: number;
  addedRedeemed: number;
  alreadyInInventory: number;
  skipped: number;
}

export class CodeInventory {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      inventory: db.prepare<[string], InventoryFacts>(
        'SELECT status, redeemed_mac AS redeemedMac, redeemed_at AS redeemedAt FROM code_inventory WHERE auth_code = ?',
      ),
      cached: db.prepare<[string], CachedKey>('SELECT mac, redeemed_at AS redeemedAt FROM feature_keys WHERE auth_code = ?'),
      held: db.prepare<[string], number>('SELECT 1 FROM outbox_codes WHERE auth_code = ?').pluck(),
      insertBatch: db.prepare<[string, string, number, number, number, number]>(
        `INSERT INTO code_import_batches (file_name, imported_at, codes_found, duplicates, not_codes, pictures) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      finishBatch: db.prepare<[number, number, number]>('UPDATE code_import_batches SET codes_added = ?, already_known = ? WHERE id = ?'),
      insertCode: db.prepare(
        `INSERT INTO code_inventory (auth_code, sku, description, distributor, batch_id, source_file, source_sheet, source_row,
           source_column, source_kind, imported_at, status, redeemed_mac, redeemed_at)
         VALUES (@code, @sku, @description, @distributor, @batchId, @file, @sheet, @row, @column, @kind, @importedAt, @status, @mac, @redeemedAt)
         ON CONFLICT (auth_code) DO NOTHING`,
      ),
      insertTrigger: db
        .prepare<[], string>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'code_inventory_fts_insert'")
        .pluck(),
      indexBatch: db.prepare<[number]>(
        `INSERT INTO code_inventory_fts (rowid, auth_code, sku, description, distributor)
         SELECT rowid, auth_code, sku, description, distributor FROM code_inventory WHERE batch_id = ?`,
      ),
      audit: db.prepare<[string, string, string]>(
        `INSERT INTO audit_log (at, action, entity, entity_id, details) VALUES (?, 'codes.import', 'code_import_batch', ?, ?)`,
      ),
      markRedeemed: db.prepare(
        `UPDATE code_inventory SET status = 'redeemed', redeemed_mac = k.mac, redeemed_at = k.redeemed_at
         FROM feature_keys k WHERE k.auth_code = code_inventory.auth_code AND code_inventory.status <> 'redeemed'`,
      ),
      markQueued: db.prepare(
        `UPDATE code_inventory SET status = 'queued'
         WHERE status IN ('unchecked', 'available', 'unknown') AND auth_code IN (SELECT auth_code FROM outbox_codes)`,
      ),
      releaseQueued: db.prepare(
        `UPDATE code_inventory SET status = 'unchecked' WHERE status = 'queued' AND auth_code NOT IN (SELECT auth_code FROM outbox_codes)`,
      ),
      // The same three rules for the given codes only (a JSON array of compact codes): what one
      // redemption's queueing, sending or answer can have changed.
      markRedeemedOf: db.prepare<[string]>(
        `UPDATE code_inventory SET status = 'redeemed', redeemed_mac = k.mac, redeemed_at = k.redeemed_at
         FROM feature_keys k WHERE k.auth_code = code_inventory.auth_code AND code_inventory.status <> 'redeemed'
           AND code_inventory.auth_code IN (SELECT value FROM json_each(?))`,
      ),
      markQueuedOf: db.prepare<[string]>(
        `UPDATE code_inventory SET status = 'queued'
         WHERE auth_code IN (SELECT value FROM json_each(?)) AND status IN ('unchecked', 'available', 'unknown')
           AND auth_code IN (SELECT auth_code FROM outbox_codes)`,
      ),
      releaseQueuedOf: db.prepare<[string]>(
        `UPDATE code_inventory SET status = 'unchecked'
         WHERE auth_code IN (SELECT value FROM json_each(?)) AND status = 'queued' AND auth_code NOT IN (SELECT auth_code FROM outbox_codes)`,
      ),
    };
  }

  /** What each distinct code of a file is to FieldKey now, in reading order. */
  classify(report: DistributorSheetReport): DraftCode[] {
    const byCode = new Map<string, DraftCode>();
    for (const found of report.codes) {
      const known = byCode.get(found.compact);
      if (known) {
        known.occurrences++;
        // A code typed in the file is listed where it is typed (`both` when a picture on its row
        // confirms it); one only in pictures, at its first picture.
        if (found.source !== 'picture' && known.source === 'picture') {
          Object.assign(known, placeOf(found));
        } else if (found.source === 'both' && known.source === 'text') {
          known.source = 'both';
          known.picture = found.picture;
        }
        continue;
      }
      byCode.set(found.compact, { code: found.code, occurrences: 1, ...placeOf(found), ...this.stateOf(found.compact) });
    }
    return [...byCode.values()];
  }

  private stateOf(compact: string): Pick<DraftCode, 'state' | 'inventoryStatus' | 'mac' | 'redeemedAt'> {
    const inventory = this.statements.inventory.get(compact);
    if (inventory) {
      return { state: 'in_inventory', inventoryStatus: inventory.status, mac: inventory.redeemedMac, redeemedAt: inventory.redeemedAt };
    }
    const cached = this.statements.cached.get(compact);
    if (cached) return { state: 'redeemed', inventoryStatus: null, mac: cached.mac, redeemedAt: cached.redeemedAt };
    const state: DraftCodeState = this.statements.held.get(compact) ? 'queued' : 'new';
    return { state, inventoryStatus: null, mac: null, redeemedAt: null };
  }

  /**
   * Stores a file's codes in one transaction: the batch, every code not yet in the inventory (with
   * its first cell, and its state judged again now: a sync may have redeemed it since the preview),
   * an audit row. Throws (and stores nothing) on any failure.
   */
  storeImport(report: DistributorSheetReport, options: StoreImportOptions): StoreImportCounts {
    const importedAt = options.now.toISOString();
    const run = this.db.transaction((): StoreImportCounts => {
      const codes = this.classify(report);
      const batchId = Number(
        this.statements.insertBatch.run(
          options.fileName,
          importedAt,
          codes.length,
          report.duplicates.length,
          report.notCodes.length,
          report.pictures.length,
        ).lastInsertRowid,
      );
      const counts: StoreImportCounts = { batchId, added: 0, addedRedeemed: 0, alreadyInInventory: 0, skipped: 0 };
      // The search index takes the batch in one pass after the inserts (five times faster than
      // the per-row trigger for a large file): the trigger stands aside inside this transaction
      // and is put back, exactly as the migration wrote it, before it commits (or by the rollback).
      const trigger = this.statements.insertTrigger.get();
      if (trigger) this.db.exec('DROP TRIGGER code_inventory_fts_insert');
      // In code order: the primary key's pages fill one after another instead of at random.
      const inCodeOrder = [...codes].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      for (const code of inCodeOrder) {
        const compact = code.code.replace(/-/g, '');
        if (options.skip.has(compact)) {
          counts.skipped++;
          continue;
        }
        if (code.state === 'in_inventory') {
          counts.alreadyInInventory++;
          continue;
        }
        const status: CodeStatus = code.state === 'redeemed' ? 'redeemed' : code.state === 'queued' ? 'queued' : 'unchecked';
        this.statements.insertCode.run({
          code: compact,
          sku: code.sku,
          description: code.description,
          distributor: code.distributor,
          batchId,
          file: options.fileName,
          sheet: code.sheet,
          row: code.row,
          column: code.column,
          kind: code.source,
          importedAt,
          status,
          mac: status === 'redeemed' ? code.mac : null,
          redeemedAt: status === 'redeemed' ? code.redeemedAt : null,
        });
        if (status === 'redeemed') counts.addedRedeemed++;
        else counts.added++;
      }
      if (trigger) {
        this.statements.indexBatch.run(batchId);
        this.db.exec(trigger);
      }
      this.statements.finishBatch.run(counts.added + counts.addedRedeemed, counts.alreadyInInventory, batchId);
      this.statements.audit.run(
        importedAt,
        String(batchId),
        JSON.stringify({ fileName: options.fileName, ...counts, codes: codes.length, notCodes: report.notCodes.length }),
      );
      return counts;
    });
    return run.immediate();
  }

  /** Brings statuses in step with the keys cache and the outbox; returns how many rows changed. */
  reconcile(): number {
    return this.db.transaction(
      () =>
        this.statements.markRedeemed.run().changes + this.statements.releaseQueued.run().changes + this.statements.markQueued.run().changes,
    )();
  }

  /**
   * `reconcile` for the given compact codes only: what a redemption's queueing, sending or answer
   * changes. It reads those codes instead of every unredeemed one, so a bulk job's hundreds of
   * answers do not each walk the whole inventory.
   */
  reconcileCodes(compactCodes: readonly string[]): number {
    if (compactCodes.length === 0) return 0;
    const codes = JSON.stringify(compactCodes);
    return this.db.transaction(
      () =>
        this.statements.markRedeemedOf.run(codes).changes +
        this.statements.releaseQueuedOf.run(codes).changes +
        this.statements.markQueuedOf.run(codes).changes,
    )();
  }
}

/** Where a draft code is listed: the cell it was found in, its row's facts, and how it was found. */
function placeOf(found: SheetCode) {
  const { text, sheet, row, column, cell, sku, description, distributor, source, picture } = found;
  return { text, sheet, row, column, cell, sku, description, distributor, source, picture };
}
