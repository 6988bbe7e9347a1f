import type { Db } from '../core/db/database';
import { formatAuthCode } from '../core/domain/auth-code';
import { generateFeatureKey } from './feature-key';
import type { PasswordHash } from './passwords';
import {
  CODE_ALPHABET,
  DAY,
  DEMO_COUNTS,
  DEMO_RANDOM_SEED,
  DISTRIBUTORS,
  demoSystems,
  numberedCode,
  numberedMac,
  randomChars,
  SKUS,
} from './seed-data';
import { DEMO_FREE_SERIALS, DEMO_RMA_REPLACEMENT, demoServerSpecs, NUMBERED_SYSTEMS_PER_SERVER, numberedServers } from './seed-servers';
import { seededRandom as random } from './seeded-random';
import { seedKnownSerials, seedServers } from './server-seed';
import type { SandboxStore } from './store';

export { DEMO_COUNTS, SKUS } from './seed-data';
export { DEMO_FREE_SERIALS, DEMO_RMA_REPLACEMENT, DEMO_SERVERS, type DemoServer } from './seed-servers';

export type SeedSpec = 'demo' | number;

/** The demo data is fully deterministic: same codes, MACs and keys on every machine. */
export const DEMO_SECRET = 'fieldkey-sandbox-demo-secret';
export const DEMO_PARTNER = { id: 'partner-demo', username: 'demo', name: 'Demo Partner Ltd' } as const;
/** The sandbox's demo login; new passwords must meet the rules, this seeded one predates them. */
export const DEMO_PASSWORD = 'demo';

export interface SeedReport {
  partners: number;
  systems: number;
  redeemedKeys: number;
  unredeemedCodes: number;
  /** Servers on the partner's dashboard (v1.2). */
  servers: number;
  ms: number;
}

/** Whether the database already holds data (a seed is only applied to an empty portal). */
export function isSeeded(db: Db): boolean {
  return db.prepare('SELECT 1 FROM partners LIMIT 1').get() !== undefined;
}

export async function seed(store: SandboxStore, spec: SeedSpec, secret: string, now: Date): Promise<SeedReport> {
  const started = performance.now();
  // The one password hash, before the transaction (hashing is async; the transaction is not).
  const demoCredentials = await store.passwords.hash(DEMO_PASSWORD);
  // Into an empty file, a rollback journal writes each page once; WAL would write it to the log
  // and copy it again at checkpoint. A crash mid-seed still rolls back to the empty database.
  store.db.pragma('journal_mode = DELETE');
  let counts: Omit<SeedReport, 'ms'>;
  try {
    counts = store.db.transaction(() =>
      spec === 'demo' ? seedDemo(store, demoCredentials, secret, now) : seedNumbered(store, demoCredentials, spec, secret, now),
    )();
  } finally {
    store.db.pragma('journal_mode = WAL');
  }
  store.setMeta('seed', String(spec));
  return { ...counts, ms: Math.round(performance.now() - started) };
}

function statements(store: SandboxStore) {
  const db = store.db;
  return {
    sku: db.prepare('INSERT INTO skus (sku, description) VALUES (?, ?)'),
    authCode: db.prepare('INSERT INTO auth_codes (code, sku, distributor) VALUES (?, ?, ?)'),
    system: db.prepare('INSERT INTO systems (partner_id, mac, serial, name, customer, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    featureKey: db.prepare('INSERT INTO feature_keys (auth_code, feature_key, partner_id, mac, redeemed_at) VALUES (?, ?, ?, ?, ?)'),
    change: db.prepare('INSERT INTO changes (partner_id, entity, entity_id, op, data) VALUES (?, ?, ?, ?, ?)'),
  };
}

function addSkus(sql: ReturnType<typeof statements>): void {
  for (const [sku, description] of SKUS) {
    sql.sku.run(sku, description);
    sql.change.run(null, 'sku', sku, 'upsert', JSON.stringify({ sku, description }));
  }
}

function seedDemo(store: SandboxStore, credentials: PasswordHash, secret: string, now: Date): Omit<SeedReport, 'ms'> {
  const next = random(DEMO_RANDOM_SEED);
  const sql = statements(store);
  store.addPartner(DEMO_PARTNER, credentials);
  addSkus(sql);

  const systems = demoSystems(next).map((system, i) => {
    const createdAt = new Date(now.getTime() - (200 - i * 4) * DAY).toISOString();
    sql.system.run(DEMO_PARTNER.id, system.mac, system.serial, system.name, system.customer, createdAt);
    sql.change.run(DEMO_PARTNER.id, 'system', system.mac, 'upsert', JSON.stringify(system));
    return system;
  });

  // Redeemed over the last six months, oldest first, so the change log reads like history.
  const ages = Array.from({ length: DEMO_COUNTS.redeemedKeys }, () => Math.floor(next() * 180 * DAY)).sort((a, b) => b - a);
  ages.forEach((age, i) => {
    const [sku, description] = SKUS[Math.floor(next() * SKUS.length)]!;
    const distributor = DISTRIBUTORS[Math.floor(next() * DISTRIBUTORS.length)]!;
    const mac = systems[Math.floor(next() * systems.length)]!.mac;
    // The first keys start with '$' and '&', which spreadsheet programs may take for formulas:
    // exports must keep them as text, and the demo must show it.
    const wantedFirst = i === 0 ? '$' : i === 1 ? '&' : null;
    let code: string;
    let featureKey: string;
    do {
      code = formatAuthCode(randomChars(next, 24, CODE_ALPHABET));
      featureKey = generateFeatureKey(secret, code, mac);
    } while (wantedFirst !== null && featureKey[0] !== wantedFirst);
    const redeemedAt = new Date(now.getTime() - age).toISOString();
    sql.authCode.run(code, sku, distributor);
    sql.featureKey.run(code, featureKey, DEMO_PARTNER.id, mac, redeemedAt);
    const data = { authCode: code, featureKey, sku, skuDescription: description, distributor, mac, redeemedAt };
    sql.change.run(DEMO_PARTNER.id, 'featureKey', code, 'upsert', JSON.stringify(data));
  });

  for (let i = 0; i < DEMO_COUNTS.unredeemedCodes; i++) {
    const [sku] = SKUS[i % SKUS.length]!;
    sql.authCode.run(formatAuthCode(randomChars(next, 24, CODE_ALPHABET)), sku, DISTRIBUTORS[i % DISTRIBUTORS.length]!);
  }

  // The servers come last and draw nothing from `next`: the codes and keys above stay as they were.
  const servers = demoServerSpecs(now);
  seedServers(store, DEMO_PARTNER.id, servers, new Date(now.getTime() - 200 * DAY).toISOString());
  seedKnownSerials(store, [...DEMO_FREE_SERIALS, DEMO_RMA_REPLACEMENT]);
  return {
    partners: 1,
    systems: systems.length,
    redeemedKeys: DEMO_COUNTS.redeemedKeys,
    unredeemedCodes: DEMO_COUNTS.unredeemedCodes,
    servers: servers.length,
  };
}

/** For benchmarks: `count` redeemed keys, five per system, in one transaction with prepared statements. */
function seedNumbered(store: SandboxStore, credentials: PasswordHash, count: number, secret: string, now: Date): Omit<SeedReport, 'ms'> {
  const next = random(count);
  const sql = statements(store);
  store.addPartner(DEMO_PARTNER, credentials);
  addSkus(sql);
  const systemCount = Math.max(1, Math.ceil(count / 5));
  const start = now.getTime() - 365 * DAY;
  for (let i = 0; i < systemCount; i++) {
    const system = { mac: numberedMac(i), serial: `SN${i}`, name: `System ${i + 1}`, customer: `Customer ${(i % 997) + 1}` };
    sql.system.run(DEMO_PARTNER.id, system.mac, system.serial, system.name, system.customer, new Date(start).toISOString());
    sql.change.run(DEMO_PARTNER.id, 'system', system.mac, 'upsert', JSON.stringify(system));
  }
  seedServers(store, DEMO_PARTNER.id, numberedServers(systemCount, start), new Date(start).toISOString());
  const step = (365 * DAY) / Math.max(1, count);
  for (let i = 0; i < count; i++) {
    const [sku, description] = SKUS[i % SKUS.length]!;
    const distributor = DISTRIBUTORS[i % DISTRIBUTORS.length]!;
    // Five consecutive keys per system keeps every index append-only (see numberedCode).
    const mac = numberedMac(Math.floor(i / 5));
    const code = numberedCode(next, i, count);
    const featureKey = generateFeatureKey(secret, code, mac);
    const redeemedAt = new Date(start + Math.floor(i * step)).toISOString();
    sql.authCode.run(code, sku, distributor);
    sql.featureKey.run(code, featureKey, DEMO_PARTNER.id, mac, redeemedAt);
    sql.change.run(
      DEMO_PARTNER.id,
      'featureKey',
      code,
      'upsert',
      JSON.stringify({ authCode: code, featureKey, sku, skuDescription: description, distributor, mac, redeemedAt }),
    );
  }
  return {
    partners: 1,
    systems: systemCount,
    redeemedKeys: count,
    unredeemedCodes: 0,
    servers: Math.ceil(systemCount / NUMBERED_SYSTEMS_PER_SERVER),
  };
}
