/**
 * The Server Management Dashboard's handlers: reads answer from the cache (offline, without
 * signing in); the serial look-up asks the portal only for a serial the cache does not know;
 * changes go through the outbox (server-changes.ts).
 */
import type { HandlersOf } from '../rpc/define';
import type { serversMethods, ServerDetails, ServerFilter, ServersEvents, SiteSummary } from './contract';
import { invalidArgument } from '../rpc/errors';
import type { Db } from '../db/database';
import { parseMac } from '../domain/mac';
import { parseSiteId } from '../domain/servers';
import type { EventEmitter } from '../rpc/events';
import { ExportJobs, type ExportJob } from '../export/export-jobs';
import { serverFieldWords, serversExportFileName } from './export-file-name';
import type { Language } from '../messages/language';
import { type Translate, translator } from '../messages/say';
import { writeServersWorkbook } from './servers-workbook';
import { localUtcOffset, type UtcOffset, wallClock, wallClockDay, XLSX_MIME_TYPE } from '../export/workbook';
import type { PortalClient } from '../portal/client';
import type { SyncEngine } from '../sync/engine';
import type { OutboxStore } from '../sync/outbox';
import { prepareServerWrites } from '../sync/server-writes';
import { createServerChanges } from './server-changes';
import { registrationFields, ServerHistory } from './server-history';
import { serialLookup } from './serial-lookup';
import { ServerQuery } from './server-query';

type ServersHandlers = Pick<
  HandlersOf<typeof serversMethods>,
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
  | 'servers.cancelExport'
>;

export interface ServersHandlerDeps {
  db: Db;
  events: EventEmitter<ServersEvents>;
  outbox: OutboxStore;
  sync: Pick<SyncEngine, 'pushNow' | 'syncNow' | 'getState'>;
  now: () => Date;
  portalUrl: () => string | null;
  client: (portalUrl: string) => PortalClient;
  hasToken: (portalUrl: string) => Promise<boolean>;
  /** Minutes to add to UTC for the wall-clock times in files (default: this computer's zone). */
  utcOffset?: UtcOffset;
  /** The language of exported files (the user's choice; default English). */
  language?: () => Language;
}

export function createServersHandlers(deps: ServersHandlerDeps): ServersHandlers {
  const { db } = deps;
  const query = new ServerQuery(db, deps.outbox);
  const writes = prepareServerWrites(db);
  const changes = createServerChanges({ ...deps, query });
  const history = new ServerHistory(db, deps.outbox, writes);
  const lookupSerial = serialLookup(deps);
  const utcOffset = deps.utcOffset ?? localUtcOffset;
  const exports = new ExportJobs((progress) => deps.events.emit('servers.exportProgress', progress));
  const statements = {
    keyCount: db.prepare<[string], number>('SELECT count(*) FROM feature_keys WHERE mac = ?').pluck(),
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

    'servers.lookupSerial': ({ serial }) => lookupSerial(serial),

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
      return { records: history.ofServer(parsed.mac) };
    },

    'servers.siteHistory': ({ siteId }) => {
      const parsed = parseSiteId(siteId);
      if (!parsed.ok) throw invalidArgument('servers.siteHistory', 'siteId', parsed);
      return history.ofSite(parsed.siteId, (servers) => query.withPending(servers));
    },

    'servers.export': ({ filter, jobId }) =>
      serversWorkbook(query, filter, deps.now(), utcOffset, deps.language?.() ?? 'en', (write) => exports.run(jobId, write)),
    'servers.cancelExport': ({ jobId }) => exports.cancel(jobId),
  };
}

/** `servers.export`: the filtered servers as a workbook, written in chunks (other calls are answered between them). */
async function serversWorkbook(
  query: ServerQuery,
  filter: ServerFilter,
  now: Date,
  utcOffset: UtcOffset,
  language: Language,
  asJob: <T extends { rowsWritten: number }>(write: (job: ExportJob) => Promise<T>) => Promise<T>,
) {
  const t = translator(language);
  const { bytes } = await asJob((job) => {
    job.start(query.count(filter).count);
    return writeServersWorkbook(query.iterate(filter, 2000), {
      language,
      title: t('export.servers.title'),
      subject: describeFilter(filter, t),
      now,
      utcOffset,
      onChunk: job.onChunk,
    });
  });
  return {
    fileName: serversExportFileName(filter, wallClockDay(wallClock(now, utcOffset)), utcOffset, language),
    mimeType: XLSX_MIME_TYPE,
    base64: bytes.toString('base64'),
  };
}

/** The filter in words, for the workbook's subject. */
function describeFilter(filter: ServerFilter, t: Translate): string {
  const parts = [t(filter.hidden ? 'export.servers.subject.hidden' : 'export.servers.subject.all')];
  if (filter.model) parts.push(t('export.servers.subject.model', { model: filter.model }));
  if (filter.status) parts.push(t('export.servers.subject.status', { status: t(`export.servers.status.${filter.status}`) }));
  if (filter.contains) {
    const field = filter.by === 'all' ? t('export.subject.anyField') : serverFieldWords(filter.by, t);
    parts.push(t('export.subject.contains', { field, text: filter.contains }));
  }
  if (filter.from) parts.push(t('export.servers.subject.from', { from: filter.from }));
  if (filter.to) parts.push(t('export.servers.subject.to', { to: filter.to }));
  const column = t(`export.servers.field.${filter.sort}`);
  parts.push(t(filter.direction === 'asc' ? 'export.subject.sorted' : 'export.subject.sortedDescending', { column }));
  return parts.join(', ');
}
