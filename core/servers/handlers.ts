/**
 * The Server Management Dashboard's handlers: reads answer from the cache (offline, without
 * signing in); the serial look-up asks the portal only for a serial the cache does not know;
 * changes go through the outbox (server-changes.ts).
 */
import type { Handlers } from '../api/contract';
import { invalidArgument } from '../rpc/errors';
import type { Db } from '../db/database';
import { formatMac, parseMac } from '../domain/mac';
import { emptyRegistration, parseSerial, parseSiteId, REGISTRATION_FIELDS, type RegistrationFields } from '../domain/servers';
import { serversExportFileName } from '../export/file-names';
import { writeServersWorkbook } from '../export/servers-workbook';
import { localUtcOffset, type UtcOffset, wallClock, wallClockDay, XLSX_MIME_TYPE } from '../export/workbook';
import type { PortalServerRegistration } from '../portal-api/schemas';
import type { PortalClient } from '../portal/client';
import { isPortalError } from '../portal/errors';
import type { ServerOperation } from '../sync/contract';
import type { SyncEngine } from '../sync/engine';
import type { OutboxStore } from '../sync/outbox';
import { prepareServerWrites } from '../sync/server-writes';
import type { ServerDetails, ServerFilter, ServerHistoryRecord, SerialLookupResult, SiteSummary } from './contract';
import { createServerChanges } from './server-changes';
import { ServerQuery } from './server-query';

type ServersHandlers = Pick<
  Handlers,
  | 'servers.list'
  | 'servers.get'
  | 'servers.lookupSerial'
  | 'servers.sites'
  | 'servers.save'
  | 'servers.setHidden'
  | 'servers.initiateRma'
  | 'servers.history'
  | 'servers.siteHistory'
  | 'servers.export'
>;

export interface ServersHandlerDeps {
  db: Db;
  outbox: OutboxStore;
  sync: Pick<SyncEngine, 'pushNow' | 'syncNow' | 'getState'>;
  now: () => Date;
  portalUrl: () => string | null;
  client: (portalUrl: string) => PortalClient;
  hasToken: (portalUrl: string) => Promise<boolean>;
  /** Minutes to add to UTC for the wall-clock times in files (default: this computer's zone). */
  utcOffset?: UtcOffset;
}

interface HistoryDbRow {
  id: string;
  mac: string;
  site_id: string | null;
  at: string;
  action: ServerHistoryRecord['action'];
  status: ServerHistoryRecord['status'];
  model: ServerHistoryRecord['model'];
  registration: string;
  note: string | null;
}

export function createServersHandlers(deps: ServersHandlerDeps): ServersHandlers {
  const { db } = deps;
  const query = new ServerQuery(db, deps.outbox);
  const writes = prepareServerWrites(db);
  const changes = createServerChanges({ ...deps, query });
  const utcOffset = deps.utcOffset ?? localUtcOffset;
  const statements = {
    keyCount: db.prepare<[string], number>('SELECT count(*) FROM feature_keys WHERE mac = ?').pluck(),
    bySerial: db.prepare<[string], { mac: string; model: ServerDetails['model']; serial: string }>(
      'SELECT mac, model, serial FROM servers WHERE serial = ? LIMIT 1',
    ),
    history: db.prepare<[string], HistoryDbRow>('SELECT * FROM server_history WHERE mac = ? ORDER BY at DESC, id DESC'),
    siteHistory: db.prepare<[string], HistoryDbRow>('SELECT * FROM server_history WHERE site_id = ? ORDER BY at DESC, id DESC'),
    siteServers: db.prepare<[string], string>('SELECT mac FROM servers WHERE site_id = ? ORDER BY mac').pluck(),
    // Every site with its servers and the company most of them are registered to.
    sites: db.prepare<[{ like: string; limit: number }], SiteSummary & { matches: number }>(
      `WITH per AS (SELECT site_id, company, count(*) AS n FROM servers WHERE site_id IS NOT NULL GROUP BY site_id, company),
            site AS (SELECT site_id, sum(n) AS servers,
                       (SELECT company FROM per p2 WHERE p2.site_id = p.site_id ORDER BY p2.company IS NULL, p2.n DESC, p2.company LIMIT 1) AS company
                     FROM per p GROUP BY site_id)
       SELECT site_id AS siteId, company, servers,
              (@like <> '%%' AND (site_id LIKE @like ESCAPE '\\' OR company LIKE @like ESCAPE '\\')) AS matches
       FROM site
       ORDER BY matches DESC, CAST(site_id AS INTEGER), site_id LIMIT @limit`,
    ),
  };

  const requireMac = (method: string, mac: string) => {
    const parsed = parseMac(mac);
    if (!parsed.ok) throw invalidArgument(method, 'mac', parsed);
    return parsed;
  };

  /** Queued (or refused, not yet dismissed) changes to these servers, as history records. */
  const queuedRecords = (macs: string[]): ServerHistoryRecord[] => {
    const records: ServerHistoryRecord[] = [];
    for (const operation of deps.outbox.openServerOperations(macs)) {
      const server = writes.read(operation.request.mac);
      if (!server) continue;
      records.push(queuedRecord(operation, server.siteId, server.status, server.model, server.registration));
    }
    return records;
  };

  return {
    'servers.list': ({ filter, after, limit }) => query.page(filter, after, limit),

    'servers.get': ({ mac }): ServerDetails | null => {
      const parsed = requireMac('servers.get', mac);
      const server = writes.read(parsed.mac);
      if (!server) return null;
      const [row] = query.withPending([server]);
      const keyCount = statements.keyCount.get(parsed.mac) ?? 0;
      return {
        ...row!,
        registration: registrationFields(server.registration),
        keyCount,
        keysToMove: server.rma?.state === 'requested' ? keyCount : 0,
      };
    },

    'servers.lookupSerial': async ({ serial }): Promise<SerialLookupResult> => {
      const parsed = parseSerial(serial);
      if (!parsed.ok) throw invalidArgument('servers.lookupSerial', 'serial', parsed);
      const cached = statements.bySerial.get(parsed.serial);
      if (cached)
        return { status: 'known', serial: parsed.serial, model: cached.model, mac: cached.mac, source: 'cache', onDashboard: true };
      const portalUrl = deps.portalUrl();
      if (!portalUrl || !(await deps.hasToken(portalUrl))) {
        return {
          status: 'unchecked',
          serial: parsed.serial,
          message: 'Not checked: sign in to the portal to look serial numbers up. Choose the model and enter the MAC.',
        };
      }
      try {
        const found = await deps.client(portalUrl).lookupSerial(parsed.serial);
        return {
          status: 'known',
          serial: found.serial,
          model: found.model,
          mac: found.mac,
          source: 'portal',
          onDashboard: found.onDashboard,
        };
      } catch (err) {
        if (isPortalError(err) && err.kind === 'rejected' && (err.code === 'unknown_serial' || err.code === 'not_found')) {
          return { status: 'unknown', serial: parsed.serial, message: err.message };
        }
        const reason =
          isPortalError(err) && err.kind !== 'offline' && err.kind !== 'timeout' ? err.message : 'the portal cannot be reached.';
        return {
          status: 'unchecked',
          serial: parsed.serial,
          message: `Not checked: ${reason} Choose the model and enter the MAC.`,
        };
      }
    },

    'servers.sites': ({ query: text, limit }) => {
      const trimmed = text.trim();
      const like = `%${trimmed.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      const sites = statements.sites.all({ like, limit }).map(({ siteId, company, servers }) => ({ siteId, company, servers }));
      return { sites };
    },

    'servers.save': ({ form, action, mode }) => changes.save(form, action, mode),
    'servers.setHidden': ({ mac, hidden }) => changes.setHidden(mac, hidden),
    'servers.initiateRma': ({ mac, reason, replacementMac }) => changes.initiateRma(mac, reason, replacementMac),

    'servers.history': ({ mac }) => {
      const parsed = requireMac('servers.history', mac);
      const records = [...queuedRecords([parsed.mac]), ...statements.history.all(parsed.mac).map(historyRecord)];
      return { records: newestFirst(records) };
    },

    'servers.siteHistory': ({ siteId }) => {
      const parsed = parseSiteId(siteId);
      if (!parsed.ok) throw invalidArgument('servers.siteHistory', 'siteId', parsed);
      const macs = statements.siteServers.all(parsed.siteId);
      const servers = query.withPending(macs.map((mac) => writes.read(mac)!).filter(Boolean));
      const records = [...queuedRecords(macs), ...statements.siteHistory.all(parsed.siteId).map(historyRecord)];
      return { records: newestFirst(records), servers };
    },

    'servers.export': async ({ filter }) => {
      const now = deps.now();
      const { bytes } = await writeServersWorkbook(query.iterate(filter, 2000), {
        title: 'FieldKey servers',
        subject: describeFilter(filter),
        now,
        utcOffset,
        // Other calls are answered between chunks.
        onChunk: () => new Promise<void>((resolve) => setImmediate(resolve)),
      });
      return {
        fileName: serversExportFileName(filter, wallClockDay(wallClock(now, utcOffset)), utcOffset),
        mimeType: XLSX_MIME_TYPE,
        base64: bytes.toString('base64'),
      };
    },
  };
}

function registrationFields(registration: PortalServerRegistration): RegistrationFields {
  const fields = emptyRegistration();
  for (const field of REGISTRATION_FIELDS) fields[field] = registration[field] ?? '';
  return fields;
}

function historyRecord(row: HistoryDbRow): ServerHistoryRecord {
  return {
    id: row.id,
    mac: row.mac,
    siteId: row.site_id,
    at: row.at,
    action: row.action,
    status: row.status,
    model: row.model,
    registration: registrationFields(JSON.parse(row.registration) as PortalServerRegistration),
    note: row.note,
    source: 'portal',
  };
}

function queuedRecord(
  operation: ServerOperation,
  siteId: string | null,
  status: ServerHistoryRecord['status'],
  model: ServerHistoryRecord['model'],
  registration: PortalServerRegistration,
): ServerHistoryRecord {
  const request = operation.request;
  const waiting =
    operation.status === 'needs_attention' ? `Refused by the portal: ${operation.lastError ?? ''}`.trim() : 'Waiting to be sent.';
  const base = {
    id: `queued-${operation.id}`,
    mac: request.mac,
    siteId,
    at: operation.createdAt,
    status,
    model,
    source: 'queued' as const,
  };
  switch (request.action) {
    case 'save':
    case 'register':
      return {
        ...base,
        siteId: request.siteId ?? siteId,
        model: request.model,
        action: request.action === 'register' ? 'registered' : request.mode === 'add' ? 'saved' : 'modified',
        registration: registrationFields(request.registration),
        note: waiting,
      };
    case 'hide':
    case 'unhide':
      return {
        ...base,
        action: request.action === 'hide' ? 'hidden' : 'unhidden',
        registration: registrationFields(registration),
        note: waiting,
      };
    case 'rma':
      return {
        ...base,
        action: 'rma_requested',
        registration: registrationFields(registration),
        note: `RMA: ${request.reason} (replacement ${formatMac(request.replacementMac)}). ${waiting}`,
      };
  }
}

function newestFirst(records: ServerHistoryRecord[]): ServerHistoryRecord[] {
  return records.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The filter in words, for the workbook's subject. */
function describeFilter(filter: ServerFilter): string {
  const parts = [filter.hidden ? 'Hidden servers' : 'Servers'];
  if (filter.model) parts.push(`model ${filter.model}`);
  if (filter.status) parts.push(`status ${filter.status}`);
  if (filter.contains) parts.push(`where ${filter.by === 'all' ? 'any field' : filter.by} contains "${filter.contains}"`);
  if (filter.from) parts.push(`added from ${filter.from}`);
  if (filter.to) parts.push(`up to ${filter.to}`);
  parts.push(`sorted by ${filter.sort} ${filter.direction === 'asc' ? 'ascending' : 'descending'}`);
  return parts.join(', ');
}
