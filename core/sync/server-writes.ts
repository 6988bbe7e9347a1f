/**
 * How the `servers` cache is written, shared by the pull (the portal's changes), the outbox
 * (changes made here, the portal's answers, dismissals) and nothing else.
 *
 * The rule: a server's row is the portal's own version of it with the open outbox operations for
 * its MAC applied on top, oldest first. While a server has open operations, the portal's version
 * is kept aside in `server_base` (null when the portal has never had it: a server added here), so
 * - a pull that brings the server while a change to it is queued or refused updates the base and
 *   the queued change stays visible on top;
 * - the portal's answer to an operation becomes the base, and the operations still open after it
 *   are applied again;
 * - dismissing a refused operation rebuilds the row without it: a refused add leaves nothing
 *   (the server was never on the portal), a refused modify, hide or RMA leaves the portal's version.
 * Once no operation is open the base row goes and the row is the portal's version alone.
 */
import type { Db } from '../db/database';
import { registrationProblems, statusAfter, type ServerModel, type ServerStatus } from '../domain/servers';
import { toUtcIso } from '../domain/utc-time';
import type { PortalServer, PortalServerRegistration } from '../portal-api/schemas';
import type { ServerRequestSummary } from './contract';

/** A server as the cache holds it: the portal's shape, and whether the portal has confirmed it. */
export interface CachedServer extends PortalServer {
  origin: 'portal' | 'local';
}

/** The `servers` columns, as read. */
export interface ServerDbRow {
  rowid: number;
  mac: string;
  serial: string;
  model: ServerModel;
  site_id: string | null;
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
  origin: 'portal' | 'local';
}

export function registrationOfRow(row: ServerDbRow): PortalServerRegistration {
  return {
    systemName: row.system_name,
    company: row.company,
    street: row.street,
    city: row.city,
    region: row.region,
    postalCode: row.postal_code,
    country: row.country,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
  };
}

export function cachedServerOfRow(row: ServerDbRow): CachedServer {
  return {
    mac: row.mac,
    serial: row.serial,
    model: row.model,
    siteId: row.site_id,
    status: row.status,
    hidden: row.hidden === 1,
    addedAt: row.added_at,
    updatedAt: row.updated_at,
    registration: registrationOfRow(row),
    rma:
      row.rma_state && row.rma_replacement_mac && row.rma_requested_at
        ? {
            state: row.rma_state,
            reason: row.rma_reason ?? '',
            replacementMac: row.rma_replacement_mac,
            requestedAt: row.rma_requested_at,
            completedAt: row.rma_completed_at,
          }
        : null,
    origin: row.origin,
  };
}

const utc = (value: string, fallback: string) => toUtcIso(value) ?? fallback;

/**
 * What an operation makes of a server (null: not on the dashboard), as the cache shows it until
 * the portal answers. `at` is when the operation was queued. The status follows `statusAfter`.
 */
export function applyServerOperation(server: CachedServer | null, request: ServerRequestSummary, at: string): CachedServer | null {
  switch (request.action) {
    case 'save':
    case 'register': {
      const current = server?.status ?? null;
      const complete = registrationProblems(request.registration).length === 0;
      const ruling = statusAfter(request.model, current, { kind: request.action, complete });
      return {
        mac: request.mac,
        serial: request.serial,
        model: request.model,
        siteId: request.siteId ?? server?.siteId ?? null,
        status: ruling.ok ? ruling.status : (current ?? 'saved'),
        hidden: server?.hidden ?? false,
        addedAt: server?.addedAt ?? at,
        updatedAt: at,
        registration: request.registration,
        rma: server?.rma ?? null,
        origin: server?.origin ?? 'local',
      };
    }
    case 'hide':
    case 'unhide':
      return server ? { ...server, hidden: request.action === 'hide', updatedAt: at } : null;
    case 'rma':
      return server
        ? {
            ...server,
            rma: { state: 'requested', reason: request.reason, replacementMac: request.replacementMac, requestedAt: at, completedAt: null },
            updatedAt: at,
          }
        : null;
  }
}

export type ServerWrites = ReturnType<typeof prepareServerWrites>;

/** Statements and steps that write `servers`; build once per database. Call inside a transaction. */
export function prepareServerWrites(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO servers (mac, serial, model, site_id, status, hidden, system_name, company, street, city, region, postal_code,
       country, contact_name, contact_phone, contact_email, rma_state, rma_reason, rma_replacement_mac, rma_requested_at,
       rma_completed_at, added_at, updated_at, origin)
     VALUES (@mac, @serial, @model, @siteId, @status, @hidden, @systemName, @company, @street, @city, @region, @postalCode,
       @country, @contactName, @contactPhone, @contactEmail, @rmaState, @rmaReason, @rmaReplacementMac, @rmaRequestedAt,
       @rmaCompletedAt, @addedAt, @updatedAt, @origin)
     ON CONFLICT (mac) DO UPDATE SET serial = excluded.serial, model = excluded.model, site_id = excluded.site_id,
       status = excluded.status, hidden = excluded.hidden, system_name = excluded.system_name, company = excluded.company,
       street = excluded.street, city = excluded.city, region = excluded.region, postal_code = excluded.postal_code,
       country = excluded.country, contact_name = excluded.contact_name, contact_phone = excluded.contact_phone,
       contact_email = excluded.contact_email, rma_state = excluded.rma_state, rma_reason = excluded.rma_reason,
       rma_replacement_mac = excluded.rma_replacement_mac, rma_requested_at = excluded.rma_requested_at,
       rma_completed_at = excluded.rma_completed_at, added_at = excluded.added_at, updated_at = excluded.updated_at,
       origin = excluded.origin`,
  );
  const deleteRow = db.prepare<[string]>('DELETE FROM servers WHERE mac = ?');
  const readRow = db.prepare<[string], ServerDbRow>('SELECT rowid, * FROM servers WHERE mac = ?');
  const baseOf = db.prepare<[string], { server: string | null }>('SELECT server FROM server_base WHERE mac = ?');
  const setBase = db.prepare<[string, string | null]>(
    'INSERT INTO server_base (mac, server) VALUES (?, ?) ON CONFLICT (mac) DO UPDATE SET server = excluded.server',
  );
  const deleteBase = db.prepare<[string]>('DELETE FROM server_base WHERE mac = ?');
  const openOperations = db.prepare<[string], { payload: string; created_at: string }>(
    `SELECT o.payload, o.created_at FROM outbox_servers os JOIN outbox o ON o.id = os.outbox_id WHERE os.mac = ? ORDER BY o.id`,
  );
  const overlaidMacs = db.prepare<[], string>('SELECT mac FROM server_base').pluck();

  const write = (server: CachedServer) => {
    const r = server.registration;
    upsert.run({
      mac: server.mac,
      serial: server.serial,
      model: server.model,
      siteId: server.siteId,
      status: server.status,
      hidden: server.hidden ? 1 : 0,
      systemName: r.systemName,
      company: r.company,
      street: r.street,
      city: r.city,
      region: r.region,
      postalCode: r.postalCode,
      country: r.country,
      contactName: r.contactName,
      contactPhone: r.contactPhone,
      contactEmail: r.contactEmail,
      rmaState: server.rma?.state ?? null,
      rmaReason: server.rma?.reason ?? null,
      rmaReplacementMac: server.rma?.replacementMac ?? null,
      rmaRequestedAt: server.rma ? utc(server.rma.requestedAt, server.rma.requestedAt) : null,
      rmaCompletedAt: server.rma?.completedAt ? utc(server.rma.completedAt, server.rma.completedAt) : null,
      addedAt: utc(server.addedAt, server.addedAt),
      updatedAt: utc(server.updatedAt, server.updatedAt),
      origin: server.origin,
    });
  };

  /** The row from the base (or nothing) with every open operation applied; the base goes once none is open. */
  const rebuild = (mac: string) => {
    const base = baseOf.get(mac);
    if (!base) return;
    let server: CachedServer | null = base.server === null ? null : { ...(JSON.parse(base.server) as PortalServer), origin: 'portal' };
    const operations = openOperations.all(mac);
    for (const operation of operations) {
      server = applyServerOperation(server, JSON.parse(operation.payload) as ServerRequestSummary, operation.created_at);
    }
    if (server) write(server);
    else deleteRow.run(mac);
    if (operations.length === 0) deleteBase.run(mac);
  };

  const portalVersion = (server: PortalServer): PortalServer => ({
    mac: server.mac,
    serial: server.serial,
    model: server.model,
    siteId: server.siteId,
    status: server.status,
    hidden: server.hidden,
    addedAt: server.addedAt,
    updatedAt: server.updatedAt,
    registration: server.registration,
    rma: server.rma,
  });

  return {
    /** The portal's version of a server (a pull, an answer): the row, or the base under open changes. */
    writePortal(server: PortalServer): void {
      if (baseOf.get(server.mac)) {
        setBase.run(server.mac, JSON.stringify(portalVersion(server)));
        rebuild(server.mac);
      } else {
        write({ ...portalVersion(server), origin: 'portal' });
      }
    },
    /** The portal no longer has the server. */
    deletePortal(mac: string): void {
      if (baseOf.get(mac)) {
        setBase.run(mac, null);
        rebuild(mac);
      } else {
        deleteRow.run(mac);
      }
    },
    /** Before the first open operation on a server: keep the portal's version aside. */
    keepBase(mac: string): void {
      if (baseOf.get(mac)) return;
      const row = readRow.get(mac);
      const server = row && row.origin === 'portal' ? portalVersion(cachedServerOfRow(row)) : null;
      setBase.run(mac, server === null ? null : JSON.stringify(server));
    },
    rebuild,
    /** A full resync: every server goes; those with open changes come back as the changes alone until the portal sends them again. */
    clearAll(): void {
      db.exec('DELETE FROM servers; UPDATE server_base SET server = NULL;');
      for (const mac of overlaidMacs.all()) rebuild(mac);
    },
    read(mac: string): CachedServer | null {
      const row = readRow.get(mac);
      return row ? cachedServerOfRow(row) : null;
    },
  };
}
