/** Servers as a seed writes them: straight into the tables, as the API would have left them. */
import type { ServerModel, ServerStatus } from '../core/domain/servers';
import type { PortalServerHistoryEntry, PortalServerRegistration } from '../core/portal-api/schemas';
import { type HistoryAction, registrationColumns, SERVER_COLUMNS, type ServerRow, toPortalServer } from './server-rows';
import type { SandboxStore } from './store';

/** A server as a seed writes it, with its history oldest first. */
export interface SeedServer {
  mac: string;
  serial: string;
  model: ServerModel;
  siteId: number;
  status: ServerStatus;
  hidden: boolean;
  registration: PortalServerRegistration;
  rma: { reason: string; replacementMac: string; requestedAt: string } | null;
  addedAt: string;
  history: { at: string; action: HistoryAction; status: ServerStatus; note?: string }[];
}

/**
 * Writes seed servers straight into the tables (inside the seed's transaction): their serials
 * into the inventory, their sites, the servers, their history and the change-log entries, as
 * the API would have left them.
 */
export function seedServers(store: SandboxStore, partnerId: string, servers: readonly SeedServer[], createdAt: string): void {
  const db = store.db;
  const serial = db.prepare('INSERT INTO known_serials (serial, model, mac) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const site = db.prepare('INSERT INTO sites (site_id, partner_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const server = db.prepare(`INSERT INTO servers (${SERVER_COLUMNS.join(', ')}) VALUES (${SERVER_COLUMNS.map(() => '?').join(', ')})`);
  const history = db.prepare(
    'INSERT INTO server_history (partner_id, mac, site_id, at, action, status, model, registration, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const change = db.prepare('INSERT INTO changes (partner_id, entity, entity_id, op, data) VALUES (?, ?, ?, ?, ?)');
  for (const seedServer of servers) {
    serial.run(seedServer.serial, seedServer.model, seedServer.mac);
    site.run(seedServer.siteId, partnerId, createdAt);
    const updatedAt = seedServer.history.at(-1)?.at ?? seedServer.addedAt;
    const row: ServerRow = {
      partner_id: partnerId,
      mac: seedServer.mac,
      serial: seedServer.serial,
      model: seedServer.model,
      site_id: seedServer.siteId,
      status: seedServer.status,
      hidden: seedServer.hidden ? 1 : 0,
      ...(registrationColumns(seedServer.registration) as Pick<ServerRow, 'system_name'>),
      rma_state: seedServer.rma ? 'requested' : null,
      rma_reason: seedServer.rma?.reason ?? null,
      rma_replacement_mac: seedServer.rma?.replacementMac ?? null,
      rma_requested_at: seedServer.rma?.requestedAt ?? null,
      rma_completed_at: null,
      added_at: seedServer.addedAt,
      updated_at: updatedAt,
    } as ServerRow;
    server.run(...SERVER_COLUMNS.map((column) => row[column]));
    change.run(partnerId, 'server', seedServer.mac, 'upsert', JSON.stringify(toPortalServer(row)));
    const registration = JSON.stringify(seedServer.registration);
    for (const entry of seedServer.history) {
      const note = entry.note ?? null;
      const { lastInsertRowid } = history.run(
        partnerId,
        seedServer.mac,
        seedServer.siteId,
        entry.at,
        entry.action,
        entry.status,
        seedServer.model,
        registration,
        note,
      );
      const data: PortalServerHistoryEntry = {
        id: String(lastInsertRowid),
        mac: seedServer.mac,
        siteId: String(seedServer.siteId),
        at: entry.at,
        action: entry.action,
        status: entry.status,
        model: seedServer.model,
        registration: seedServer.registration,
        note,
      };
      change.run(partnerId, 'serverHistory', data.id, 'upsert', JSON.stringify(data));
    }
  }
}

/** Serial numbers the portal knows that are on no dashboard yet (for Add / Register Server). */
export function seedKnownSerials(store: SandboxStore, serials: readonly { serial: string; model: ServerModel; mac: string }[]): void {
  const insert = store.db.prepare('INSERT INTO known_serials (serial, model, mac) VALUES (?, ?, ?)');
  for (const known of serials) insert.run(known.serial, known.model, known.mac);
}
