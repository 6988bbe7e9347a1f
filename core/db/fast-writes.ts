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
