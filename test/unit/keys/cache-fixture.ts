import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../core/db/database';

export const T0 = '2026-11-01T00:00:00.000Z';

/** A fresh app database (all migrations) in a temp dir. */
export function openTestDb(): Db {
  return openDatabase({ file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-keys-')), 'fieldkey.db') }).db;
}

export function addSystem(db: Db, mac: string, name: string | null, customer: string | null = null, serial: string | null = null): void {
  db.prepare('INSERT INTO systems (mac, serial, name, customer, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    mac,
    serial,
    name,
    customer,
    T0,
    T0,
  );
}

export function addSku(db: Db, sku: string, description: string): void {
  db.prepare('INSERT INTO skus (sku, description, updated_at) VALUES (?, ?, ?) ON CONFLICT (sku) DO NOTHING').run(sku, description, T0);
}

export interface TestKey {
  /** Dashed or compact. */
  authCode: string;
  featureKey?: string;
  sku?: string;
  mac: string;
  distributor?: string | null;
  redeemedAt?: string;
  origin?: 'portal' | 'import';
  updatedAt?: string;
}

export function addKey(db: Db, key: TestKey): void {
  db.prepare(
    `INSERT INTO feature_keys (auth_code, feature_key, sku, mac, distributor, redeemed_at, updated_at, origin)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    key.authCode.replace(/-/g, ''),
    key.featureKey ?? `abcd-EFGH-${key.authCode.slice(0, 4)}-MNOP-qrst-UVWX`,
    key.sku ?? '8210010',
    key.mac,
    key.distributor === undefined ? 'Northwind Telecom Supply' : key.distributor,
    key.redeemedAt ?? '2026-11-20T10:00:00.000Z',
    key.updatedAt ?? T0,
    key.origin ?? 'portal',
  );
}

/** A 24-character code from a number: `N` + digits, padded. */
export const codeOf = (n: number, prefix = 'C') => `${prefix}${String(n).padStart(24 - prefix.length, '0')}`;

/**
 * Keys with many ties: few SKUs, distributors (and none), system names (and none, and names that
 * differ only in case), redeemed times shared by several keys.
 */
export function tiedCache(db: Db, keys: number): void {
  addSku(db, '8210010', '8210010 - 6x Internet Call Access Key');
  addSku(db, '8210024', '8210024 - 24x IP Phone User License');
  addSku(db, '8400100', '8400100 - SIP Trunk Channel License');
  const names = ['Alpha', 'alpha', null, 'Bravo', null, 'Charlie'];
  const systems = Math.max(6, Math.ceil(keys / 4));
  db.transaction(() => {
    for (let i = 0; i < systems; i++) {
      addSystem(db, `000ADD${i.toString(16).toUpperCase().padStart(6, '0')}`, names[i % names.length]!, `Customer ${i % 5}`, `SN${i}`);
    }
    const distributors = ['Northwind Telecom Supply', null, 'Contoso Distribution'];
    const skus = ['8210010', '8210024', '8400100'];
    for (let i = 0; i < keys; i++) {
      // Codes not in insertion order, so rowid and auth_code orders differ.
      const code = codeOf((i * 7919) % 100_003);
      addKey(db, {
        authCode: code,
        featureKey: `k${String(i % 13).padStart(3, '0')}-EFGH-ijkl-MNOP-qrst-UVWX`,
        sku: skus[i % skus.length],
        mac: `000ADD${(i % systems).toString(16).toUpperCase().padStart(6, '0')}`,
        distributor: distributors[i % distributors.length],
        redeemedAt: new Date(Date.parse('2026-10-01T00:00:00.000Z') + (i % 17) * 3_600_000).toISOString(),
      });
    }
  })();
}
