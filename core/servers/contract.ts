/**
 * The Server Management Dashboard (the portal's Server Management page): the partner's servers
 * from the local cache, Add / Register Server, hide and show, RMA, the histories and the Excel
 * export. Reads answer from the cache, offline and without signing in; every change goes through
 * the outbox (kind `server`) with its own idempotency key and shows on its row until the portal
 * answers.
 * Only zod and types may be imported here (and values from core/domain): the renderer imports this file.
 */
import { z } from 'zod';
import { method } from '../rpc/define';
import { searchText } from '../list-query/search-text';
import { SERVER_MODELS, SERVER_STATUSES, type RegistrationFields, type ServerModel, type ServerStatus } from '../domain/servers';
import type { ExportedFile } from '../export/contract';
import type { Message } from '../messages/catalogue';
import type { OutboxStatus, ServerOperation, ServerRequestSummary } from '../sync/contract';

/** Columns of the Servers table, in the portal's order; every one sorts. */
export const SERVER_SORT_COLUMNS = ['mac', 'model', 'systemName', 'company', 'siteId', 'status', 'addedAt'] as const;
export type ServerSortColumn = (typeof SERVER_SORT_COLUMNS)[number];

/** What `By` + `Contains` matches: `all` is every field listed, plus the serial. */
export const SERVER_SEARCH_FIELDS = ['all', 'mac', 'serial', 'systemName', 'company', 'siteId'] as const;
export type ServerSearchField = (typeof SERVER_SEARCH_FIELDS)[number];

/** A change to this server still waiting in the outbox (or refused and not yet dismissed). */
export interface ServerPendingChange {
  operationId: number;
  action: ServerRequestSummary['action'];
  status: OutboxStatus;
  /** Why it waits, or the portal's reason for refusing it. */
  lastError: string | null;
}

/** One row of the Servers table. */
export interface ServerRow {
  /** 12 upper-case hex digits. */
  mac: string;
  serial: string;
  model: ServerModel;
  systemName: string | null;
  company: string | null;
  siteId: string | null;
  status: ServerStatus;
  hidden: boolean;
  /** UTC ISO-8601. */
  addedAt: string;
  /** An RMA started for this server (requested: waiting for the portal; completed: keys moved). */
  rma: { state: 'requested' | 'completed'; replacementMac: string; reason: string } | null;
  /** `local`: saved here and not yet confirmed by the portal. */
  origin: 'portal' | 'local';
  /** Queued or refused changes, oldest first. */
  pending: ServerPendingChange[];
}

/** The filter of the Servers page; the same object drives the list, its count and its export. */
export const serverFilter = z
  .object({
    /** Added at or after (ISO date = that day's start in UTC, or a full ISO time). */
    from: z.string().max(40).nullable().default(null),
    /** Added before the end of this day (ISO date) or before this instant. */
    to: z.string().max(40).nullable().default(null),
    by: z.enum(SERVER_SEARCH_FIELDS).default('all'),
    /** Matched literally and case-insensitively; MACs in any format. */
    contains: searchText(200).default(''),
    /** `Machine Type`: one model, or null for all. */
    model: z.enum(SERVER_MODELS).nullable().default(null),
    /** `Server Status`: one status, or null for all. */
    status: z.enum(SERVER_STATUSES).nullable().default(null),
    /** `Show Only Hidden Servers`: false lists the shown servers, true only the hidden ones. */
    hidden: z.boolean().default(false),
    sort: z.enum(SERVER_SORT_COLUMNS).default('addedAt'),
    direction: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();
export type ServerFilter = z.output<typeof serverFilter>;
export type ServerFilterInput = z.input<typeof serverFilter>;

export interface ServerPage {
  rows: ServerRow[];
  /** Pass as `after` for the next page; null on the last page. Opaque. */
  nextCursor: string | null;
  /** Only on the first page: how many servers match. */
  total: { count: number; exact: boolean } | null;
  /**
   * Only on the first page of a filter with dates: how many more servers the same search finds
   * outside those dates (added before or after them). Null without dates and on later pages.
   */
  outsideDates: { count: number; exact: boolean } | null;
  /** Said when the search was answered more narrowly than asked (`servers.note.shortQuery`); null otherwise. */
  note: Message | null;
  /** When the cache was last filled from the portal (ISO 8601), or null if never. */
  lastSyncedAt: string | null;
}

/** A server with its whole registration (View Registration Details, the Modify form). */
export interface ServerDetails extends ServerRow {
  registration: RegistrationFields;
  /** Feature keys the cache holds for this MAC (View Feature Keys). */
  keyCount: number;
  /** During an RMA: the keys that move to the replacement MAC once the portal completes it. */
  keysToMove: number;
}

/** One record of a server's or a site's history, newest first. */
export interface ServerHistoryRecord {
  id: string;
  mac: string;
  siteId: string | null;
  /** UTC ISO-8601. */
  at: string;
  action: 'saved' | 'registered' | 'modified' | 'activated' | 'hidden' | 'unhidden' | 'rma_requested' | 'rma_completed';
  status: ServerStatus;
  model: ServerModel;
  registration: RegistrationFields;
  /**
   * The portal's own note on its record (code `servers.history.portalNote`, params.note its words),
   * or what became of a change queued here (`servers.history.waiting`, `.refused`, `.rma*`).
   */
  note: Message | null;
  /** `queued`: a change made here, not yet answered by the portal (from the outbox). */
  source: 'portal' | 'queued';
}

/** A site a server can be registered under (picked from a list on the form). */
export interface SiteSummary {
  siteId: string;
  /** The company most of its servers are registered to. */
  company: string | null;
  servers: number;
}

/** What the serial number said (Add / Register Server fills model and MAC from it). */
export type SerialLookupResult =
  | {
      status: 'known';
      serial: string;
      model: ServerModel;
      mac: string;
      /** `cache`: a server already on the dashboard; `portal`: asked the portal just now. */
      source: 'cache' | 'portal';
      /** Already on the dashboard: the form modifies it instead of adding it. */
      onDashboard: boolean;
    }
  /** The portal does not know it. */
  | { status: 'unknown'; serial: string; message: Message }
  /** Not in the cache and the portal could not be asked (offline, signed out): the user fills model and MAC. */
  | { status: 'unchecked'; serial: string; message: Message };

/** The Add / Register Server form, as the user filled it (any field may be empty for Save). */
export const serverForm = z
  .object({
    serial: z.string().max(64),
    /** Any accepted MAC format. */
    mac: z.string().max(64),
    /** Empty until chosen (or filled from the serial). */
    model: z.union([z.enum(SERVER_MODELS), z.literal('')]),
    systemName: z.string().max(200).default(''),
    company: z.string().max(200).default(''),
    street: z.string().max(200).default(''),
    city: z.string().max(200).default(''),
    region: z.string().max(200).default(''),
    postalCode: z.string().max(200).default(''),
    country: z.string().max(200).default(''),
    contactName: z.string().max(200).default(''),
    contactPhone: z.string().max(200).default(''),
    contactEmail: z.string().max(200).default(''),
    /** `new`: the portal numbers a new site; `existing`: `siteId` names one from the list. */
    site: z.enum(['new', 'existing']).default('new'),
    siteId: z.string().max(20).default(''),
  })
  .strict();
export type ServerForm = z.output<typeof serverForm>;
export type ServerFormInput = z.input<typeof serverForm>;
export type ServerFormField = keyof ServerForm;

/** What a change to a server did: the row as the cache now shows it and the operation carrying it. */
export interface ServerChangeResult {
  server: ServerRow;
  operation: ServerOperation;
  /** True while the operation waits in the outbox (offline, signed out, busy). */
  queued: boolean;
  /** Why it waits; null when it was sent. */
  queuedReason: Message | null;
}

export const serversMethods = {
  /** One page of servers matching the filter, in its order (keyset pagination). VALIDATION for a malformed cursor or date. */
  'servers.list': method<ServerPage>()(
    z
      .object({
        filter: serverFilter,
        after: z.string().max(500).nullable().default(null),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  /** One server with its registration; null when the cache does not hold it. VALIDATION for a malformed MAC. */
  'servers.get': method<ServerDetails | null>()(z.object({ mac: z.string().max(64) }).strict()),
  /** Model and MAC for a serial number: from the cache, else from the portal when it can be reached. VALIDATION for a malformed serial. */
  'servers.lookupSerial': method<SerialLookupResult>()(z.object({ serial: z.string().max(64) }).strict()),
  /** Sites the partner has (from the cache), those whose ID or company contains `query` first. */
  'servers.sites': method<{ sites: SiteSummary[] }>()(
    z.object({ query: searchText(200).default(''), limit: z.number().int().min(1).max(200).default(50) }).strict(),
  ),
  /**
   * Save (incomplete allowed) or Register (Connect models only, complete) a server: the cache
   * shows it at once and the operation is queued for the portal, in one transaction; sent at once
   * when possible. `mode: add` for a server not yet on the dashboard (CONFLICT when it is),
   * `modify` for Modify/Complete Registration (NOT_FOUND when it is not). VALIDATION (and the
   * CONFLICT of a server already there) with `details.fields` naming each field that is wrong or
   * missing as `form.<ServerFormField>`, one sentence each; nothing is queued then.
   */
  'servers.save': method<ServerChangeResult>()(
    z.object({ form: serverForm, action: z.enum(['save', 'register']), mode: z.enum(['add', 'modify']) }).strict(),
  ),
  /** Hide or show a server on the dashboard (queued like a save). NOT_FOUND for a MAC the cache does not hold. */
  'servers.setHidden': method<ServerChangeResult>()(z.object({ mac: z.string().max(64), hidden: z.boolean() }).strict()),
  /**
   * Initiate RMA: the server is marked under RMA at once and the request queued. VALIDATION for an
   * empty reason or a malformed replacement MAC (or the server's own); CONFLICT when an RMA is
   * already open; NOT_FOUND for an unknown server.
   */
  'servers.initiateRma': method<ServerChangeResult>()(
    z.object({ mac: z.string().max(64), reason: z.string().max(500), replacementMac: z.string().max(64) }).strict(),
  ),
  /** View Server History: every record of this server, newest first, queued changes included. */
  'servers.history': method<{ records: ServerHistoryRecord[] }>()(z.object({ mac: z.string().max(64) }).strict()),
  /** View Site History: every registration record with this Site/Server ID, and the servers of the site. */
  'servers.siteHistory': method<{ records: ServerHistoryRecord[]; servers: ServerRow[] }>()(
    z.object({ siteId: z.string().max(20) }).strict(),
  ),
  /**
   * Export Server List to Excel: exactly the rows the filter shows, in its order. With `jobId`,
   * emits `servers.exportProgress` and can be stopped by `servers.cancelExport` (CANCELLED).
   */
  'servers.export': method<ExportedFile>()(z.object({ filter: serverFilter, jobId: z.string().min(8).max(100).optional() }).strict()),
  /** Stops a running `servers.export`; true when one was running. */
  'servers.cancelExport': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(8).max(100) }).strict()),
};

/** Event `servers.exportProgress`, for `servers.export` calls that pass a `jobId`. */
export interface ServerExportProgress {
  jobId: string;
  rowsWritten: number;
  /** The list's count when the export began (bounded); grows with the rows written past it. */
  totalRows: number;
}

export interface ServersEvents {
  'servers.exportProgress': ServerExportProgress;
  /** The cached servers changed (a pull page, a change queued here, the portal's answer to one). */
  'servers.changed': { reason: 'sync' | 'local' | 'outbox' };
}
