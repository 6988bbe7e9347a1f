/**
 * The one place FieldKey constructs better-sqlite3. Each host calls `configureSqlite` once at
 * start with the native binding it was given (Electron's ABI differs from Node's, and the packaged
 * app ships its build in resources/native); every database (the app's, its read-only look before
 * migrating, the embedded sandbox portal's, a tool's) is opened with `openSqlite`, so none can
 * forget the binding. test/unit/lint/sqlite-opener.test.ts keeps it the only importer.
 */
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** better-sqlite3's options, less the binding: that comes from the process's configuration. */
export type OpenSqliteOptions = Omit<Database.Options, 'nativeBinding'>;

export interface SqliteConfig {
  /** Path to a better_sqlite3.node built for the running ABI; none = the package's own build. */
  nativeBinding?: string;
}

let config: SqliteConfig = {};

/** Sets the binding every later `openSqlite` uses; the host calls it before opening anything. */
export function configureSqlite(next: SqliteConfig): void {
  config = next.nativeBinding ? { nativeBinding: next.nativeBinding } : {};
}

/** The binding in use (for a diagnostic line), or undefined for the package's own build. */
export function sqliteNativeBinding(): string | undefined {
  return config.nativeBinding;
}

export function openSqlite(file: string, options: OpenSqliteOptions = {}): Db {
  return new Database(file, config.nativeBinding ? { ...options, nativeBinding: config.nativeBinding } : options);
}
