import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3 …: the PRAGMA user_version the database has after this migration. */
  version: number;
  name: string;
  /** Runs inside the migration transaction; must not commit, vacuum or change journal mode. */
  up(db: BetterSqlite3.Database): void;
}
