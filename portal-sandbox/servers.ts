/**
 * The sandbox portal's Server Management Dashboard (Portal API v1.2): the inventory of known
 * serial numbers, each partner's servers and sites, their history, and the status rules of
 * core/domain/servers.ts enforced on every write. Each write changes the rows, the history and
 * the change log in one transaction (the caller's, under its Idempotency-Key).
 */
import { formatMac } from '../core/domain/mac';
import { registrationProblems, statusAfter, type ServerModel, type StatusRuling } from '../core/domain/servers';
import type {
  PortalFeatureKey,
  PortalServer,
  PortalServerHistoryEntry,
  PortalServerRegistration,
  SerialLookup,
} from '../core/portal-api/schemas';
import { PortalError } from './http-io';
import { activateServer, completeRma, resolvePartner } from './server-actions';
import {
  existingServer,
  type HistoryAction,
  type HistoryRow,
  insertServer,
  type KnownSerial,
  knownSerial,
  logServer,
  registrationColumns,
  type ServerRow,
  serverRow,
  toHistoryEntry,
  toPortalServer,
  updateServer,
} from './server-rows';
import type { IdempotencyRecord, SandboxStore } from './store';

/** The first Site/Server ID the portal gives; later ones count up from the highest. */
export const FIRST_SITE_ID = 10016;

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
    return serverRow(this.db, partnerId, mac);
  }

  server(partnerId: string, mac: string): PortalServer | null {
    const row = this.row(partnerId, mac);
    return row ? toPortalServer(row) : null;
  }

  knownSerial(serial: string): KnownSerial | null {
    return knownSerial(this.db, serial);
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
      if (existing) updateServer(this.db, row);
      else insertServer(this.db, row);
      const action: HistoryAction =
        mode === 'add'
          ? request.action === 'register'
            ? 'registered'
            : 'saved'
          : request.action === 'register' && current === 'saved'
            ? 'registered'
            : 'modified';
      const server = logServer(this.store, row, action, null, at);
      return { status: mode === 'add' ? 201 : 200, body: JSON.stringify({ server, created: mode === 'add' }) };
    });
  }

  /** `POST /servers/{mac}/visibility`. Setting the visibility it already has changes nothing. */
  setHidden(partnerId: string, key: string, requestHash: string, mac: string, hidden: boolean): IdempotencyRecord {
    return this.store.idempotent(partnerId, key, requestHash, () => {
      const row = existingServer(this.db, partnerId, mac);
      if ((row.hidden === 1) === hidden) return { status: 200, body: JSON.stringify({ server: toPortalServer(row) }) };
      const at = this.now().toISOString();
      const updated: ServerRow = { ...row, hidden: hidden ? 1 : 0, updated_at: at };
      updateServer(this.db, updated);
      const server = logServer(this.store, updated, hidden ? 'hidden' : 'unhidden', null, at);
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
      const row = existingServer(this.db, partnerId, mac);
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
      updateServer(this.db, updated);
      const server = logServer(
        this.store,
        updated,
        'rma_requested',
        `${request.reason} (replacement ${formatMac(request.replacementMac)})`,
        at,
      );
      return { status: 200, body: JSON.stringify({ server }) };
    });
  }

  // --- the portal's own actions (sandbox switches, ./server-actions) ------------------------------

  /** The partner whose server this is: the one named, or the only one that has it. */
  resolvePartner(mac: string, username: string | null): string {
    return resolvePartner(this.db, mac, username);
  }

  /** Activates a registered Connect server (what the real portal does once the server calls home). */
  activate(mac: string, username: string | null): { server: PortalServer; changed: boolean } {
    return activateServer(this.store, this.now, mac, username);
  }

  /** Completes a requested RMA (see completeRma in ./server-actions). */
  completeRma(mac: string, username: string | null): { server: PortalServer; replacement: PortalServer; movedKeys: PortalFeatureKey[] } {
    return completeRma(this.store, this.now, mac, username);
  }
}
