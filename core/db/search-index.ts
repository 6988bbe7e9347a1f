/**
 * The search index (FTS5 trigram tables `feature_keys_fts` and `systems_fts`, migration 003) and
 * its frontiers: `search_index` keeps, per index, the rowid up to which it is built; the triggers
 * keep rows at or below it in step, and `deferred` is 1 while either is short of complete. A
 * first full sync empties the index and a large import leaves its new rows above the frontiers
 * (a million trigger-driven inserts cost far more than one pass); `SearchIndexBuilder` then
 * fills the rest in short chunks, in the background, while searches scan the tables.
 */
import type { Db } from './database';
import { withFastWrites } from './fast-writes';

/**
 * The frontier meaning complete (the largest rowid). A string: SQLite integers are 64-bit,
 * beyond what a JavaScript number holds exactly.
 */
export const SEARCH_INDEX_COMPLETE = '9223372036854775807';

/** How long one chunk may hold the thread (and the write lock): other calls wait at most this. */
const CHUNK_MS = 40;
/** Rows in the first chunk; later chunks are sized from the time the previous one took. */
const FIRST_CHUNK_ROWS = 500;
const MIN_CHUNK_ROWS = 100;
const MAX_CHUNK_ROWS = 20_000;

export class SearchIndexBuilder {
  private readonly s;
  private readonly stepInTransaction;

  constructor(private readonly db: Db) {
    this.s = {
      deferred: db.prepare<[], number>('SELECT deferred FROM search_index WHERE id = 1').pluck(),
      frontier: db
        .prepare<[], { keys: number | bigint; systems: number | bigint }>(
          'SELECT keys_indexed_to AS keys, systems_indexed_to AS systems FROM search_index WHERE id = 1',
        )
        .safeIntegers(),
      // The rowid `rows` rows past the frontier (or the last one): the next chunk's upper end.
      keysChunkEnd: db
        .prepare<[bigint, number], bigint | null>(
          'SELECT max(rowid) FROM (SELECT rowid FROM feature_keys WHERE rowid > ? ORDER BY rowid LIMIT ?)',
        )
        .pluck()
        .safeIntegers(),
      systemsChunkEnd: db
        .prepare<[bigint, number], bigint | null>(
          'SELECT max(rowid) FROM (SELECT rowid FROM systems WHERE rowid > ? ORDER BY rowid LIMIT ?)',
        )
        .pluck()
        .safeIntegers(),
      indexKeys: db.prepare<[bigint, bigint]>(
        `INSERT INTO feature_keys_fts (rowid, auth_code, feature_key, sku, distributor)
         SELECT rowid, auth_code, feature_key, sku, distributor FROM feature_keys WHERE rowid > ? AND rowid <= ?`,
      ),
      indexSystems: db.prepare<[bigint, bigint]>(
        `INSERT INTO systems_fts (rowid, mac, serial, name, customer)
         SELECT rowid, mac, serial, name, customer FROM systems WHERE rowid > ? AND rowid <= ?`,
      ),
      setKeysFrontier: db.prepare<[bigint | string]>('UPDATE search_index SET keys_indexed_to = ? WHERE id = 1'),
      setSystemsFrontier: db.prepare<[bigint | string]>('UPDATE search_index SET systems_indexed_to = ? WHERE id = 1'),
    };
    this.stepInTransaction = this.makeStep(db);
  }

  /** Whether the index is short of complete: searches scan the tables meanwhile. */
  deferred(): boolean {
    return this.s.deferred.get() === 1;
  }

  /**
   * Builds the index one chunk of at most `rows` keys (or systems) further, in one short
   * transaction. Writes that land between chunks are indexed by the triggers when they are at or
   * below the frontier, and by a later chunk when above it, so nothing is missed. Returns true
   * when both indexes are complete (nothing left to do).
   */
  step(rows: number): boolean {
    if (!this.deferred()) return true;
    return withFastWrites(this.db, () => this.stepInTransaction.immediate(rows));
  }

  private makeStep(db: Db) {
    return db.transaction((rows: number): boolean => {
      const s = this.s;
      const frontier = s.frontier.get()!;
      const keysFrom = BigInt(frontier.keys);
      const systemsFrom = BigInt(frontier.systems);
      if (keysFrom < BigInt(SEARCH_INDEX_COMPLETE)) {
        const end = s.keysChunkEnd.get(keysFrom, rows);
        if (end !== null && end !== undefined) {
          s.indexKeys.run(keysFrom, end);
          s.setKeysFrontier.run(end);
          return false;
        }
        s.setKeysFrontier.run(SEARCH_INDEX_COMPLETE);
      }
      if (systemsFrom < BigInt(SEARCH_INDEX_COMPLETE)) {
        const end = s.systemsChunkEnd.get(systemsFrom, rows);
        if (end !== null && end !== undefined) {
          s.indexSystems.run(systemsFrom, end);
          s.setSystemsFrontier.run(end);
          return false;
        }
        s.setSystemsFrontier.run(SEARCH_INDEX_COMPLETE);
        // Statistics for the planner now that the index is whole (sampled: milliseconds, not seconds).
        db.exec('PRAGMA analysis_limit = 1000; ANALYZE;');
      }
      return true;
    });
  }

  /**
   * Builds the rest of the index in chunks of about CHUNK_MS each, with a turn of the event loop
   * between them, so every other call is answered meanwhile (a million keys take a minute or two
   * of work in all). Resolves true once complete, false when `stopped()` said so or the database
   * closed under it (the app is quitting): the next start resumes from the frontier. Two runs at
   * once are harmless (each chunk reads the frontier in its own transaction).
   */
  async buildInBackground(stopped: () => boolean = () => false): Promise<boolean> {
    let rows = FIRST_CHUNK_ROWS;
    for (;;) {
      if (stopped() || !this.db.open) return false;
      const started = performance.now();
      if (this.step(rows)) return true;
      const took = Math.max(1, performance.now() - started);
      rows = Math.min(MAX_CHUNK_ROWS, Math.max(MIN_CHUNK_ROWS, Math.round((rows * CHUNK_MS) / took)));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
