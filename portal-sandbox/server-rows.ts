/**
 * The servers tables of the sandbox portal as rows: their columns, how a row becomes the API's
 * server and history entry, and the row reads and writes the dashboard and the portal's own
 * actions share (each inside the caller's transaction).
 */
import type { Db } from '../core/db/database';
import { formatMac } from '../core/domain/mac';
import { REGISTRATION_FIELDS, type ServerModel, type ServerStatus } from '../core/domain/servers';
import type { PortalServer, PortalServerHistoryEntry, PortalServerRegistration } from '../core/portal-api/schemas';
import { PortalError } from './http-io';
import type { SandboxStore } from './store';

export type HistoryAction = PortalServerHistoryEntry['action'];

/** A serial number the portal made, with its server's model and MAC. */
export interface KnownSerial {
  serial: string;
  model: ServerModel;
  mac: string;
}

export interface ServerRow {
  partner_id: string;
  mac: string;
  serial: string;
  model: ServerModel;
  site_id: number | null;
  status: ServerStatus;
  hidden: 0 | 1;
  system_name: string | null;
  company: string | null;
  street: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  rma_state: 'requested' | 'completed' | null;
  rma_reason: string | null;
  rma_replacement_mac: string | null;
  rma_requested_at: string | null;
  rma_completed_at: string | null;
  added_at: string;
  updated_at: string;
}

export interface HistoryRow {
  id: number;
  mac: string;
  site_id: number | null;
  at: string;
  action: HistoryAction;
  status: ServerStatus;
  model: ServerModel;
  registration: string;
  note: string | null;
}

/** Registration fields as columns, in REGISTRATION_FIELDS order. */
const REGISTRATION_COLUMNS: Record<keyof PortalServerRegistration, keyof ServerRow> = {
  systemName: 'system_name',
  company: 'company',
  street: 'street',
  city: 'city',
  region: 'region',
  postalCode: 'postal_code',
  country: 'country',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  contactEmail: 'contact_email',
};

export const SERVER_COLUMNS = [
  'partner_id',
  'mac',
  'serial',
  'model',
  'site_id',
  'status',
  'hidden',
  ...REGISTRATION_FIELDS.map((field) => REGISTRATION_COLUMNS[field]),
  'rma_state',
  'rma_reason',
  'rma_replacement_mac',
  'rma_requested_at',
  'rma_completed_at',
  'added_at',
  'updated_at',
] as const;

/** Empty text is no value: a registration field is either filled in or null. */
export function normalizeRegistration(registration: PortalServerRegistration): PortalServerRegistration {
  const out = {} as PortalServerRegistration;
  for (const field of REGISTRATION_FIELDS) {
    const value = registration[field]?.trim() ?? '';
    out[field] = value === '' ? null : value;
  }
  return out;
}

export function registrationOf(row: ServerRow): PortalServerRegistration {
  const out = {} as PortalServerRegistration;
  for (const field of REGISTRATION_FIELDS) out[field] = row[REGISTRATION_COLUMNS[field]] as string | null;
  return out;
}

export function toPortalServer(row: ServerRow): PortalServer {
  return {
    mac: row.mac,
    serial: row.serial,
    model: row.model,
    siteId: row.site_id === null ? null : String(row.site_id),
    status: row.status,
    hidden: row.hidden === 1,
    addedAt: row.added_at,
    updatedAt: row.updated_at,
    registration: registrationOf(row),
    rma:
      row.rma_state === null
        ? null
        : {
            reason: row.rma_reason ?? '',
            replacementMac: row.rma_replacement_mac!,
            state: row.rma_state,
            requestedAt: row.rma_requested_at!,
            completedAt: row.rma_completed_at,
          },
  };
}

export function toHistoryEntry(row: HistoryRow): PortalServerHistoryEntry {
  return {
    id: String(row.id),
    mac: row.mac,
    siteId: row.site_id === null ? null : String(row.site_id),
    at: row.at,
    action: row.action,
    status: row.status,
    model: row.model,
    registration: JSON.parse(row.registration) as PortalServerRegistration,
    note: row.note,
  };
}

export function registrationColumns(registration: PortalServerRegistration): Partial<ServerRow> {
  const out: Partial<Record<keyof ServerRow, string | null>> = {};
  for (const field of REGISTRATION_FIELDS) out[REGISTRATION_COLUMNS[field]] = registration[field];
  return out as Partial<ServerRow>;
}

export function serverRow(db: Db, partnerId: string, mac: string): ServerRow | null {
  return (db.prepare('SELECT * FROM servers WHERE partner_id = ? AND mac = ?').get(partnerId, mac) as ServerRow | undefined) ?? null;
}

/** The partner's server, or 404. */
export function existingServer(db: Db, partnerId: string, mac: string): ServerRow {
  const row = serverRow(db, partnerId, mac);
  if (!row) throw new PortalError(404, 'not_found', `There is no server ${formatMac(mac)} on your dashboard.`);
  return row;
}

export function knownSerial(db: Db, serial: string): KnownSerial | null {
  return (db.prepare('SELECT serial, model, mac FROM known_serials WHERE serial = ?').get(serial) as KnownSerial | undefined) ?? null;
}

export function knownMac(db: Db, mac: string): KnownSerial | null {
  return (db.prepare('SELECT serial, model, mac FROM known_serials WHERE mac = ?').get(mac) as KnownSerial | undefined) ?? null;
}

export function insertServer(db: Db, row: ServerRow): void {
  db.prepare(`INSERT INTO servers (${SERVER_COLUMNS.join(', ')}) VALUES (${SERVER_COLUMNS.map(() => '?').join(', ')})`).run(
    ...SERVER_COLUMNS.map((column) => row[column]),
  );
}

export function updateServer(db: Db, row: ServerRow): void {
  const columns = SERVER_COLUMNS.filter((c) => c !== 'partner_id' && c !== 'mac');
  db.prepare(`UPDATE servers SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE partner_id = ? AND mac = ?`).run(
    ...columns.map((column) => row[column]),
    row.partner_id,
    row.mac,
  );
}

/** Records a history entry and logs the server and the entry in the change feed. */
export function logServer(store: SandboxStore, row: ServerRow, action: HistoryAction, note: string | null, at: string): PortalServer {
  const server = toPortalServer(row);
  const { lastInsertRowid } = store.db
    .prepare(
      'INSERT INTO server_history (partner_id, mac, site_id, at, action, status, model, registration, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(row.partner_id, row.mac, row.site_id, at, action, row.status, row.model, JSON.stringify(server.registration), note);
  const entry: PortalServerHistoryEntry = {
    id: String(lastInsertRowid),
    mac: row.mac,
    siteId: server.siteId,
    at,
    action,
    status: row.status,
    model: row.model,
    registration: server.registration,
    note,
  };
  store.appendChange(row.partner_id, 'server', row.mac, 'upsert', server);
  store.appendChange(row.partner_id, 'serverHistory', entry.id, 'upsert', entry);
  return server;
}
