/**
 * CodeInventory.reconcileCodes against reconcile on a real SQLite file: for the codes given it
 * makes exactly the changes reconcile would (redeemed from the keys cache, queued while an open
 * outbox operation holds the code, released when none does), and it leaves every other code alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CodeInventory } from '../../../core/codes/inventory';
import { type Db, openDatabase } from '../../../core/db/database';

const AT = '2026-11-30T10:00:00.000Z';
const code = (n: number) => `CODE${String(n).padStart(20, '0')}`;

describe('CodeInventory.reconcileCodes', () => {
  let dir: string;
  let db: Db;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-reconcile-'));
    db = openDatabase({ file: path.join(dir, 'fieldkey.db') }).db;
    // Three of each situation: 1–3 redeemed in the cache, 4–6 held by an open operation,
    // 7–9 marked queued that no operation holds any more, 10–12 nothing to change.
    const insert = db.prepare(`INSERT INTO code_inventory (auth_code, source_kind, imported_at, status) VALUES (?, 'text', ?, ?)`);
    for (let n = 1; n <= 12; n++) insert.run(code(n), AT, n >= 7 && n <= 9 ? 'queued' : 'available');
    db.prepare(`INSERT INTO systems (mac, created_at, updated_at) VALUES ('000ADD023F8F', ?, ?)`).run(AT, AT);
    const key = db.prepare(
      `INSERT INTO feature_keys (auth_code, feature_key, sku, mac, redeemed_at, updated_at) VALUES (?, 'KEY', '8210010', '000ADD023F8F', ?, ?)`,
    );
    for (const n of [1, 2, 3]) key.run(code(n), AT, AT);
    const operation = db
      .prepare(`INSERT INTO outbox (idempotency_key, kind, payload, created_at, updated_at) VALUES ('k', 'redemption', '{}', ?, ?)`)
      .run(AT, AT).lastInsertRowid;
    for (const n of [4, 5, 6]) db.prepare('INSERT INTO outbox_codes (auth_code, outbox_id) VALUES (?, ?)').run(code(n), operation);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const statuses = () =>
    db
      .prepare<[], { n: string; status: string }>('SELECT auth_code AS n, status FROM code_inventory ORDER BY auth_code')
      .all()
      .map((r) => r.status);

  it('changes the given codes as reconcile does, and nothing else', () => {
    const inventory = new CodeInventory(db);
    const given = [1, 4, 7, 10].map(code);
    expect(inventory.reconcileCodes(given)).toBe(3);
    expect(statuses()).toEqual([
      'redeemed',
      'available',
      'available',
      'queued',
      'available',
      'available',
      'unchecked',
      'queued',
      'queued',
      'available',
      'available',
      'available',
    ]);
    expect(inventory.reconcileCodes([])).toBe(0);

    // The rest through the full walk: the same end state as if every code had been given.
    expect(inventory.reconcile()).toBe(6);
    expect(statuses()).toEqual([
      'redeemed',
      'redeemed',
      'redeemed',
      'queued',
      'queued',
      'queued',
      'unchecked',
      'unchecked',
      'unchecked',
      'available',
      'available',
      'available',
    ]);
    expect(inventory.reconcileCodes(Array.from({ length: 12 }, (_, i) => code(i + 1)))).toBe(0);
  });
});
