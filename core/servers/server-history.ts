/**
 * A server's or a site's history: the portal's records from the cache, with the changes still
 * queued (or refused, not yet dismissed) in the outbox, newest first.
 */
import type { Db } from '../db/database';
import { formatMac } from '../domain/mac';
import { say } from '../messages/say';
import { emptyRegistration, REGISTRATION_FIELDS, type RegistrationFields } from '../domain/servers';
import type { PortalServerRegistration } from '../portal-api/schemas';
import type { ServerOperation } from '../sync/contract';
import type { OutboxStore } from '../sync/outbox';
import type { CachedServer, ServerWrites } from '../sync/server-writes';
import type { ServerHistoryRecord, ServerRow } from './contract';

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

export class ServerHistory {
  private readonly statements;

  constructor(
    db: Db,
    private readonly outbox: OutboxStore,
    private readonly writes: ServerWrites,
  ) {
    this.statements = {
      history: db.prepare<[string], HistoryDbRow>('SELECT * FROM server_history WHERE mac = ? ORDER BY at DESC, id DESC'),
      siteHistory: db.prepare<[string], HistoryDbRow>('SELECT * FROM server_history WHERE site_id = ? ORDER BY at DESC, id DESC'),
      siteServers: db.prepare<[string], string>('SELECT mac FROM servers WHERE site_id = ? ORDER BY mac').pluck(),
    };
  }

  /** The server's history (`mac` compact). */
  ofServer(mac: string): ServerHistoryRecord[] {
    return newestFirst([...this.queuedRecords([mac]), ...this.statements.history.all(mac).map(historyRecord)]);
  }

  /** The site's history, and its servers' rows as `withPending` makes them. */
  ofSite(siteId: string, withPending: (servers: CachedServer[]) => ServerRow[]): { records: ServerHistoryRecord[]; servers: ServerRow[] } {
    const macs = this.statements.siteServers.all(siteId);
    const servers = withPending(macs.map((mac) => this.writes.read(mac)!).filter(Boolean));
    const records = [...this.queuedRecords(macs), ...this.statements.siteHistory.all(siteId).map(historyRecord)];
    return { records: newestFirst(records), servers };
  }

  /** Queued (or refused, not yet dismissed) changes to these servers, as history records. */
  private queuedRecords(macs: string[]): ServerHistoryRecord[] {
    const records: ServerHistoryRecord[] = [];
    for (const operation of this.outbox.openServerOperations(macs)) {
      const server = this.writes.read(operation.request.mac);
      if (!server) continue;
      records.push(queuedRecord(operation, server.siteId, server.status, server.model, server.registration));
    }
    return records;
  }
}

export function registrationFields(registration: PortalServerRegistration): RegistrationFields {
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
    note: row.note === null || row.note === '' ? null : say('servers.history.portalNote', { note: row.note }),
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
  const refused = operation.status === 'needs_attention';
  const waiting = refused ? say('servers.history.refused', { reason: operation.lastError ?? '' }) : say('servers.history.waiting');
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
        note: say(refused ? 'servers.history.rmaRefused' : 'servers.history.rmaWaiting', {
          reason: request.reason,
          replacement: formatMac(request.replacementMac),
          refusal: operation.lastError ?? '',
        }),
      };
  }
}

function newestFirst(records: ServerHistoryRecord[]): ServerHistoryRecord[] {
  return records.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
