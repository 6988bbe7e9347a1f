import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../../core/db/database';
import { migrations } from '../../../core/db/migrations';

/** A database migrated up to (and including) `version`, as the app would have left it. */
function databaseAt(version: number) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-mig-')), 'fieldkey.db');
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version <= version),
  );
  return db;
}

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);

describe('migrations', () => {
  it('are numbered 1, 2, 3 … without gaps, so user_version always names one', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  describe('001 initial schema', () => {
    it('creates the cache, sync, outbox and audit tables from an empty file', () => {
      const db = databaseAt(0);
      migrate(
        db,
        migrations.filter((m) => m.version <= 1),
      );
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      const tables = (
        db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
          name: string;
        }[]
      ).map((t) => t.name);
      expect(tables).toEqual(['audit_log', 'feature_keys', 'outbox', 'servers', 'skus', 'sync_state', 'systems']);
      expect(columns(db, 'feature_keys')).toEqual(['auth_code', 'feature_key', 'sku', 'mac', 'distributor', 'redeemed_at', 'updated_at']);
      expect(columns(db, 'outbox')).toContain('idempotency_key');
      db.close();
    });

    it('stores a feature key exactly as given (case and $ & kept) and an auth code only once', () => {
      const db = databaseAt(1);
      const now = '2026-11-23T10:00:00Z';
      db.prepare('INSERT INTO systems (mac, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(
        '000ADD023F8F',
        'Main office',
        now,
        now,
      );
      const insertKey = db.prepare(
        'INSERT INTO feature_keys (auth_code, feature_key, sku, mac, redeemed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      );
      insertKey.run('43XC9868WTGBCWMH53YS4RA9', '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK', '8210010', '000ADD023F8F', now, now);
      expect(db.prepare('SELECT feature_key FROM feature_keys').pluck().get()).toBe('$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK');
      expect(() => insertKey.run('43XC9868WTGBCWMH53YS4RA9', 'other', '8210010', '000ADD023F8F', now, now)).toThrow(/UNIQUE/);
      db.close();
    });

    it('refuses malformed MACs and auth codes, and keys for unknown systems at commit', () => {
      const db = databaseAt(1);
      const now = '2026-11-23T10:00:00Z';
      const insertSystem = db.prepare('INSERT INTO systems (mac, created_at, updated_at) VALUES (?, ?, ?)');
      expect(() => insertSystem.run('00:0A:DD:02:3F:8F', now, now)).toThrow(/CHECK/);
      expect(() => insertSystem.run('000add023f8f', now, now)).toThrow(/CHECK/);
      const insertKey = db.prepare(
        'INSERT INTO feature_keys (auth_code, feature_key, sku, mac, redeemed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      );
      expect(() => insertKey.run('43XC98-68WTGB-CWMH53-YS4R', 'k', '1', '000ADD023F8F', now, now)).toThrow(/CHECK/);
      // Deferred foreign key: a key may arrive before its system within one transaction…
      db.transaction(() => {
        insertKey.run('AAAAAABBBBBBCCCCCCDDDDDD', 'k', '1', '000ADD000001', now, now);
        insertSystem.run('000ADD000001', now, now);
      })();
      // …but not without it.
      expect(() => db.transaction(() => insertKey.run('ZZZZZZBBBBBBCCCCCCDDDDDD', 'k', '1', '000ADD999999', now, now))()).toThrow(
        /FOREIGN KEY/,
      );
      db.close();
    });

    it('keeps an outbox idempotency key unique and its status to the known states', () => {
      const db = databaseAt(1);
      const now = '2026-11-23T10:00:00Z';
      const insert = db.prepare(
        'INSERT INTO outbox (idempotency_key, kind, payload, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      );
      insert.run('key-1', 'redeem', '{"authCodes":[]}', 'pending', now, now);
      expect(() => insert.run('key-1', 'redeem', '{}', 'pending', now, now)).toThrow(/UNIQUE/);
      expect(() => insert.run('key-2', 'redeem', '{}', 'lost', now, now)).toThrow(/CHECK/);
      expect(() => insert.run('key-3', 'redeem', 'not json', 'pending', now, now)).toThrow(/CHECK/);
      db.close();
    });
  });
  describe('002 outbox portal and code reservations', () => {
    it('keeps queued operations as they were and adds the portal column and the reservations table', () => {
      const db = databaseAt(1);
      const now = '2026-11-23T10:00:00Z';
      db.prepare(
        `INSERT INTO outbox (idempotency_key, kind, payload, created_at, updated_at) VALUES ('key-00000001', 'redemption', '{"mac":"000ADD023F8F"}', ?, ?)`,
      ).run(now, now);
      const before = db.prepare('SELECT * FROM outbox').get() as Record<string, unknown>;
      migrate(
        db,
        migrations.filter((m) => m.version <= 2),
      );
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      expect(db.prepare('SELECT * FROM outbox').get()).toEqual({ ...before, portal_url: null });
      expect(columns(db, 'outbox_codes')).toEqual(['auth_code', 'outbox_id']);
      db.close();
    });

    it('holds a code for one operation only, and only in its 24-character form', () => {
      const db = databaseAt(2);
      const now = '2026-11-23T10:00:00Z';
      const insertOp = db.prepare(
        `INSERT INTO outbox (idempotency_key, kind, payload, created_at, updated_at) VALUES (?, 'redemption', '{}', ?, ?)`,
      );
      const a = Number(insertOp.run('key-a-000001', now, now).lastInsertRowid);
      const b = Number(insertOp.run('key-b-000001', now, now).lastInsertRowid);
      const reserve = db.prepare('INSERT INTO outbox_codes (auth_code, outbox_id) VALUES (?, ?)');
      reserve.run('43XC9868WTGBCWMH53YS4RA9', a);
      expect(() => reserve.run('43XC9868WTGBCWMH53YS4RA9', b)).toThrow(/UNIQUE|PRIMARY/);
      expect(() => reserve.run('43XC98-68WTGB-CWMH53-YS4RA9', b)).toThrow(/CHECK/);
      expect(() => reserve.run('53XC9868WTGBCWMH53YS4RA9', 999)).toThrow(/FOREIGN KEY/);
      db.close();
    });
  });
});
