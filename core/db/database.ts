import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../rpc/errors';
import { migrations as allMigrations, type Migration } from './migrations';
import { type Db, openSqlite } from './sqlite';
import { say } from '../messages/say';

export type { Db } from './sqlite';

export interface OpenDatabaseOptions {
  file: string;
  /** The user agreed: move a corrupt file aside and start a fresh database. */
  recreateIfCorrupt?: boolean;
  /** For tests; the app always uses every migration. */
  migrations?: readonly Migration[];
  now?: () => Date;
}

export interface OpenedDatabase {
  db: Db;
  file: string;
  schemaVersion: number;
  /** The version the file had before opening (0 for a new file). */
  migratedFrom: number;
  /** The copy taken before migrating an existing file, if one was needed. */
  backupFile: string | null;
  /** Where a corrupt file was moved, if it was. */
  corruptFileMovedTo: string | null;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Opens (creating if needed) the FieldKey database and brings its schema up to date.
 * Refuses, leaving the file untouched, a database written by a newer FieldKey or one that is
 * not a readable SQLite file (unless `recreateIfCorrupt`).
 */
export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const migrations = options.migrations ?? allMigrations;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const now = options.now ?? (() => new Date());
  const file = path.resolve(options.file);
  fs.mkdirSync(path.dirname(file), { recursive: true });

  let existingVersion = 0;
  let corruptFileMovedTo: string | null = null;
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  // Reading a WAL-mode file, even read-only, makes its -wal and -shm: a refusal removes the ones
  // this look made, so it leaves the folder as it found it.
  const sidecars = ['-wal', '-shm'].map((suffix) => file + suffix);
  const sidecarsBefore = new Set(sidecars.filter((sidecar) => fs.existsSync(sidecar)));
  const removeProbeSidecars = () => {
    for (const sidecar of sidecars) if (!sidecarsBefore.has(sidecar)) fs.rmSync(sidecar, { force: true });
  };
  if (existed) {
    let inspection: Inspection;
    try {
      inspection = inspectExisting(file);
    } catch (err) {
      removeProbeSidecars();
      throw err;
    }
    if (inspection.kind === 'corrupt' || inspection.version > latest) removeProbeSidecars();
    if (inspection.kind === 'corrupt') {
      if (!options.recreateIfCorrupt) {
        throw new ApiError('DB_CORRUPT', say('database.corrupt', { file, reason: inspection.reason }), { file, reason: inspection.reason });
      }
      corruptFileMovedTo = moveAside(file, `corrupt-${stamp(now())}`);
    } else {
      existingVersion = inspection.version;
      if (existingVersion > latest) {
        throw new ApiError('DB_TOO_NEW', say('database.tooNew', { file, fileVersion: existingVersion, supportedVersion: latest }), {
          file,
          fileVersion: existingVersion,
          supportedVersion: latest,
        });
      }
    }
  }

  const db = openSqlite(file);
  try {
    configure(db);
    let backupFile: string | null = null;
    if (corruptFileMovedTo === null && existed && existingVersion < latest) {
      backupFile = `${file}.bak-v${existingVersion}-${stamp(now())}`;
      // VACUUM INTO writes a consistent, compact copy, WAL contents included.
      db.prepare('VACUUM INTO ?').run(backupFile);
    }
    const schemaVersion = migrate(db, migrations);
    return { db, file, schemaVersion, migratedFrom: existingVersion, backupFile, corruptFileMovedTo };
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * A second connection to a database `openDatabase` already opened and migrated (the file worker
 * writes an import on one of its own): same pragmas, nothing created or migrated.
 */
export function openConnection(file: string): Db {
  const db = openSqlite(file, { fileMustExist: true });
  try {
    configure(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // better-sqlite3 leaves WAL at NORMAL; a redemption must survive a power cut once committed.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/** Runs every pending migration in one transaction; returns the resulting user_version. */
export function migrate(db: Db, migrations: readonly Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  return db.pragma('user_version', { simple: true }) as number;
}

type Inspection = { kind: 'ok'; version: number } | { kind: 'corrupt'; reason: string };

/** Looks at an existing file without writing to it. */
function inspectExisting(file: string): Inspection {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) return { kind: 'corrupt', reason: 'it is not a SQLite database' };

  let db: Db | undefined;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return { kind: 'ok', version };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
      return { kind: 'corrupt', reason: 'the file is damaged' };
    }
    throw err;
  } finally {
    db?.close();
  }
}

function moveAside(file: string, suffix: string): string {
  const target = `${file}.${suffix}`;
  fs.renameSync(file, target);
  for (const extra of ['-wal', '-shm']) {
    if (fs.existsSync(file + extra)) fs.renameSync(file + extra, target + extra);
  }
  return target;
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}
