import type { Db } from '../core/db/database';
import { formatAuthCode } from '../core/domain/auth-code';
import { formatMac, VENDOR_PREFIX } from '../core/domain/mac';
import { CONNECT_MODELS, SERVER_MODELS, type ServerModel, type ServerStatus } from '../core/domain/servers';
import type { PortalServerRegistration } from '../core/portal-api/schemas';
import { generateFeatureKey } from './feature-key';
import type { PasswordHash } from './passwords';
import { FIRST_SITE_ID, seedKnownSerials, seedServers, type SeedServer } from './servers';
import type { SandboxStore } from './store';
import { seededRandom as random } from './seeded-random';

export type SeedSpec = 'demo' | number;

/** The demo data is fully deterministic: same codes, MACs and keys on every machine. */
export const DEMO_SECRET = 'fieldkey-sandbox-demo-secret';
export const DEMO_PARTNER = { id: 'partner-demo', username: 'demo', name: 'Demo Partner Ltd' } as const;
/** The sandbox's demo login; new passwords must meet the rules, this seeded one predates them. */
export const DEMO_PASSWORD = 'demo';

export const DEMO_COUNTS = { systems: 25, redeemedKeys: 150, unredeemedCodes: 40 } as const;

/** The SKUs the sandbox sells (number, the portal's description); benchmarks fill caches with them too. */
export const SKUS: [string, string][] = [
  ['8210010', '8210010 - 6x Internet Call Access Key'],
  ['8210011', '8210011 - 6x12 Voicemail Expansion Key'],
  ['8210024', '8210024 - 24x IP Phone User License'],
  ['8210048', '8210048 - 48x Conference Bridge Key'],
  ['8310324', '8310324 - Connect 324 Mobility Key'],
  ['8310536', '8310536 - Connect 536 Call Recording Key'],
  ['8310731', '8310731 - Connect 731 Contact Center Seat'],
  ['8400100', '8400100 - SIP Trunk Channel License'],
];

const DISTRIBUTORS = ['Northwind Telecom Supply', 'Contoso Distribution', 'Fabrikam Comms', 'Tailspin Networks'];

const SYSTEM_NAMES = [
  'Main PBX',
  'Head Office',
  'Warehouse',
  'Reception',
  'Branch North',
  'Branch South',
  'Call Centre',
  'Clinic',
  'Showroom',
  'Depot',
];
const CUSTOMERS = [
  'Acme Dental Care',
  'Blue Harbour Hotel',
  'Cedar Law Partners',
  'Delta Logistics',
  'Evergreen School',
  'Fjord Fisheries',
  'Granite Builders',
  'Harbor Veterinary',
  'Iris Florists',
  'Juniper Accounting',
  'Kestrel Motors',
  'Lumen Opticians',
  'Maple Town Council',
];

const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomChars(next: () => number, length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

/**
 * A code unique by construction and in ascending order (the first group grows with the index,
 * spread over the whole range), so a bulk seed appends to the primary-key B-trees instead of
 * rewriting pages all over them; the other 18 characters are random.
 */
function numberedCode(next: () => number, index: number, count: number): string {
  const prefix = Math.floor((index * (36 ** 6 - 1)) / Math.max(count, 1));
  return formatAuthCode(prefix.toString(36).toUpperCase().padStart(6, '0') + randomChars(next, 18, CODE_ALPHABET));
}

function numberedMac(index: number): string {
  return VENDOR_PREFIX + index.toString(16).toUpperCase().padStart(6, '0');
}

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

const DAY = 24 * 60 * 60 * 1000;

const DEMO_RANDOM_SEED = 20261123;

/** The demo's systems, the first thing drawn from its random sequence. */
function demoSystems(next: () => number) {
  return Array.from({ length: DEMO_COUNTS.systems }, (_, i) => ({
    mac: VENDOR_PREFIX + randomChars(next, 6, '0123456789ABCDEF'),
    serial: `SN${String(410000 + i * 37)}`,
    name: `${CUSTOMERS[i % CUSTOMERS.length]!.split(' ')[0]} ${SYSTEM_NAMES[i % SYSTEM_NAMES.length]}`,
    customer: CUSTOMERS[i % CUSTOMERS.length]!,
  }));
}

// --- Demo servers (v1.2) -------------------------------------------------------------------------

/**
 * The demo dashboard, one server per demo system (the first 20), so View Feature Keys shows their
 * keys: every model, every status a model can have, sites shared by 2 to 4 servers, two hidden
 * servers and one under RMA. `site` is a letter; sites get IDs from 10016 in order of first use.
 * `complete: false` leaves the address and contact empty (a registration saved for later).
 */
const DEMO_SERVER_PLAN: {
  model: ServerModel;
  status: ServerStatus;
  site: string;
  complete: boolean;
  hidden?: boolean;
  rma?: boolean;
  modified?: boolean;
}[] = [
  { model: 'Connect 324', status: 'registered', site: 'A', complete: true },
  { model: 'Connect 731', status: 'activated', site: 'A', complete: true, modified: true },
  { model: 'Connect 731', status: 'activated', site: 'A', complete: true },
  { model: 'Connect 731', status: 'saved', site: 'B', complete: false },
  { model: 'Connect 731', status: 'registered', site: 'B', complete: true },
  { model: '6x', status: 'saved', site: 'C', complete: true },
  { model: '6x12', status: 'saved', site: 'C', complete: false },
  { model: '24x', status: 'saved', site: 'C', complete: true, modified: true },
  { model: '48x', status: 'saved', site: 'C', complete: true },
  { model: 'Connect 536', status: 'saved', site: 'D', complete: false },
  { model: 'Connect 536', status: 'registered', site: 'D', complete: true },
  { model: 'Connect 536', status: 'activated', site: 'D', complete: true, rma: true },
  { model: 'Connect 324', status: 'saved', site: 'E', complete: true },
  { model: 'Connect 324', status: 'activated', site: 'F', complete: true },
  { model: '6x', status: 'saved', site: 'G', complete: true, hidden: true },
  { model: '24x', status: 'saved', site: 'H', complete: false },
  { model: '48x', status: 'saved', site: 'I', complete: true },
  { model: 'Connect 731', status: 'activated', site: 'J', complete: true, hidden: true },
  { model: '6x12', status: 'saved', site: 'K', complete: true },
  { model: 'Connect 324', status: 'registered', site: 'L', complete: true },
];

const STREETS = ['12 Harbour Road', '4 Mill Lane', '88 Station Street', '230 Oak Avenue', '7 Quarry Close', '19 Bridge Street'];
const CITIES: [string, string, string][] = [
  ['Rochester', 'NY', '14604'],
  ['Buffalo', 'NY', '14202'],
  ['Syracuse', 'NY', '13202'],
  ['Albany', 'NY', '12207'],
  ['Ithaca', 'NY', '14850'],
];
const CONTACTS = ['Maria Lopez', 'Sam Okafor', 'Priya Nair', 'Tom Becker', 'Chen Wei', 'Anna Kowalski'];

function demoRegistration(system: { name: string; customer: string }, i: number, complete: boolean): PortalServerRegistration {
  const [city, region, postalCode] = CITIES[i % CITIES.length]!;
  const contact = CONTACTS[i % CONTACTS.length]!;
  return {
    systemName: system.name,
    company: system.customer,
    street: complete ? STREETS[i % STREETS.length]! : null,
    city: complete ? city : null,
    region: complete ? region : null,
    postalCode: complete ? postalCode : null,
    country: complete ? 'United States' : null,
    contactName: complete || i % 2 === 0 ? contact : null,
    contactPhone: complete ? `+1 585 555 ${String(1000 + i * 7).padStart(4, '0')}` : null,
    contactEmail: complete ? `${contact.split(' ')[0]!.toLowerCase()}@${system.customer.split(' ')[0]!.toLowerCase()}.example` : null,
  };
}

const SERIAL_PREFIX: Record<ServerModel, string> = {
  '6x': 'AX6',
  '6x12': 'AX612',
  '24x': 'AX24',
  '48x': 'AX48',
  'Connect 324': 'CN324',
  'Connect 536': 'CN536',
  'Connect 731': 'CN731',
};
const FREE_SERIAL_MODELS: ServerModel[] = ['6x', '6x12', '24x', '48x', 'Connect 324', 'Connect 536', 'Connect 731'];

/**
 * Serial numbers the demo portal knows that are on no dashboard: two of every model, for Add /
 * Register Server. Their MACs (000ADDFE0010…) are none of the demo systems'.
 */
export const DEMO_FREE_SERIALS: readonly { serial: string; model: ServerModel; mac: string }[] = FREE_SERIAL_MODELS.flatMap((model, m) =>
  [0, 1].map((k) => ({
    serial: `${SERIAL_PREFIX[model]}-${9000 + m * 10 + k}`,
    model,
    mac: `${VENDOR_PREFIX}FE00${(0x10 + m * 2 + k).toString(16).toUpperCase().padStart(2, '0')}`,
  })),
);

/** The replacement named by the demo's open RMA: known to the portal, not on the dashboard. */
export const DEMO_RMA_REPLACEMENT = { serial: 'CN536-9900', model: 'Connect 536', mac: `${VENDOR_PREFIX}FE0100` } as const;

export interface DemoServer {
  mac: string;
  serial: string;
  model: ServerModel;
  status: ServerStatus;
  siteId: string;
  hidden: boolean;
  /** Whether the registration is complete (address and contact filled in). */
  complete: boolean;
  rmaRequested: boolean;
  systemName: string;
  company: string;
  /** How many history records it has. */
  historyCount: number;
}

function demoServerSpecs(now: Date): SeedServer[] {
  const systems = demoSystems(random(DEMO_RANDOM_SEED));
  const siteIds = new Map<string, number>();
  return DEMO_SERVER_PLAN.map((plan, i) => {
    const system = systems[i]!;
    if (!siteIds.has(plan.site)) siteIds.set(plan.site, FIRST_SITE_ID + siteIds.size);
    const added = now.getTime() - (190 - i * 8) * DAY;
    const at = (days: number) => new Date(added + days * DAY).toISOString();
    const history: SeedServer['history'] = [];
    if (plan.status === 'saved') history.push({ at: at(0), action: 'saved', status: 'saved' });
    else {
      history.push({ at: at(0), action: 'saved', status: 'saved' });
      history.push({ at: at(2), action: 'registered', status: 'registered' });
      if (plan.status === 'activated') history.push({ at: at(4), action: 'activated', status: 'activated' });
    }
    if (plan.modified) history.push({ at: at(6), action: 'modified', status: plan.status });
    if (plan.hidden) history.push({ at: at(7), action: 'hidden', status: plan.status });
    const rma = plan.rma
      ? {
          reason: 'Power supply failed; the server does not boot.',
          replacementMac: DEMO_RMA_REPLACEMENT.mac,
          requestedAt: new Date(now.getTime() - 3 * DAY).toISOString(),
        }
      : null;
    if (rma) {
      history.push({
        at: rma.requestedAt,
        action: 'rma_requested',
        status: plan.status,
        note: `${rma.reason} (replacement ${formatMac(rma.replacementMac)})`,
      });
    }
    return {
      mac: system.mac,
      serial: system.serial,
      model: plan.model,
      siteId: siteIds.get(plan.site)!,
      status: plan.status,
      hidden: plan.hidden ?? false,
      registration: demoRegistration(system, i, plan.complete),
      rma,
      addedAt: at(0),
      history,
    };
  });
}

/** The demo dashboard (the same on every machine; only the dates follow the seeding time). */
export const DEMO_SERVERS: readonly DemoServer[] = demoServerSpecs(new Date(0)).map((spec, i) => ({
  mac: spec.mac,
  serial: spec.serial,
  model: spec.model,
  status: spec.status,
  siteId: String(spec.siteId),
  hidden: spec.hidden,
  complete: DEMO_SERVER_PLAN[i]!.complete,
  rmaRequested: spec.rma !== null,
  systemName: spec.registration.systemName!,
  company: spec.registration.company!,
  historyCount: spec.history.length,
}));

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

const NUMBERED_SYSTEMS_PER_SERVER = 10;

/** One server per ten systems (on the first of each ten), every model in turn, three to a site. */
function numberedServers(systemCount: number, start: number): SeedServer[] {
  const servers: SeedServer[] = [];
  const statuses: ServerStatus[] = ['saved', 'registered', 'activated'];
  for (let i = 0, n = 0; i < systemCount; i += NUMBERED_SYSTEMS_PER_SERVER, n++) {
    const model = SERVER_MODELS[n % SERVER_MODELS.length]!;
    const status = CONNECT_MODELS.includes(model) ? statuses[Math.floor(n / SERVER_MODELS.length) % 3]! : 'saved';
    const complete = status !== 'saved' || n % 2 === 0;
    const addedAt = new Date(start + n * 60_000).toISOString();
    servers.push({
      mac: numberedMac(i),
      serial: `SN${String(i).padStart(8, '0')}`,
      model,
      siteId: FIRST_SITE_ID + Math.floor(n / 3),
      status,
      hidden: n % 50 === 49,
      registration: {
        systemName: `System ${i + 1}`,
        company: `Customer ${(i % 997) + 1}`,
        street: complete ? `${(n % 900) + 1} Main Street` : null,
        city: complete ? 'Rochester' : null,
        region: complete ? 'NY' : null,
        postalCode: complete ? '14604' : null,
        country: complete ? 'United States' : null,
        contactName: complete ? 'Site Contact' : null,
        contactPhone: complete ? '+1 585 555 0100' : null,
        contactEmail: complete ? `site${n}@customer.example` : null,
      },
      rma: null,
      addedAt,
      history: [{ at: addedAt, action: status, status }],
    });
  }
  return servers;
}
