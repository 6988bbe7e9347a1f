import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../core/db/database';
import { ChangeApplier } from '../../../core/sync/pull';

/**
 * The search index after a first full sync is built a chunk at a time, with other writes in
 * between (a redemption's answer, an import, Add Systems, the next pull). FTS5's own
 * 'integrity-check' compares the index with the tables: it fails if any write was missed or
 * indexed twice.
 */
describe('building the search index in chunks', () => {
  const open = () => openDatabase({ file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-index-')), 'fieldkey.db') }).db;
  const now = '2026-11-30T10:00:00.000Z';
  const code = (i: number) => `AAAA${String(i).padStart(20, '0')}`;
  const mac = (i: number) => `000ADD${i.toString(16).toUpperCase().padStart(6, '0')}`;

  function firstSyncOf(db: ReturnType<typeof open>, keys: number) {
    // As the first page of a first full sync leaves it: frontiers at 0, index empty.
    db.exec(`UPDATE search_index SET keys_indexed_to = 0, systems_indexed_to = 0;
      INSERT INTO feature_keys_fts (feature_keys_fts) VALUES ('delete-all');
      INSERT INTO systems_fts (systems_fts) VALUES ('delete-all');`);
    const system = db.prepare('INSERT INTO systems (mac, name, created_at, updated_at) VALUES (?, ?, ?, ?)');
    const key = db.prepare(
      'INSERT INTO feature_keys (auth_code, feature_key, sku, mac, redeemed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    db.transaction(() => {
      for (let i = 0; i < keys; i++) {
        system.run(mac(i), `System ${i}`, now, now);
        key.run(code(i), `Key-${i}-xyz`, '8210010', mac(i), now, now);
      }
    })();
  }

  const integrity = (db: ReturnType<typeof open>) => {
    db.prepare("INSERT INTO feature_keys_fts (feature_keys_fts, rank) VALUES ('integrity-check', 1)").run();
    db.prepare("INSERT INTO systems_fts (systems_fts, rank) VALUES ('integrity-check', 1)").run();
  };
  const hits = (db: ReturnType<typeof open>, table: string, phrase: string) =>
    db.prepare(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(`"${phrase}"`) as number;

  it('writes below and above the frontier between chunks all end up indexed exactly once', () => {
    const db = open();
    const applier = new ChangeApplier(db);
    firstSyncOf(db, 40);
    expect(applier.searchIndexDeferred()).toBe(true);

    let steps = 0;
    let done = false;
    while (!done) {
      done = applier.buildSearchIndex(7);
      steps++;
      if (steps === 3) {
        // Below the frontier (rows 1–21 are indexed by now): the triggers keep them in step.
        db.prepare('UPDATE systems SET name = ? WHERE mac = ?').run('Lighthouse Inn', mac(2));
        db.prepare('DELETE FROM feature_keys WHERE auth_code = ?').run(code(3));
        db.prepare('UPDATE feature_keys SET feature_key = ? WHERE auth_code = ?').run('Quayside-key', code(4));
        // Above it: a later chunk reads them as they are then.
        db.prepare('UPDATE feature_keys SET feature_key = ? WHERE auth_code = ?').run('Harbour-key', code(30));
        db.prepare('INSERT INTO systems (mac, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(mac(500), 'Annex', now, now);
        db.prepare('INSERT INTO feature_keys (auth_code, feature_key, sku, mac, redeemed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
          code(500),
          'Late-key',
          '8210010',
          mac(500),
          now,
          now,
        );
      }
      expect(steps).toBeLessThan(100);
    }
    // 41 keys and 41 systems in chunks of 7: at least 12 chunks, then the closing step.
    expect(steps).toBeGreaterThanOrEqual(12);
    expect(applier.searchIndexDeferred()).toBe(false);
    integrity(db);
    expect(hits(db, 'systems_fts', 'lighthouse')).toBe(1);
    expect(hits(db, 'feature_keys_fts', 'quayside')).toBe(1);
    expect(hits(db, 'feature_keys_fts', 'harbour')).toBe(1);
    expect(hits(db, 'feature_keys_fts', 'late-key')).toBe(1);
    expect(hits(db, 'systems_fts', 'annex')).toBe(1);
    expect(hits(db, 'feature_keys_fts', code(3))).toBe(0);
    // Complete: the triggers index every write again.
    db.prepare('UPDATE systems SET name = ? WHERE mac = ?').run('Boathouse', mac(39));
    expect(hits(db, 'systems_fts', 'boathouse')).toBe(1);
    integrity(db);
    db.close();
  });

  it('a complete index is left alone', () => {
    const db = open();
    const applier = new ChangeApplier(db);
    expect(applier.searchIndexDeferred()).toBe(false);
    expect(applier.buildSearchIndex()).toBe(true);
    db.close();
  });
});
