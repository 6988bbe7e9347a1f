/** The sandbox seed's fixed data: SKUs, distributors, the demo's customers and systems, code and MAC makers. */
import { formatAuthCode } from '../core/domain/auth-code';
import { VENDOR_PREFIX } from '../core/domain/mac';

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

export const DISTRIBUTORS = ['Northwind Telecom Supply', 'Contoso Distribution', 'Fabrikam Comms', 'Tailspin Networks'];

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

export const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomChars(next: () => number, length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

/**
 * A code unique by construction and in ascending order (the first group grows with the index,
 * spread over the whole range), so a bulk seed appends to the primary-key B-trees instead of
 * rewriting pages all over them; the other 18 characters are random.
 */
export function numberedCode(next: () => number, index: number, count: number): string {
  const prefix = Math.floor((index * (36 ** 6 - 1)) / Math.max(count, 1));
  return formatAuthCode(prefix.toString(36).toUpperCase().padStart(6, '0') + randomChars(next, 18, CODE_ALPHABET));
}

export function numberedMac(index: number): string {
  return VENDOR_PREFIX + index.toString(16).toUpperCase().padStart(6, '0');
}

export const DAY = 24 * 60 * 60 * 1000;

export const DEMO_RANDOM_SEED = 20261123;

/** The demo's systems, the first thing drawn from its random sequence. */
export function demoSystems(next: () => number) {
  return Array.from({ length: DEMO_COUNTS.systems }, (_, i) => ({
    mac: VENDOR_PREFIX + randomChars(next, 6, '0123456789ABCDEF'),
    serial: `SN${String(410000 + i * 37)}`,
    name: `${CUSTOMERS[i % CUSTOMERS.length]!.split(' ')[0]} ${SYSTEM_NAMES[i % SYSTEM_NAMES.length]}`,
    customer: CUSTOMERS[i % CUSTOMERS.length]!,
  }));
}
