/** The seeds' servers (v1.2): the demo dashboard, and the servers of a numbered (bulk) seed. */
import { formatMac, VENDOR_PREFIX } from '../core/domain/mac';
import { CONNECT_MODELS, SERVER_MODELS, type ServerModel, type ServerStatus } from '../core/domain/servers';
import type { PortalServerRegistration } from '../core/portal-api/schemas';
import { DAY, DEMO_RANDOM_SEED, demoSystems, numberedMac } from './seed-data';
import { seededRandom as random } from './seeded-random';
import type { SeedServer } from './server-seed';
import { FIRST_SITE_ID } from './servers';

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

export function demoServerSpecs(now: Date): SeedServer[] {
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

export const NUMBERED_SYSTEMS_PER_SERVER = 10;

/** One server per ten systems (on the first of each ten), every model in turn, three to a site. */
export function numberedServers(systemCount: number, start: number): SeedServer[] {
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
