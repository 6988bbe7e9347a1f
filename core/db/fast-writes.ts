/**
 * Runs a bulk write with foreign-key enforcement off and `synchronous = NORMAL` on this
 * connection, and puts both back afterwards. For writers that keep their references themselves
 * (the sync's pages, a portal export's import, the search index's chunks): enforcement doubles the
 * cost of a million rows, and in WAL mode a power cut can then only lose whole recent
 * transactions, which these writers redo (the next pull fetches the page again; the index builder
 * resumes from its frontier). The next FULL commit syncs them too.
 */
import type { Db } from './database';

export function withFastWrites<T>(db: Db, write: () => T): T {
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  if (enforced) db.pragma('foreign_keys = OFF');
  if (synchronous > 1) db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
    if (synchronous > 1) db.pragma(`synchronous = ${synchronous}`);
  }
}

/**
 * Drops a table's secondary indexes (those written in its schema, not its primary key's or its
 * UNIQUE constraints') inside the caller's transaction and returns what creates them again. For a
 * bulk load that adds more rows than the table holds: building an index once from the finished
 * table sorts its rows in one pass, where keeping it row by row writes its pages at random (half
 * of the time of 100,000 keys). A rollback brings the indexes back with everything else.
 */
export function setIndexesAside(db: Db, table: string): () => void {
  if (!db.inTransaction) throw new Error('setIndexesAside runs inside a transaction');
  const indexes = db
    .prepare<[string], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
    )
    .all(table);
  for (const index of indexes) db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
  return () => {
    for (const index of indexes) db.exec(index.sql);
  };
}
