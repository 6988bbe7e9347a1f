/**
 * Prepared statements by their SQL text: a list builds its SQL from the filter's shape (sort,
 * direction, which tests apply), so each shape is prepared once and reused for every page.
 */
import type { Db } from '../db/database';

export class StatementCache {
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>();

  constructor(private readonly db: Db) {}

  get(sql: string): ReturnType<Db['prepare']> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** When the cache last synced with the portal it holds (UTC ISO), read by every list's first page. */
export function lastSyncedAt(db: Db): () => string | null {
  const statement = db
    .prepare<[], string>(
      `SELECT st.value FROM sync_state st
       WHERE st.name = 'lastSuccessAt' AND st.portal_url = (SELECT value FROM sync_state WHERE portal_url = '' AND name = 'cachePortal')`,
    )
    .pluck();
  return () => statement.get() ?? null;
}
