/**
 * A large app cache for the Keys benchmarks: N feature keys over N/5 systems, written straight
 * into a FieldKey database made by the app's own migrations (the pull would take minutes). Rows
 * go in with the search index deferred, as a first sync does, then the index is built in one pass.
 */
import { openDatabase, type Db } from '../../core/db/database';
import { SKUS } from '../../portal-sandbox/seed';
import { seededRandom } from '../../portal-sandbox/seeded-random';

const DISTRIBUTORS = ['Northwind Telecom Supply', 'Contoso Distribution', 'Fabrikam Comms', 'Tailspin Networks', null];
const CUSTOMER_WORDS = ['Alpine', 'Harbour', 'Lindqvist', 'Meridian', 'Okafor', 'Quayside', 'Rosengarten', 'Vantage', 'Willow', 'Zenith'];
const CUSTOMER_KINDS = ['GmbH', 'Ltd', 'Hotel', 'Clinic', 'Logistics', 'Dental', 'Bakery', 'Partners'];
const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789$&';
const DAY = 86_400_000;

export interface KeyCacheSpec {
  file: string;
  keys: number;
  /** Keys per system (default 5). */
  keysPerSystem?: number;
  now?: Date;
}

export interface KeyCache {
  db: Db;
  systems: number;
  /** Time of the bulk insert and of the one-pass index build, in ms. */
  insertMs: number;
  indexMs: number;
  /** A few real values to search for. */
  sample: { mac: string; authCode: string; featureKey: string; systemName: string; customer: string };
}

export const macOf = (i: number) => `000ADD${i.toString(16).toUpperCase().padStart(6, '0')}`;

export function buildKeyCache(spec: KeyCacheSpec): KeyCache {
  const perSystem = spec.keysPerSystem ?? 5;
  const now = spec.now ?? new Date();
  const { db } = openDatabase({ file: spec.file });
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  // Random codes land all over the primary-key index: keep the whole file in memory while writing.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -1500000');
  const random = seededRandom(20261130);
  const chars = (n: number, alphabet: string) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
    return s;
  };
  const systemCount = Math.ceil(spec.keys / perSystem);
  const stamp = now.toISOString();

  const insertStarted = performance.now();
  db.prepare('UPDATE search_index SET keys_indexed_to = 0, systems_indexed_to = 0').run();
  db.transaction(() => {
    const sku = db.prepare('INSERT INTO skus (sku, description, updated_at) VALUES (?, ?, ?)');
    for (const [number, description] of SKUS) sku.run(number, description, stamp);
    const system = db.prepare('INSERT INTO systems (mac, serial, name, customer, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < systemCount; i++) {
      const customer = `${CUSTOMER_WORDS[i % CUSTOMER_WORDS.length]} ${CUSTOMER_KINDS[(i >> 3) % CUSTOMER_KINDS.length]} ${(i % 4999) + 1}`;
      // One system in ten has no name yet (added by MAC only).
      const name = i % 10 === 9 ? null : `Site ${chars(4, CODE_ALPHABET)} ${i + 1}`;
      system.run(macOf(i), `SN${(1_000_000 + i).toString(36).toUpperCase()}`, name, customer, stamp, stamp);
    }
    const key = db.prepare(
      `INSERT INTO feature_keys (auth_code, feature_key, sku, mac, distributor, redeemed_at, updated_at, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const span = 365 * DAY;
    for (let i = 0; i < spec.keys; i++) {
      const authCode = chars(24, CODE_ALPHABET);
      const featureKey = [0, 1, 2, 3, 4, 5].map(() => chars(4, KEY_ALPHABET)).join('-');
      const systemIndex = Math.floor(random() * systemCount);
      const redeemedAt = new Date(now.getTime() - Math.floor(random() * span)).toISOString();
      key.run(
        authCode,
        featureKey,
        SKUS[Math.floor(random() * SKUS.length)]![0],
        macOf(systemIndex),
        DISTRIBUTORS[Math.floor(random() * DISTRIBUTORS.length)] ?? null,
        redeemedAt,
        stamp,
        i % 50 === 0 ? 'import' : 'portal',
      );
    }
  })();
  const insertMs = performance.now() - insertStarted;
  const sampleRow = db
    .prepare<[number], { authCode: string; featureKey: string; mac: string; systemName: string; customer: string }>(
      `SELECT k.auth_code AS authCode, k.feature_key AS featureKey, k.mac, y.name AS systemName, y.customer
       FROM feature_keys k JOIN systems y ON y.mac = k.mac WHERE k.rowid >= ? AND y.name IS NOT NULL LIMIT 1`,
    )
    .get(Math.floor(spec.keys / 2))!;

  const indexStarted = performance.now();
  db.transaction(() => {
    db.exec(`INSERT INTO feature_keys_fts (feature_keys_fts) VALUES ('rebuild');
      INSERT INTO systems_fts (systems_fts) VALUES ('rebuild');
      UPDATE search_index SET keys_indexed_to = 9223372036854775807, systems_indexed_to = 9223372036854775807;`);
  })();
  const indexMs = performance.now() - indexStarted;
  // As the pull does after its rebuild.
  db.exec('PRAGMA analysis_limit = 1000; ANALYZE;');
  db.pragma(`cache_size = ${cacheSize}`);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return { db, systems: systemCount, insertMs, indexMs, sample: sampleRow };
}
