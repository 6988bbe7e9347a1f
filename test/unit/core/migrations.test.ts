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

  describe('003 search index, UTC times, key origin', () => {
    const now = '2026-11-23T10:00:00Z';
    const ftsRowids = (db: Database.Database, table: string, query: string) =>
      (db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).pluck().all(query) as number[]).length;

    function cacheAt2() {
      const db = databaseAt(2);
      const system = db.prepare('INSERT INTO systems (mac, name, customer, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
      system.run('000ADD023F8F', 'Lincoln Elementary', 'Lincoln School District', now, now);
      system.run('000ADD3F8F00', 'Warehouse', 'Beta Logistics', now, now);
      const key = db.prepare(
        'INSERT INTO feature_keys (auth_code, feature_key, sku, mac, distributor, redeemed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      key.run(
        '43XC9868WTGBCWMH53YS4RA9',
        '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK',
        '8210010',
        '000ADD023F8F',
        'Northwind',
        '2026-01-02T05:04:05+02:00',
        now,
      );
      key.run('AAAAAABBBBBBCCCCCCDDDDDD', 'k1', '8210010', '000ADD023F8F', null, '2026-01-01T22:04:05-05:00', now);
      key.run('ZZZZZZBBBBBBCCCCCCDDDDDD', 'k2', '8400100', '000ADD3F8F00', null, '2026-01-02T03:04:05Z', now);
      return db;
    }
    const migrate3 = (db: Database.Database) =>
      migrate(
        db,
        migrations.filter((m) => m.version <= 3),
      );

    it('stores every redeemed time in UTC with milliseconds, whatever offset it had', () => {
      const db = cacheAt2();
      migrate3(db);
      expect(db.prepare('SELECT redeemed_at FROM feature_keys ORDER BY auth_code').pluck().all()).toEqual([
        '2026-01-02T03:04:05.000Z',
        '2026-01-02T03:04:05.000Z',
        '2026-01-02T03:04:05.000Z',
      ]);
      db.close();
    });

    it('marks existing keys as from the portal and allows only portal or import', () => {
      const db = cacheAt2();
      migrate3(db);
      expect(db.prepare('SELECT DISTINCT origin FROM feature_keys').pluck().all()).toEqual(['portal']);
      expect(() => db.prepare("UPDATE feature_keys SET origin = 'guess'").run()).toThrow(/CHECK/);
      db.close();
    });

    it('fills both search indexes from the rows already there', () => {
      const db = cacheAt2();
      migrate3(db);
      expect(ftsRowids(db, 'feature_keys_fts', '"ncjw-Foeb"')).toBe(1);
      expect(ftsRowids(db, 'feature_keys_fts', '"northwind"')).toBe(1);
      expect(ftsRowids(db, 'systems_fts', '"023F8F"')).toBe(1);
      expect(ftsRowids(db, 'systems_fts', '"school dist"')).toBe(1);
      db.prepare("INSERT INTO feature_keys_fts (feature_keys_fts) VALUES ('integrity-check')").run();
      db.close();
    });

    it('keeps the indexes in step on insert, update, upsert and delete', () => {
      const db = cacheAt2();
      migrate3(db);
      db.prepare(
        "INSERT INTO feature_keys (auth_code, feature_key, sku, mac, redeemed_at, updated_at) VALUES ('QQQQQQBBBBBBCCCCCCDDDDDD', 'Wxyz-new', '1', '000ADD023F8F', ?, ?)",
      ).run(now, now);
      expect(ftsRowids(db, 'feature_keys_fts', '"wxyz-new"')).toBe(1);
      db.prepare("UPDATE feature_keys SET feature_key = 'Renamed-key' WHERE auth_code = 'QQQQQQBBBBBBCCCCCCDDDDDD'").run();
      expect(ftsRowids(db, 'feature_keys_fts', '"wxyz-new"')).toBe(0);
      expect(ftsRowids(db, 'feature_keys_fts', '"renamed-key"')).toBe(1);
      db.prepare(
        `INSERT INTO feature_keys (auth_code, feature_key, sku, mac, redeemed_at, updated_at) VALUES ('QQQQQQBBBBBBCCCCCCDDDDDD', 'Upserted-key', '1', '000ADD023F8F', ?, ?)
         ON CONFLICT (auth_code) DO UPDATE SET feature_key = excluded.feature_key`,
      ).run(now, now);
      expect(ftsRowids(db, 'feature_keys_fts', '"renamed-key"')).toBe(0);
      expect(ftsRowids(db, 'feature_keys_fts', '"upserted-key"')).toBe(1);
      db.prepare("DELETE FROM feature_keys WHERE auth_code = 'QQQQQQBBBBBBCCCCCCDDDDDD'").run();
      expect(ftsRowids(db, 'feature_keys_fts', '"upserted-key"')).toBe(0);

      db.prepare("UPDATE systems SET name = 'Riverside Depot' WHERE mac = '000ADD3F8F00'").run();
      expect(ftsRowids(db, 'systems_fts', '"warehouse"')).toBe(0);
      expect(ftsRowids(db, 'systems_fts', '"riverside"')).toBe(1);
      db.prepare("INSERT INTO systems (mac, name, created_at, updated_at) VALUES ('000ADD777777', 'Harbour Hotel', ?, ?)").run(now, now);
      expect(ftsRowids(db, 'systems_fts', '"harbour"')).toBe(1);
      db.prepare("DELETE FROM systems WHERE mac = '000ADD777777'").run();
      expect(ftsRowids(db, 'systems_fts', '"harbour"')).toBe(0);
      db.prepare("INSERT INTO feature_keys_fts (feature_keys_fts) VALUES ('integrity-check')").run();
      db.prepare("INSERT INTO systems_fts (systems_fts) VALUES ('integrity-check')").run();
      db.close();
    });

    it('above the frontier the triggers stand aside (deferred = 1), at or below it they index; a rebuild catches up', () => {
      const db = cacheAt2();
      migrate3(db);
      expect(db.prepare('SELECT deferred FROM search_index').pluck().get()).toBe(0);
      const frontier = db.prepare('SELECT max(rowid) FROM systems').pluck().get() as number;
      db.prepare('UPDATE search_index SET systems_indexed_to = ?').run(frontier);
      expect(db.prepare('SELECT deferred FROM search_index').pluck().get()).toBe(1);
      db.prepare("INSERT INTO systems (mac, name, created_at, updated_at) VALUES ('000ADD777777', 'Harbour Hotel', ?, ?)").run(now, now);
      expect(ftsRowids(db, 'systems_fts', '"harbour"')).toBe(0);
      // A row at or below the frontier is still kept in step.
      db.prepare('UPDATE systems SET name = ? WHERE rowid = ?').run('Lighthouse', frontier);
      expect(ftsRowids(db, 'systems_fts', '"lighthouse"')).toBe(1);
      expect(() => db.prepare('UPDATE search_index SET deferred = 0').run()).toThrow();
      db.exec(
        "INSERT INTO systems_fts (systems_fts) VALUES ('rebuild'); UPDATE search_index SET systems_indexed_to = 9223372036854775807;",
      );
      expect(db.prepare('SELECT deferred FROM search_index').pluck().get()).toBe(0);
      expect(ftsRowids(db, 'systems_fts', '"harbour"')).toBe(1);
      db.close();
    });
  });

  describe('004 server dashboard', () => {
    const now = '2026-11-23T10:00:00.000Z';
    const migrate4 = (db: Database.Database) =>
      migrate(
        db,
        migrations.filter((m) => m.version <= 4),
      );
    const insertServer = (db: Database.Database, mac: string, fields: Record<string, string | number | null> = {}) =>
      db
        .prepare(
          `INSERT INTO servers (mac, serial, model, site_id, status, system_name, company, added_at, updated_at)
           VALUES (@mac, @serial, @model, @site, @status, @name, @company, @at, @at)`,
        )
        .run({
          mac,
          serial: `SN-${mac.slice(6)}`,
          model: 'Connect 324',
          site: null,
          status: 'saved',
          name: null,
          company: null,
          at: now,
          ...fields,
        });
    const search = (db: Database.Database, query: string) =>
      db
        .prepare('SELECT s.mac FROM servers_fts f JOIN servers s ON s.rowid = f.rowid WHERE servers_fts MATCH ? ORDER BY s.mac')
        .pluck()
        .all(query);
    const integrity = (db: Database.Database) =>
      db.prepare("INSERT INTO servers_fts (servers_fts, rank) VALUES ('integrity-check', 1)").run();

    /** A v3 cache as users have it: systems, keys, a queued redemption, and a row in the old servers table. */
    function cacheAt3() {
      const db = databaseAt(3);
      db.prepare('INSERT INTO systems (mac, name, customer, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
        '000ADD023F8F',
        'Lincoln Elementary',
        'Lincoln School District',
        now,
        now,
      );
      db.prepare(
        'INSERT INTO feature_keys (auth_code, feature_key, sku, mac, distributor, redeemed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run('43XC9868WTGBCWMH53YS4RA9', '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK', '8210010', '000ADD023F8F', null, now, now);
      db.prepare(
        `INSERT INTO outbox (idempotency_key, kind, payload, status, portal_url, created_at, updated_at)
         VALUES ('key-00000001', 'redemption', '{"mac":"000ADD023F8F","authCodes":["AAAAAA-BBBBBB-CCCCCC-DDDDDD"]}', 'pending', 'http://p', ?, ?)`,
      ).run(now, now);
      db.prepare(
        "INSERT INTO servers (mac, model, site_id, status, registration, added_at, updated_at) VALUES ('000ADD023F8F', '24x', '10020', 'saved', '{}', ?, ?)",
      ).run(now, now);
      return db;
    }

    it('replaces the old servers table and keeps the cache, the outbox and their search index as they were', () => {
      const db = cacheAt3();
      migrate4(db);
      expect(db.pragma('user_version', { simple: true })).toBe(4);
      expect(columns(db, 'servers')).toEqual([
        'mac',
        'serial',
        'model',
        'site_id',
        'status',
        'hidden',
        'system_name',
        'company',
        'street',
        'city',
        'region',
        'postal_code',
        'country',
        'contact_name',
        'contact_phone',
        'contact_email',
        'rma_state',
        'rma_reason',
        'rma_replacement_mac',
        'rma_requested_at',
        'rma_completed_at',
        'added_at',
        'updated_at',
        'origin',
      ]);
      expect(db.prepare('SELECT count(*) FROM servers').pluck().get()).toBe(0);
      for (const table of ['server_history', 'outbox_servers', 'server_base', 'servers_fts'])
        expect(columns(db, table).length).toBeGreaterThan(0);
      expect(db.prepare('SELECT name FROM systems').pluck().all()).toEqual(['Lincoln Elementary']);
      expect(db.prepare('SELECT count(*) FROM feature_keys').pluck().get()).toBe(1);
      expect(db.prepare('SELECT idempotency_key, status FROM outbox').all()).toEqual([
        { idempotency_key: 'key-00000001', status: 'pending' },
      ]);
      db.prepare("INSERT INTO systems_fts (systems_fts) VALUES ('integrity-check')").run();
      integrity(db);
      db.close();
    });

    it('keeps servers_fts in step on insert, update, upsert and delete (FTS5 integrity-check)', () => {
      const db = cacheAt3();
      migrate4(db);
      insertServer(db, '000ADD011111', { company: 'Acme Parts', site: '10020', name: 'Acme 324' });
      insertServer(db, '000ADD022222', { company: "Misha's Office Supply", site: '10019' });
      expect(search(db, '"acme"')).toEqual(['000ADD011111']);
      expect(search(db, '{mac} : "DD0222"')).toEqual(['000ADD022222']);
      expect(search(db, '{site_id} : "1002"')).toEqual(['000ADD011111']);
      db.prepare("UPDATE servers SET company = 'Widget Components' WHERE mac = '000ADD011111'").run();
      expect(search(db, '"acme parts"')).toEqual([]);
      expect(search(db, '"widget"')).toEqual(['000ADD011111']);
      // Columns outside the index change without touching it.
      db.prepare("UPDATE servers SET status = 'registered', hidden = 1 WHERE mac = '000ADD011111'").run();
      db.prepare(
        `INSERT INTO servers (mac, serial, model, status, company, added_at, updated_at) VALUES ('000ADD022222', 'SN-X', '6x', 'saved', 'Harbour', ?, ?)
         ON CONFLICT (mac) DO UPDATE SET company = excluded.company`,
      ).run(now, now);
      expect(search(db, '"harbour"')).toEqual(['000ADD022222']);
      integrity(db);
      db.prepare("DELETE FROM servers WHERE mac = '000ADD022222'").run();
      expect(search(db, '"harbour"')).toEqual([]);
      integrity(db);
      db.close();
    });

    it('refuses malformed MACs, unknown statuses and RMA states; history registrations must be JSON', () => {
      const db = cacheAt3();
      migrate4(db);
      expect(() => insertServer(db, '000add011111')).toThrow(/CHECK/);
      expect(() => insertServer(db, '000ADD01111')).toThrow(/CHECK/);
      expect(() => insertServer(db, '000ADD011111', { status: 'pending' })).toThrow(/CHECK/);
      insertServer(db, '000ADD011111');
      expect(() => db.prepare("UPDATE servers SET rma_state = 'lost'").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE servers SET origin = 'import'").run()).toThrow(/CHECK/);
      expect(() =>
        db
          .prepare(
            "INSERT INTO server_history (id, mac, at, action, status, model, registration) VALUES ('h', '000ADD011111', ?, 'saved', 'saved', '6x', 'nope')",
          )
          .run(now),
      ).toThrow(/CHECK/);
      db.close();
    });

    it("drops an outbox operation's server link with the operation", () => {
      const db = cacheAt3();
      migrate4(db);
      db.prepare('INSERT INTO outbox_servers (outbox_id, mac) VALUES (1, ?)').run('000ADD023F8F');
      db.prepare('DELETE FROM outbox WHERE id = 1').run();
      expect(db.prepare('SELECT count(*) FROM outbox_servers').pluck().get()).toBe(0);
      db.close();
    });
  });

  describe('005 code inventory', () => {
    const now = '2026-11-30T10:00:00.000Z';
    const match = (db: Database.Database, query: string) =>
      (db.prepare('SELECT rowid FROM code_inventory_fts WHERE code_inventory_fts MATCH ?').pluck().all(query) as number[]).length;
    const insertCode = (db: Database.Database) =>
      db.prepare(
        `INSERT INTO code_inventory (auth_code, sku, description, distributor, source_file, source_sheet, source_row, source_column,
           source_kind, imported_at, status, redeemed_mac, redeemed_at)
         VALUES (@code, @sku, @description, @distributor, 'order.xlsx', 'Codes', @row, 4, @kind, @at, @status, @mac, @redeemedAt)`,
      );
    const row = (over: Record<string, unknown> = {}) => ({
      code: '43XC9868WTGBCWMH53YS4RA9',
      sku: '8210010',
      description: '6x Internet Call Access Key',
      distributor: 'Northwind Telecom',
      row: 4,
      kind: 'text',
      at: now,
      status: 'unchecked',
      mac: null,
      redeemedAt: null,
      ...over,
    });

    /** The latest schema before 005, with a cache and an outbox in it, as an existing user has it. */
    function cacheBefore5() {
      const db = databaseAt(4);
      db.prepare('INSERT INTO systems (mac, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run('000ADD023F8F', 'Front desk', now, now);
      db.prepare(
        'INSERT INTO feature_keys (auth_code, feature_key, sku, mac, distributor, redeemed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run('ZZZZZZBBBBBBCCCCCCDDDDDD', 'k1', '8210010', '000ADD023F8F', 'Northwind', now, now);
      db.prepare(
        `INSERT INTO outbox (idempotency_key, kind, payload, created_at, updated_at) VALUES ('key-00000001', 'redemption', '{}', ?, ?)`,
      ).run(now, now);
      return db;
    }
    const migrate5 = (db: Database.Database) =>
      migrate(
        db,
        migrations.filter((m) => m.version <= 5),
      );

    it('upgrades a database with data: the cache and outbox are untouched, the inventory starts empty', () => {
      const db = cacheBefore5();
      const snapshot = (d: Database.Database) => ({
        keys: d.prepare('SELECT * FROM feature_keys').all(),
        systems: d.prepare('SELECT * FROM systems').all(),
        outbox: d.prepare('SELECT * FROM outbox').all(),
      });
      const was = snapshot(db);
      migrate5(db);
      expect(db.pragma('user_version', { simple: true })).toBe(5);
      expect(snapshot(db)).toEqual(was);
      expect(db.prepare('SELECT count(*) FROM code_inventory').pluck().get()).toBe(0);
      expect(columns(db, 'code_inventory')).toEqual([
        'auth_code',
        'sku',
        'description',
        'distributor',
        'batch_id',
        'source_file',
        'source_sheet',
        'source_row',
        'source_column',
        'source_kind',
        'imported_at',
        'status',
        'redeemed_mac',
        'redeemed_at',
        'last_checked_at',
      ]);
      expect(columns(db, 'code_import_batches')).toEqual([
        'id',
        'file_name',
        'imported_at',
        'codes_found',
        'codes_added',
        'already_known',
        'duplicates',
        'not_codes',
        'pictures',
      ]);
      db.prepare("INSERT INTO code_inventory_fts (code_inventory_fts) VALUES ('integrity-check')").run();
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    });

    it('stores a code once, only in its 24-character form, and refuses unknown kinds, statuses and bad MACs', () => {
      const db = cacheBefore5();
      migrate5(db);
      const insert = insertCode(db);
      insert.run(row());
      expect(db.prepare('SELECT status, last_checked_at FROM code_inventory').get()).toEqual({
        status: 'unchecked',
        last_checked_at: null,
      });
      expect(() => insert.run(row())).toThrow(/UNIQUE|PRIMARY/);
      expect(() => insert.run(row({ code: '43XC98-68WTGB-CWMH53-YS4RA9' }))).toThrow(/CHECK/);
      expect(() => insert.run(row({ code: '43xc9868wtgbcwmh53ys4ra9' }))).toThrow(/CHECK/);
      expect(() => insert.run(row({ code: '43XC9868WTGBCWMH53YS4RA' }))).toThrow(/CHECK/);
      expect(() => insert.run(row({ code: 'AAAAAA111111BBBBBB222222', kind: 'scanned' }))).toThrow(/CHECK/);
      expect(() => insert.run(row({ code: 'AAAAAA111111BBBBBB222222', status: 'lost' }))).toThrow(/CHECK/);
      expect(() => insert.run(row({ code: 'AAAAAA111111BBBBBB222222', row: 0 }))).toThrow(/CHECK/);
      // Redeemed needs the MAC and time; nothing else may have them; the MAC is 12 upper-case hex digits.
      expect(() => insert.run(row({ code: 'AAAAAA111111BBBBBB222222', status: 'redeemed' }))).toThrow(/CHECK/);
      expect(() => insert.run(row({ code: 'AAAAAA111111BBBBBB222222', mac: '000ADD023F8F', redeemedAt: now }))).toThrow(/CHECK/);
      expect(() =>
        insert.run(row({ code: 'AAAAAA111111BBBBBB222222', status: 'redeemed', mac: '00:0A:DD:02:3F:8F', redeemedAt: now })),
      ).toThrow(/CHECK/);
      insert.run(row({ code: 'AAAAAA111111BBBBBB222222', status: 'redeemed', mac: '000ADD023F8F', redeemedAt: now, kind: 'both' }));
      insert.run(row({ code: 'CCCCCC333333DDDDDD444444', sku: null, description: null, distributor: null, row: null, kind: 'picture' }));
      expect(db.prepare('SELECT count(*) FROM code_inventory').pluck().get()).toBe(3);
      // A batch id must name a batch.
      expect(() => db.prepare("UPDATE code_inventory SET batch_id = 99 WHERE auth_code = 'CCCCCC333333DDDDDD444444'").run()).toThrow(
        /FOREIGN KEY/,
      );
      const batch = db
        .prepare("INSERT INTO code_import_batches (file_name, imported_at, codes_found, codes_added) VALUES ('order.xlsx', ?, 3, 3)")
        .run(now).lastInsertRowid;
      db.prepare('UPDATE code_inventory SET batch_id = ?').run(batch);
      expect(() => db.prepare("INSERT INTO code_import_batches (file_name, imported_at, duplicates) VALUES ('x', ?, -1)").run(now)).toThrow(
        /CHECK/,
      );
      db.close();
    });

    it('keeps the search index in step on insert, update and delete (code, SKU, description, distributor)', () => {
      const db = cacheBefore5();
      migrate5(db);
      const insert = insertCode(db);
      insert.run(row());
      insert.run(row({ code: 'K7PQ2MZX81LA9RTN4EW3HJ6B', sku: '8400100', description: 'Voicemail', distributor: 'Contoso' }));
      expect(match(db, '"WTGBCWMH"')).toBe(1);
      expect(match(db, '"call access"')).toBe(1);
      expect(match(db, '"northwind"')).toBe(1);
      expect(match(db, '"84001"')).toBe(1);
      db.prepare("UPDATE code_inventory SET distributor = 'Fabrikam' WHERE auth_code = 'K7PQ2MZX81LA9RTN4EW3HJ6B'").run();
      expect(match(db, '"contoso"')).toBe(0);
      expect(match(db, '"fabrikam"')).toBe(1);
      // A status change (the portal check) leaves the index alone.
      db.prepare("UPDATE code_inventory SET status = 'available', last_checked_at = ?").run(now);
      db.prepare("DELETE FROM code_inventory WHERE auth_code = '43XC9868WTGBCWMH53YS4RA9'").run();
      expect(match(db, '"northwind"')).toBe(0);
      db.prepare("INSERT INTO code_inventory_fts (code_inventory_fts) VALUES ('integrity-check')").run();
      db.close();
    });

    it('answers the balance from its index alone and pages the list by index', () => {
      const db = cacheBefore5();
      migrate5(db);
      const plan = (sql: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' | ');
      expect(
        plan("SELECT sku, count(*), min(imported_at) FROM code_inventory WHERE status IN ('unchecked', 'available') GROUP BY sku"),
      ).toMatch(/COVERING INDEX code_inventory_balance/);
      expect(plan("SELECT * FROM code_inventory WHERE imported_at > '2026' ORDER BY imported_at, rowid LIMIT 100")).toMatch(
        /code_inventory_by_imported/,
      );
      db.close();
    });
  });

  describe('006 code balance counts', () => {
    const now = '2026-11-30T10:00:00.000Z';
    const insert = (db: Database.Database, code: string, status: string, sku: string | null, at = now) =>
      db
        .prepare(
          `INSERT INTO code_inventory (auth_code, sku, source_kind, imported_at, status, redeemed_mac, redeemed_at)
           VALUES (?, ?, 'text', ?, ?, ?, ?)`,
        )
        .run(code, sku, at, status, status === 'redeemed' ? '000ADD023F8F' : null, status === 'redeemed' ? at : null);
    const counts = (db: Database.Database) =>
      Object.fromEntries(
        (
          db.prepare('SELECT status, sku, codes FROM code_balance WHERE codes > 0 ORDER BY status, sku').all() as {
            status: string;
            sku: string;
            codes: number;
          }[]
        ).map((r) => [`${r.status}/${r.sku}`, r.codes]),
      );
    /** What the counts must be: a GROUP BY over the inventory. */
    const truth = (db: Database.Database) =>
      Object.fromEntries(
        (
          db.prepare("SELECT status, ifnull(sku, '') AS sku, count(*) AS n FROM code_inventory GROUP BY 1, 2 ORDER BY 1, 2").all() as {
            status: string;
            sku: string;
            n: number;
          }[]
        ).map((r) => [`${r.status}/${r.sku}`, r.n]),
      );

    it('counts an existing inventory on upgrade, and its triggers keep the counts on every insert, update and delete', () => {
      const db = databaseAt(5);
      insert(db, 'AAAAAA111111BBBBBB22222G', 'unchecked', null);
      insert(db, 'AAAAAA111111BBBBBB33333G', 'available', '8210010');
      insert(db, 'AAAAAA111111BBBBBB44444G', 'available', '8210010');
      migrate(
        db,
        migrations.filter((m) => m.version <= 6),
      );
      expect(db.pragma('user_version', { simple: true })).toBe(6);
      expect(counts(db)).toEqual({ 'available/8210010': 2, 'unchecked/': 1 });
      insert(db, 'AAAAAA111111BBBBBB55555G', 'unchecked', null);
      db.prepare("UPDATE code_inventory SET status = 'available', sku = '8400100' WHERE auth_code = 'AAAAAA111111BBBBBB22222G'").run();
      db.prepare(
        "UPDATE code_inventory SET status = 'redeemed', redeemed_mac = '000ADD023F8F', redeemed_at = ? WHERE auth_code = 'AAAAAA111111BBBBBB33333G'",
      ).run(now);
      // A change of neither status nor SKU leaves the counts alone.
      db.prepare("UPDATE code_inventory SET last_checked_at = ? WHERE auth_code = 'AAAAAA111111BBBBBB44444G'").run(now);
      db.prepare("DELETE FROM code_inventory WHERE auth_code = 'AAAAAA111111BBBBBB44444G'").run();
      expect(counts(db)).toEqual(truth(db));
      expect(counts(db)).toEqual({ 'available/8400100': 1, 'redeemed/8210010': 1, 'unchecked/': 1 });
      db.close();
    });
  });

  describe('007 bulk redemption jobs', () => {
    const now = '2026-11-30T10:00:00.000Z';
    const CODE = 'AAAAAA111111BBBBBB22222G';

    it('upgrades a database with data: the cache, outbox and inventory are untouched; jobs start empty', () => {
      const db = databaseAt(6);
      db.prepare('INSERT INTO systems (mac, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run('000ADD023F8F', 'Front desk', now, now);
      db.prepare(
        `INSERT INTO outbox (idempotency_key, kind, payload, created_at, updated_at) VALUES ('key-00000001', 'redemption', '{}', ?, ?)`,
      ).run(now, now);
      db.prepare(`INSERT INTO code_inventory (auth_code, source_kind, imported_at) VALUES (?, 'text', ?)`).run(CODE, now);
      const snapshot = (d: Database.Database) => ({
        systems: d.prepare('SELECT * FROM systems').all(),
        outbox: d.prepare('SELECT * FROM outbox').all(),
        inventory: d.prepare('SELECT * FROM code_inventory').all(),
      });
      const was = snapshot(db);
      migrate(db, migrations);
      expect(db.pragma('user_version', { simple: true })).toBe(7);
      expect(snapshot(db)).toEqual(was);
      expect(columns(db, 'bulk_jobs')).toEqual(['id', 'name', 'state', 'source', 'file_name', 'created_at', 'started_at', 'completed_at']);
      expect(columns(db, 'bulk_job_rows')).toEqual(['job_id', 'row_no', 'mac', 'system_name', 'auth_code', 'sku', 'outbox_id']);
      expect(db.prepare('SELECT count(*) FROM bulk_jobs').pluck().get()).toBe(0);
      db.close();
    });

    it('keeps states, sources and their times consistent, a code once per job, and rows only for real jobs and operations', () => {
      const db = databaseAt(7);
      const job = db.prepare(
        `INSERT INTO bulk_jobs (name, state, source, file_name, created_at, started_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      const id = Number(job.run('Order 7', 'draft', 'file', 'order 7.csv', now, null, null).lastInsertRowid);
      expect(() => job.run('x', 'paused', 'file', 'a.csv', now, null, null)).toThrow(/CHECK/);
      expect(() => job.run('x', 'draft', 'email', 'a.csv', now, null, null)).toThrow(/CHECK/);
      expect(() => job.run('x', 'draft', 'file', null, now, null, null)).toThrow(/CHECK/);
      expect(() => job.run('x', 'draft', 'inventory', 'a.csv', now, null, null)).toThrow(/CHECK/);
      expect(() => job.run('x', 'in_progress', 'inventory', null, now, null, null)).toThrow(/CHECK/);
      expect(() => job.run('x', 'completed', 'inventory', null, now, now, null)).toThrow(/CHECK/);
      expect(() => job.run('', 'draft', 'inventory', null, now, null, null)).toThrow(/CHECK/);
      job.run('y', 'completed', 'inventory', null, now, now, now);

      const row = db.prepare(
        'INSERT INTO bulk_job_rows (job_id, row_no, mac, system_name, auth_code, sku, outbox_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      row.run(id, 2, '000ADD023F8F', 'Front desk', CODE, null, null);
      expect(() => row.run(id, 3, '000ADD023F8F', null, CODE, null, null)).toThrow(/UNIQUE/);
      expect(() => row.run(id, 4, '00:0A:DD:02:3F:8F', null, 'AAAAAA111111BBBBBB33333G', null, null)).toThrow(/CHECK/);
      expect(() => row.run(id, 5, '000ADD023F8F', null, 'AAAAAA-111111-BBBBBB-33333G', null, null)).toThrow(/CHECK/);
      expect(() => row.run(id, 0, '000ADD023F8F', null, 'AAAAAA111111BBBBBB44444G', null, null)).toThrow(/CHECK/);
      expect(() => row.run(999, 2, '000ADD023F8F', null, 'AAAAAA111111BBBBBB55555G', null, null)).toThrow(/FOREIGN KEY/);
      expect(() => row.run(id, 6, '000ADD023F8F', null, 'AAAAAA111111BBBBBB66666G', null, 12345)).toThrow(/FOREIGN KEY/);
      // The code may be in another job (the app refuses it in two open jobs, not the schema).
      row.run(id + 1, 1, '000ADD023F8F', null, CODE, null, null);
      // Deleting a job deletes its rows.
      db.prepare('DELETE FROM bulk_jobs WHERE id = ?').run(id);
      expect(db.prepare('SELECT count(*) FROM bulk_job_rows WHERE job_id = ?').pluck().get(id)).toBe(0);
      db.close();
    });

    it("reads a job's rows by its key and finds a job from an outbox operation by index", () => {
      const db = databaseAt(7);
      const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
      expect(plan('SELECT * FROM bulk_job_rows WHERE job_id = 1 ORDER BY row_no')).toMatch(/USING INDEX sqlite_autoindex_bulk_job_rows_1/);
      expect(plan('SELECT DISTINCT job_id FROM bulk_job_rows WHERE outbox_id = 5')).toMatch(/USING INDEX bulk_job_rows_outbox/);
      expect(plan(`SELECT job_id FROM bulk_job_rows WHERE auth_code = '${CODE}'`)).toMatch(/bulk_job_rows_code/);
      db.close();
    });
  });
});
