import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../core/db/database';
import { configureSqlite } from '../../../core/db/sqlite';
import { ApiError } from '../../../core/rpc/errors';
import { LATEST_SCHEMA_VERSION } from '../../../core/db/migrations';
import type { Migration } from '../../../core/db/migrations/types';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-db-'));
const fixedNow = () => new Date('2026-11-23T10:00:00.000Z');

function openError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected openDatabase to refuse');
}

describe('openDatabase', () => {
  it('creates a new database with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const file = path.join(tempDir(), 'fieldkey.db');
    const { db, schemaVersion, backupFile, migratedFrom } = openDatabase({ file });
    expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(migratedFrom).toBe(0);
    expect(backupFile).toBeNull();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('reopens an up-to-date database without a backup', () => {
    const file = path.join(tempDir(), 'fieldkey.db');
    openDatabase({ file }).db.close();
    const reopened = openDatabase({ file });
    expect(reopened.backupFile).toBeNull();
    expect(reopened.migratedFrom).toBe(LATEST_SCHEMA_VERSION);
    reopened.db.close();
    expect(fs.readdirSync(path.dirname(file)).filter((name) => name.includes('.bak-'))).toEqual([]);
  });

  it('backs up an existing database before migrating it, and the backup holds the old data', () => {
    const file = path.join(tempDir(), 'fieldkey.db');
    const v1: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE notes (text TEXT)') };
    const v2: Migration = { version: 2, name: 'two', up: (db) => db.exec('ALTER TABLE notes ADD COLUMN at TEXT') };
    const first = openDatabase({ file, migrations: [v1] });
    first.db.prepare('INSERT INTO notes (text) VALUES (?)').run('kept');
    first.db.close();

    const second = openDatabase({ file, migrations: [v1, v2], now: fixedNow });
    expect(second.schemaVersion).toBe(2);
    expect(second.backupFile).toBe(`${file}.bak-v1-2026-11-23T10-00-00-000Z`);
    second.db.close();

    const backup = new Database(second.backupFile!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT text FROM notes').all()).toEqual([{ text: 'kept' }]);
    backup.close();
  });

  it('runs all pending migrations in one transaction: a failing one leaves the file as it was', () => {
    const file = path.join(tempDir(), 'fieldkey.db');
    const v1: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE notes (text TEXT)') };
    openDatabase({ file, migrations: [v1] }).db.close();
    const v2: Migration = { version: 2, name: 'two', up: (db) => db.exec('CREATE TABLE more (x)') };
    const v3: Migration = { version: 3, name: 'broken', up: (db) => db.exec('THIS IS NOT SQL') };
    expect(() => openDatabase({ file, migrations: [v1, v2, v3] })).toThrow();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'more'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database written by a newer FieldKey and leaves the file untouched', () => {
    const file = path.join(tempDir(), 'fieldkey.db');
    const future = new Database(file);
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    future.exec('CREATE TABLE from_the_future (x)');
    future.close();
    const before = fs.readFileSync(file);
    const mtime = fs.statSync(file).mtimeMs;

    const err = openError(() => openDatabase({ file }));
    expect(err.code).toBe('DB_TOO_NEW');
    expect(err.message).toContain('newer version of FieldKey');
    expect(err.details).toMatchObject({ fileVersion: LATEST_SCHEMA_VERSION + 5, supportedVersion: LATEST_SCHEMA_VERSION });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['fieldkey.db']);
  });

  it('refuses a file that is not a SQLite database, keeping it as it is', () => {
    const file = path.join(tempDir(), 'fieldkey.db');
    fs.writeFileSync(file, 'this is a spreadsheet, not a database'.repeat(200));
    const before = fs.readFileSync(file);
    const err = openError(() => openDatabase({ file }));
    expect(err.code).toBe('DB_CORRUPT');
    expect(err.message).toContain('cannot be read');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a damaged SQLite file, and only with consent sets it aside and starts fresh', () => {
    const file = path.join(tempDir(), 'fieldkey.db');
    const { db } = openDatabase({ file });
    db.pragma('journal_mode = DELETE');
    db.close();
    // Keep the header, wreck the schema page.
    const bytes = fs.readFileSync(file);
    bytes.fill(0xab, 100, 4096);
    fs.writeFileSync(file, bytes);

    const err = openError(() => openDatabase({ file }));
    expect(err.code).toBe('DB_CORRUPT');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);

    const fresh = openDatabase({ file, recreateIfCorrupt: true, now: fixedNow });
    expect(fresh.corruptFileMovedTo).toBe(`${file}.corrupt-2026-11-23T10-00-00-000Z`);
    expect(fs.readFileSync(fresh.corruptFileMovedTo!).equals(bytes)).toBe(true);
    expect(fresh.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    fresh.db.close();
  });

  it.each(['damaged', 'from a newer FieldKey'])(
    'refuses a WAL-mode file %s and leaves its folder exactly as it was (no -wal/-shm)',
    (kind) => {
      const dir = tempDir();
      const file = path.join(dir, 'fieldkey.db');
      const { db } = openDatabase({ file });
      if (kind !== 'damaged') db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
      db.close();
      // Header bytes 18-19 are 2 in WAL mode (read without opening, which would make -wal/-shm).
      expect([...fs.readFileSync(file).subarray(18, 20)]).toEqual([2, 2]);
      if (kind === 'damaged') {
        // Keep the header (WAL mode included), wreck the schema page.
        const bytes = fs.readFileSync(file);
        bytes.fill(0xab, 100, 4096);
        fs.writeFileSync(file, bytes);
      }
      const before = fs.readdirSync(dir);
      expect(before).toEqual(['fieldkey.db']);
      const err = openError(() => openDatabase({ file }));
      expect(err.code).toBe(kind === 'damaged' ? 'DB_CORRUPT' : 'DB_TOO_NEW');
      expect(fs.readdirSync(dir)).toEqual(before);
    },
  );

  it('a refusal keeps a -wal that was there before (it may hold committed data)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'fieldkey.db');
    fs.writeFileSync(file, 'not a database'.repeat(100));
    fs.writeFileSync(`${file}-wal`, 'left by a crash');
    expect(openError(() => openDatabase({ file })).code).toBe('DB_CORRUPT');
    expect(fs.readdirSync(dir).sort()).toEqual(['fieldkey.db', 'fieldkey.db-wal']);
    expect(fs.readFileSync(`${file}-wal`, 'utf8')).toBe('left by a crash');
  });

  it('uses the native binding the process configured (how Electron loads its own ABI build)', () => {
    const file = path.join(tempDir(), 'fieldkey.db');
    try {
      configureSqlite({ nativeBinding: path.join(tempDir(), 'missing.node') });
      expect(() => openDatabase({ file })).toThrow(/missing\.node/);
      configureSqlite({ nativeBinding: path.resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node') });
      const opened = openDatabase({ file });
      expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      opened.db.close();
    } finally {
      configureSqlite({});
    }
  });
});
