/**
 * The sandbox portal's Server Management Dashboard (Portal API v1.2): the inventory of known
 * serial numbers, each partner's servers and sites, their history, and the status rules of
 * core/domain/servers.ts enforced on every write. Each write changes the rows, the history and
 * the change log in one transaction (the caller's, under its Idempotency-Key).
 */
import { formatMac } from '../core/domain/mac';
import {
  REGISTRATION_FIELDS,
  SERVER_STATUS_LABELS,
  registrationProblems,
  statusAfter,
  type ServerModel,
  type ServerStatus,
  type StatusRuling,
} from '../core/domain/servers';
import type {
  PortalFeatureKey,
  PortalServer,
  PortalServerHistoryEntry,
  PortalServerRegistration,
  SerialLookup,
} from '../core/portal-api/schemas';
import { PortalError } from './http-io';
import type { IdempotencyRecord, SandboxStore } from './store';

/** The first Site/Server ID the portal gives; later ones count up from the highest. */
export const FIRST_SITE_ID = 10016;

type HistoryAction = PortalServerHistoryEntry['action'];

/** A write request as the routes pass it on: MAC, serial and site already in canonical form. */
export interface ServerWrite {
  serial: string;
  mac: string;
  model: ServerModel;
  /** null asks for a new site. */
  siteId: string | null;
  registration: PortalServerRegistration;
  action: 'save' | 'register';
}

interface ServerRow {
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

interface HistoryRow {
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

const SERVER_COLUMNS = [
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

function registrationOf(row: ServerRow): PortalServerRegistration {
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

function toHistoryEntry(row: HistoryRow): PortalServerHistoryEntry {
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

/** A refused status change as the portal's error. */
function refusal(ruling: Extract<StatusRuling, { ok: false }>, registration: PortalServerRegistration): PortalError {
  switch (ruling.reason) {
    case 'not_registrable':
      return new PortalError(422, 'not_registrable', ruling.message);
    case 'incomplete': {
      const problems = registrationProblems(registration);
      return new PortalError(
        422,
        'incomplete_registration',
        `The registration is not complete: ${problems.map((p) => p.message).join(' ')} Save it instead to finish later.`,
      );
    }
    case 'not_registered':
    case 'backwards':
      return new PortalError(409, 'invalid_state', ruling.message);
  }
}

/** The servers part of the sandbox, over the store's database and change log. */
export class SandboxServers {
  constructor(
    private readonly store: SandboxStore,
    private readonly now: () => Date,
  ) {}

  private get db() {
    return this.store.db;
  }

  // --- reads -----------------------------------------------------------------------------------

  private row(partnerId: string, mac: string): ServerRow | null {
    return (this.db.prepare('SELECT * FROM servers WHERE partner_id = ? AND mac = ?').get(partnerId, mac) as ServerRow | undefined) ?? null;
  }

  server(partnerId: string, mac: string): PortalServer | null {
    const row = this.row(partnerId, mac);
    return row ? toPortalServer(row) : null;
  }

  knownSerial(serial: string): { serial: string; model: ServerModel; mac: string } | null {
    return (
      (this.db.prepare('SELECT serial, model, mac FROM known_serials WHERE serial = ?').get(serial) as
        | { serial: string; model: ServerModel; mac: string }
        | undefined) ?? null
    );
  }

  private knownMac(mac: string): { serial: string; model: ServerModel; mac: string } | null {
    return (
      (this.db.prepare('SELECT serial, model, mac FROM known_serials WHERE mac = ?').get(mac) as
        | { serial: string; model: ServerModel; mac: string }
        | undefined) ?? null
    );
  }

  lookupSerial(partnerId: string, serial: string): SerialLookup | null {
    const known = this.knownSerial(serial);
    if (!known) return null;
    const onDashboard = this.db.prepare('SELECT 1 FROM servers WHERE partner_id = ? AND serial = ?').get(partnerId, serial) !== undefined;
    return { ...known, onDashboard };
  }

  /**
   * Known serial numbers (for tests and for trying the sandbox). `onDashboard` false: those on no
   * partner's dashboard and not promised to an open RMA as its replacement.
   */
  listSerials(onDashboard: boolean | null): (SerialLookup & { model: ServerModel })[] {
    const rows = this.db
      .prepare(
        `SELECT k.serial, k.model, k.mac,
           EXISTS (SELECT 1 FROM servers s WHERE s.mac = k.mac) AS on_dashboard,
           EXISTS (SELECT 1 FROM servers s WHERE s.rma_state = 'requested' AND s.rma_replacement_mac = k.mac) AS promised
         FROM known_serials k ORDER BY k.serial`,
      )
      .all() as { serial: string; model: ServerModel; mac: string; on_dashboard: 0 | 1; promised: 0 | 1 }[];
    return rows
      .filter((r) => onDashboard === null || (onDashboard ? r.on_dashboard === 1 : r.on_dashboard === 0 && r.promised === 0))
      .map((r) => ({ serial: r.serial, model: r.model, mac: r.mac, onDashboard: r.on_dashboard === 1 }));
  }

  history(partnerId: string, mac: string): PortalServerHistoryEntry[] {
    return (
      this.db.prepare('SELECT * FROM server_history WHERE partner_id = ? AND mac = ? ORDER BY id').all(partnerId, mac) as HistoryRow[]
    ).map(toHistoryEntry);
  }

  // --- writes (each inside the caller's transaction) --------------------------------------------

  private insertServer(row: ServerRow): void {
    this.db
      .prepare(`INSERT INTO servers (${SERVER_COLUMNS.join(', ')}) VALUES (${SERVER_COLUMNS.map(() => '?').join(', ')})`)
      .run(...SERVER_COLUMNS.map((column) => row[column]));
  }

  private updateServer(row: ServerRow): void {
    const columns = SERVER_COLUMNS.filter((c) => c !== 'partner_id' && c !== 'mac');
    this.db
      .prepare(`UPDATE servers SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE partner_id = ? AND mac = ?`)
      .run(...columns.map((column) => row[column]), row.partner_id, row.mac);
  }

  /** Records a history entry and logs the server and the entry in the change feed. */
  private logServer(row: ServerRow, action: HistoryAction, note: string | null, at: string): PortalServer {
    const server = toPortalServer(row);
    const { lastInsertRowid } = this.db
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
    this.store.appendChange(row.partner_id, 'server', row.mac, 'upsert', server);
    this.store.appendChange(row.partner_id, 'serverHistory', entry.id, 'upsert', entry);
    return server;
  }

  /** A new site for the partner, numbered after the highest any partner has. */
  private allocateSite(partnerId: string, at: string): number {
    const next = this.db.prepare('SELECT coalesce(max(site_id) + 1, ?) FROM sites').pluck().get(FIRST_SITE_ID) as number;
    this.db.prepare('INSERT INTO sites (site_id, partner_id, created_at) VALUES (?, ?, ?)').run(next, partnerId, at);
    return next;
  }

  private siteOf(partnerId: string, siteId: string | null, at: string): number {
    if (siteId === null) return this.allocateSite(partnerId, at);
    const id = Number(siteId);
    if (!this.db.prepare('SELECT 1 FROM sites WHERE site_id = ? AND partner_id = ?').get(id, partnerId)) {
      throw new PortalError(
        422,
        'unknown_site',
        `You have no Site/Server ID ${siteId}. Pick one of your sites, or leave it empty for a new site.`,
      );
    }
    return id;
  }

  /** The partner's sites, each with how many of their servers it holds. */
  sites(partnerId: string): { siteId: string; servers: number }[] {
    return (
      this.db
        .prepare(
          `SELECT t.site_id, (SELECT count(*) FROM servers s WHERE s.partner_id = t.partner_id AND s.site_id = t.site_id) AS servers
           FROM sites t WHERE t.partner_id = ? ORDER BY t.site_id`,
        )
        .all(partnerId) as { site_id: number; servers: number }[]
    ).map((r) => ({ siteId: String(r.site_id), servers: r.servers }));
  }

  /** The serial must be one the portal made, with this MAC and model. */
  private checkIdentity(request: ServerWrite): void {
    const known = this.knownSerial(request.serial);
    if (!known) {
      throw new PortalError(
        422,
        'unknown_serial',
        `No server with serial number ${request.serial} is known to the portal. Check the serial number on the server's label.`,
      );
    }
    if (known.mac !== request.mac) {
      throw new PortalError(
        422,
        'invalid_mac',
        `Serial number ${request.serial} belongs to the server with MAC ${formatMac(known.mac)}, not ${formatMac(request.mac)}.`,
      );
    }
    if (known.model !== request.model) {
      throw new PortalError(422, 'bad_request', `Serial number ${request.serial} is a ${known.model}, not a ${request.model}.`);
    }
  }

  /**
   * Add (`POST /servers`) or modify/complete (`PUT /servers/{mac}`) a server, saving or
   * registering it, under the request's Idempotency-Key.
   */
  write(partnerId: string, key: string, requestHash: string, mode: 'add' | 'modify', request: ServerWrite): IdempotencyRecord {
    return this.store.idempotent(partnerId, key, requestHash, () => {
      this.checkIdentity(request);
      const at = this.now().toISOString();
      const existing = this.row(partnerId, request.mac);
      if (mode === 'add') {
        const clash =
          existing ??
          (this.db.prepare('SELECT * FROM servers WHERE partner_id = ? AND serial = ?').get(partnerId, request.serial) as
            | ServerRow
            | undefined);
        if (clash) {
          throw new PortalError(
            409,
            'duplicate_server',
            `The server ${formatMac(clash.mac)} (serial ${clash.serial}) is already on your dashboard${clash.hidden ? ', hidden' : ''}. Modify it instead.`,
          );
        }
      } else if (!existing) {
        throw new PortalError(404, 'not_found', `There is no server ${formatMac(request.mac)} on your dashboard. Add it first.`);
      }
      const complete = registrationProblems(request.registration).length === 0;
      const current = existing?.status ?? null;
      const ruling = statusAfter(request.model, current, { kind: request.action, complete });
      if (!ruling.ok) throw refusal(ruling, request.registration);
      const siteId = this.siteOf(partnerId, request.siteId, at);

      const row: ServerRow = {
        ...(existing ?? {
          partner_id: partnerId,
          mac: request.mac,
          hidden: 0,
          rma_state: null,
          rma_reason: null,
          rma_replacement_mac: null,
          rma_requested_at: null,
          rma_completed_at: null,
          added_at: at,
        }),
        serial: request.serial,
        model: request.model,
        site_id: siteId,
        status: ruling.status,
        ...registrationColumns(request.registration),
        updated_at: at,
      } as ServerRow;
      // The server's system, so its keys and the systems list agree with the dashboard.
      this.store.saveSystem(partnerId, request.mac, {
        serial: request.serial,
        name: request.registration.systemName ?? undefined,
        customer: request.registration.company ?? undefined,
      });
      if (existing) this.updateServer(row);
      else this.insertServer(row);
      const action: HistoryAction =
        mode === 'add'
          ? request.action === 'register'
            ? 'registered'
            : 'saved'
          : request.action === 'register' && current === 'saved'
            ? 'registered'
            : 'modified';
      const server = this.logServer(row, action, null, at);
      return { status: mode === 'add' ? 201 : 200, body: JSON.stringify({ server, created: mode === 'add' }) };
    });
  }

  private existing(partnerId: string, mac: string): ServerRow {
    const row = this.row(partnerId, mac);
    if (!row) throw new PortalError(404, 'not_found', `There is no server ${formatMac(mac)} on your dashboard.`);
    return row;
  }

  /** `POST /servers/{mac}/visibility`. Setting the visibility it already has changes nothing. */
  setHidden(partnerId: string, key: string, requestHash: string, mac: string, hidden: boolean): IdempotencyRecord {
    return this.store.idempotent(partnerId, key, requestHash, () => {
      const row = this.existing(partnerId, mac);
      if ((row.hidden === 1) === hidden) return { status: 200, body: JSON.stringify({ server: toPortalServer(row) }) };
      const at = this.now().toISOString();
      const updated: ServerRow = { ...row, hidden: hidden ? 1 : 0, updated_at: at };
      this.updateServer(updated);
      const server = this.logServer(updated, hidden ? 'hidden' : 'unhidden', null, at);
      return { status: 200, body: JSON.stringify({ server }) };
    });
  }

  /** `POST /servers/{mac}/rma`: the server is marked under RMA until the portal completes it. */
  requestRma(
    partnerId: string,
    key: string,
    requestHash: string,
    mac: string,
    request: { reason: string; replacementMac: string },
  ): IdempotencyRecord {
    return this.store.idempotent(partnerId, key, requestHash, () => {
      const row = this.existing(partnerId, mac);
      if (row.rma_state === 'requested') {
        throw new PortalError(
          409,
          'invalid_state',
          `An RMA for ${formatMac(mac)} is already open (requested ${row.rma_requested_at}, replacement ${formatMac(row.rma_replacement_mac!)}).`,
        );
      }
      if (row.rma_state === 'completed') {
        throw new PortalError(
          409,
          'invalid_state',
          `${formatMac(mac)} was already replaced by ${formatMac(row.rma_replacement_mac!)} through an RMA.`,
        );
      }
      if (this.row(partnerId, request.replacementMac)) {
        throw new PortalError(
          409,
          'duplicate_server',
          `The replacement ${formatMac(request.replacementMac)} is already on your dashboard: a replacement must be a new server.`,
        );
      }
      const at = this.now().toISOString();
      const updated: ServerRow = {
        ...row,
        rma_state: 'requested',
        rma_reason: request.reason,
        rma_replacement_mac: request.replacementMac,
        rma_requested_at: at,
        rma_completed_at: null,
        updated_at: at,
      };
      this.updateServer(updated);
      const server = this.logServer(updated, 'rma_requested', `${request.reason} (replacement ${formatMac(request.replacementMac)})`, at);
      return { status: 200, body: JSON.stringify({ server }) };
    });
  }

  // --- the portal's own actions (sandbox switches) -------------------------------------------

  /** The partner whose server this is: the one named, or the only one that has it. */
  resolvePartner(mac: string, username: string | null): string {
    if (username !== null) {
      const id = this.db.prepare('SELECT id FROM partners WHERE username = ?').pluck().get(username) as string | undefined;
      if (!id) throw new PortalError(404, 'not_found', `There is no partner "${username}".`);
      return id;
    }
    const ids = this.db.prepare('SELECT partner_id FROM servers WHERE mac = ?').pluck().all(mac) as string[];
    if (ids.length === 0) throw new PortalError(404, 'not_found', `No partner has a server ${formatMac(mac)}.`);
    if (ids.length > 1)
      throw new PortalError(409, 'conflict', `Several partners have ${formatMac(mac)}: name one with ?partner=<user name>.`);
    return ids[0]!;
  }

  /** Activates a registered Connect server (what the real portal does once the server calls home). */
  activate(mac: string, username: string | null): { server: PortalServer; changed: boolean } {
    return this.db
      .transaction(() => {
        const row = this.existing(this.resolvePartner(mac, username), mac);
        const ruling = statusAfter(row.model, row.status, { kind: 'activate' });
        if (!ruling.ok) {
          throw ruling.reason === 'not_registrable'
            ? new PortalError(422, 'not_registrable', ruling.message)
            : new PortalError(409, 'invalid_state', `${ruling.message} ${formatMac(mac)} is ${SERVER_STATUS_LABELS[row.status]}.`);
        }
        if (row.status === ruling.status) return { server: toPortalServer(row), changed: false };
        const at = this.now().toISOString();
        const updated: ServerRow = { ...row, status: ruling.status, updated_at: at };
        this.updateServer(updated);
        return { server: this.logServer(updated, 'activated', null, at), changed: true };
      })
      .immediate();
  }

  /**
   * Completes a requested RMA: the replacement server joins the dashboard with the registration
   * and site of the one it replaces (status per the rules for a replacement), the feature keys
   * move to it (issued anew for its MAC), and the RMA is marked completed.
   */
  completeRma(mac: string, username: string | null): { server: PortalServer; replacement: PortalServer; movedKeys: PortalFeatureKey[] } {
    return this.db
      .transaction(() => {
        const partnerId = this.resolvePartner(mac, username);
        const row = this.existing(partnerId, mac);
        if (row.rma_state !== 'requested') {
          throw new PortalError(
            409,
            'invalid_state',
            row.rma_state === 'completed'
              ? `The RMA of ${formatMac(mac)} is already completed.`
              : `${formatMac(mac)} has no RMA to complete.`,
          );
        }
        const replacementMac = row.rma_replacement_mac!;
        if (this.row(partnerId, replacementMac)) {
          throw new PortalError(409, 'duplicate_server', `The replacement ${formatMac(replacementMac)} is already on the dashboard.`);
        }
        // The portal made the replacement: a MAC it did not know gets a serial of the same model.
        let known = this.knownMac(replacementMac);
        if (!known) {
          known = { serial: `RMA-${replacementMac}`, model: row.model, mac: replacementMac };
          this.db.prepare('INSERT INTO known_serials (serial, model, mac) VALUES (?, ?, ?)').run(known.serial, known.model, known.mac);
        }
        const at = this.now().toISOString();
        const registration = registrationOf(row);
        const ruling = statusAfter(known.model, null, {
          kind: 'rmaReplacement',
          complete: registrationProblems(registration).length === 0,
        });
        const status = ruling.ok ? ruling.status : 'saved';

        this.store.saveSystem(partnerId, replacementMac, {
          serial: known.serial,
          name: registration.systemName ?? undefined,
          customer: registration.company ?? undefined,
        });
        const movedKeys = this.store.moveFeatureKeys(partnerId, mac, replacementMac);

        const original: ServerRow = { ...row, rma_state: 'completed', rma_completed_at: at, updated_at: at };
        this.updateServer(original);
        const server = this.logServer(
          original,
          'rma_completed',
          `Replaced by ${formatMac(replacementMac)} (serial ${known.serial}); ${movedKeys.length} feature key${movedKeys.length === 1 ? '' : 's'} moved.`,
          at,
        );
        const replacementRow: ServerRow = {
          ...row,
          mac: replacementMac,
          serial: known.serial,
          model: known.model,
          status,
          hidden: 0,
          rma_state: null,
          rma_reason: null,
          rma_replacement_mac: null,
          rma_requested_at: null,
          rma_completed_at: null,
          added_at: at,
          updated_at: at,
        };
        this.insertServer(replacementRow);
        const replacement = this.logServer(
          replacementRow,
          'rma_completed',
          `Replaces ${formatMac(mac)} (serial ${row.serial}), RMA: ${row.rma_reason ?? ''}`,
          at,
        );
        return { server, replacement, movedKeys };
      })
      .immediate();
  }
}

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

function registrationColumns(registration: PortalServerRegistration): Partial<ServerRow> {
  const out: Partial<Record<keyof ServerRow, string | null>> = {};
  for (const field of REGISTRATION_FIELDS) out[REGISTRATION_COLUMNS[field]] = registration[field];
  return out as Partial<ServerRow>;
}
