/**
 * A cache of N servers for benchmarks, written straight into a FieldKey database (the app's
 * migrations, one transaction, the search index kept by its triggers as a sync would), from a
 * seeded PRNG: every model and status, sites shared by several servers, companies and names that
 * repeat, a tenth hidden, added over two years.
 */
import { openDatabase, type Db } from '../../core/db/database';
import { SERVER_MODELS, isRegistrable } from '../../core/domain/servers';

const COMPANIES = [
  'Acme Parts',
  "Misha's Office Supply",
  'Widget Components',
  'Components, Inc.',
  'DS Smith Industries',
  'Harbour Dental',
  'Lincoln School District',
  'Northwind Traders',
  'Quayside Hotel',
  'Beta Logistics',
];
const PLACES = ['Dallas', 'Sacramento', 'Rochester', 'Lobby', 'Warehouse', 'Front Desk', 'Clinic', 'Branch', 'HQ', 'Annex'];

export interface ServerCache {
  db: Db;
  insertMs: number;
  /** A server that exists, for searches. */
  sample: { mac: string; serial: string; company: string };
}

export function macOfServer(i: number): string {
  return `000ADD${(i + 1).toString(16).toUpperCase().padStart(6, '0')}`;
}

export function buildServerCache(options: { file: string; servers: number; seed?: number }): ServerCache {
  const db = openDatabase({ file: options.file }).db;
  let state = options.seed ?? 20261130;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const insert = db.prepare(
    `INSERT INTO servers (mac, serial, model, site_id, status, hidden, system_name, company, street, city, region, postal_code, country,
       contact_name, contact_phone, contact_email, added_at, updated_at, origin)
     VALUES (@mac, @serial, @model, @siteId, @status, @hidden, @systemName, @company, @street, @city, 'NY', '14604', 'US',
       @contact, '+1 585 555 0100', @email, @addedAt, @addedAt, 'portal')`,
  );
  // The search index in one pass at the end, as the app's first sync builds its indexes: far
  // cheaper than 100,000 trigger-driven inserts. The trigger comes back for the app.
  const trigger = db
    .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'servers_fts_insert'")
    .pluck()
    .get() as string;
  db.exec('DROP TRIGGER servers_fts_insert');
  const start = Date.parse('2024-12-01T00:00:00.000Z');
  const span = 2 * 365 * 86_400_000;
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < options.servers; i++) {
      const model = pick(SERVER_MODELS);
      const status = isRegistrable(model) ? pick(['saved', 'registered', 'activated'] as const) : 'saved';
      const company = `${pick(COMPANIES)} ${Math.floor(random() * 2000)}`;
      insert.run({
        mac: macOfServer(i),
        serial: `SN-${model.replace(/\s/g, '').toUpperCase()}-${String(i).padStart(7, '0')}`,
        model,
        // About four servers a site; some not yet given one.
        siteId: random() < 0.05 ? null : String(10_000 + Math.floor(random() * (options.servers / 4))),
        status,
        hidden: random() < 0.1 ? 1 : 0,
        systemName: random() < 0.1 ? null : `${pick(PLACES)} ${Math.floor(random() * 500)}`,
        company,
        street: `${1 + Math.floor(random() * 999)} Main St`,
        city: pick(PLACES),
        contact: 'Pat Lee',
        email: 'pat@example.com',
        addedAt: new Date(start + Math.floor(random() * span)).toISOString(),
      });
    }
  })();
  db.exec(`INSERT INTO servers_fts (servers_fts) VALUES ('rebuild'); ${trigger};`);
  // Statistics for the planner, as the app gathers them once a first sync is complete.
  db.exec('PRAGMA analysis_limit = 1000; ANALYZE;');
  const insertMs = performance.now() - started;
  const sample = db
    .prepare('SELECT mac, serial, company FROM servers WHERE rowid = ?')
    .get(Math.ceil(options.servers / 3)) as ServerCache['sample'];
  return { db, insertMs, sample };
}
