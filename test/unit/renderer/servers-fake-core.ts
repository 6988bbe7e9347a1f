import { ApiError } from '../../../core/rpc/errors';
import { emptyRegistration, type ServerModel } from '../../../core/domain/servers';
import type { ExportedFile } from '../../../core/export/contract';
import type {
  SerialLookupResult,
  ServerChangeResult,
  ServerDetails,
  ServerFilter,
  ServerForm,
  ServerHistoryRecord,
  ServerRow,
} from '../../../core/servers/contract';
import type { ServerOperation, ServerRequestSummary } from '../../../core/sync/contract';
import { answerMethods, fakeListPage, type FakeCore } from './fake-core';
import { say } from '../../../core/messages/say';

/**
 * The servers.* methods for a FakeCore, from an in-memory list: filtered and sorted as asked,
 * paged with an opaque cursor (the next row's position). Calls go through the real ApiServer, so
 * arguments the contract refuses fail as they would in the core. Writes answer as queued or sent
 * as `queued` says, and change nothing unless a test says so.
 */
export class FakeServers {
  rows: ServerRow[] = [];
  lastSyncedAt: string | null = '2026-11-30T14:59:00.000Z';
  /** Answers servers.lookupSerial. */
  lookupSerial: (serial: string) => SerialLookupResult = (serial) => ({
    status: 'unknown',
    serial,
    message: say('servers.serial.unknown', { reason: 'Unknown serial number.' }),
  });
  /** Answers servers.save; by default the server as the form says, sent. */
  save: (args: { form: ServerForm; action: 'save' | 'register'; mode: 'add' | 'modify' }) => ServerChangeResult = ({
    form,
    action,
    mode,
  }) =>
    this.change(
      {
        ...fakeServerRow(0),
        mac: form.mac.replace(/[^0-9A-F]/gi, '').toUpperCase(),
        model: form.model as ServerModel,
        status: action === 'register' ? 'registered' : 'saved',
      },
      {
        action,
        mode,
        mac: form.mac,
        serial: form.serial,
        model: form.model as ServerModel,
        siteId: form.siteId || null,
        registration: { ...emptyRegistration() },
      } as ServerRequestSummary,
    );
  /** Whether writes answer as queued (offline). */
  queued = false;
  history: ServerHistoryRecord[] = [];
  /** Cancelling rejects the export running with CANCELLED. */
  private running: { jobId: string; reject: (error: ApiError) => void } | null = null;
  /** Answers servers.export; a test may hold it open (a promise). */
  exportFile: (filter: ServerFilter) => ExportedFile | Promise<ExportedFile> = () => ({
    fileName: 'servers-2026-11-30.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: btoa('workbook'),
  });

  constructor(readonly core: FakeCore) {
    answerMethods(core, 'servers.', (method, args) => this.answer(method, args));
  }

  change(server: ServerRow, request: ServerRequestSummary): ServerChangeResult {
    const operation: ServerOperation = {
      id: 77,
      kind: 'server',
      status: this.queued ? 'pending' : 'done',
      idempotencyKey: 'key-77',
      request,
      result: null,
      attempts: 1,
      nextAttemptAt: null,
      lastError: this.queued ? 'The portal cannot be reached.' : null,
      createdAt: '2026-11-30T15:00:00.000Z',
      updatedAt: '2026-11-30T15:00:00.000Z',
    };
    return { server, operation, queued: this.queued, queuedReason: this.queued ? say('servers.queued.offline') : null };
  }

  details(row: ServerRow): ServerDetails {
    return {
      ...row,
      registration: { ...emptyRegistration(), systemName: row.systemName ?? '', company: row.company ?? '', city: 'Rochester' },
      keyCount: 3,
      keysToMove: row.rma?.state === 'requested' ? 3 : 0,
    };
  }

  private matching(filter: ServerFilter): ServerRow[] {
    const needle = filter.contains.toLowerCase();
    const fields: Record<ServerFilter['by'], (row: ServerRow) => string[]> = {
      all: (row) => [row.mac, row.serial, row.systemName ?? '', row.company ?? '', row.siteId ?? ''],
      mac: (row) => [row.mac],
      serial: (row) => [row.serial],
      systemName: (row) => [row.systemName ?? ''],
      company: (row) => [row.company ?? ''],
      siteId: (row) => [row.siteId ?? ''],
    };
    const sign = filter.direction === 'asc' ? 1 : -1;
    return this.rows
      .filter((row) => row.hidden === filter.hidden)
      .filter((row) => (filter.from === null || row.addedAt >= filter.from) && (filter.to === null || row.addedAt < filter.to))
      .filter((row) => filter.model === null || row.model === filter.model)
      .filter((row) => filter.status === null || row.status === filter.status)
      .filter((row) => needle === '' || fields[filter.by](row).some((text) => text.toLowerCase().includes(needle)))
      .sort((a, b) => sign * String(a[filter.sort] ?? '').localeCompare(String(b[filter.sort] ?? '')) || a.mac.localeCompare(b.mac));
  }

  private find(mac: string): ServerRow {
    const row = this.rows.find((server) => server.mac === mac);
    if (!row) throw new ApiError('NOT_FOUND', 'This computer does not hold this server.');
    return row;
  }

  private async answer(method: string, args: unknown): Promise<unknown> {
    switch (method) {
      case 'servers.list': {
        const { filter, after, limit } = args as { filter: ServerFilter; after: string | null; limit: number };
        return fakeListPage(this.matching(filter), after, limit, { note: null, lastSyncedAt: this.lastSyncedAt });
      }
      case 'servers.get': {
        const row = this.rows.find((server) => server.mac === (args as { mac: string }).mac);
        return row ? this.details(row) : null;
      }
      case 'servers.lookupSerial':
        return this.lookupSerial((args as { serial: string }).serial);
      case 'servers.sites':
        return {
          sites: [
            { siteId: '10020', company: 'Acme Parts', servers: 2 },
            { siteId: '10019', company: "Misha's Office Supply", servers: 1 },
          ],
        };
      case 'servers.save':
        return this.save(args as Parameters<FakeServers['save']>[0]);
      case 'servers.setHidden': {
        const { mac, hidden } = args as { mac: string; hidden: boolean };
        return this.change({ ...this.find(mac), hidden }, { action: hidden ? 'hide' : 'unhide', mac });
      }
      case 'servers.initiateRma': {
        const { mac, reason, replacementMac } = args as { mac: string; reason: string; replacementMac: string };
        return this.change(
          { ...this.find(mac), rma: { state: 'requested', reason, replacementMac } },
          { action: 'rma', mac, reason, replacementMac },
        );
      }
      case 'servers.history':
        return { records: this.history.filter((record) => record.mac === (args as { mac: string }).mac) };
      case 'servers.siteHistory': {
        const { siteId } = args as { siteId: string };
        return {
          records: this.history.filter((record) => record.siteId === siteId),
          servers: this.rows.filter((row) => row.siteId === siteId),
        };
      }
      case 'servers.export': {
        const request = args as { filter: ServerFilter; jobId?: string };
        return new Promise((resolve, reject) => {
          if (request.jobId) this.running = { jobId: request.jobId, reject };
          Promise.resolve(this.exportFile(request.filter)).then(resolve, reject);
        }).finally(() => {
          this.running = null;
        });
      }
      case 'servers.cancelExport': {
        const { jobId } = args as { jobId: string };
        if (this.running?.jobId !== jobId) return { cancelled: false };
        this.running.reject(new ApiError('CANCELLED', 'The export was cancelled.'));
        return { cancelled: true };
      }
      default:
        throw new ApiError('INTERNAL', `The stand-in core does not answer ${method}`);
    }
  }
}

const MODELS: ServerModel[] = ['Connect 324', 'Connect 731', '24x', '6x'];

/** `count` servers added a day apart, newest last: 000ADD0000<n>, alternating models, two per site. */
export function fakeServerRows(count: number): ServerRow[] {
  return Array.from({ length: count }, (_, i) => fakeServerRow(i));
}

export function fakeServerRow(i: number): ServerRow {
  const n = String(i).padStart(2, '0');
  return {
    mac: `000ADD0000${n}`,
    serial: `SN-${n}`,
    model: MODELS[i % MODELS.length]!,
    systemName: `System ${n}`,
    company: i % 2 ? 'Acme Parts' : 'Widget Components',
    siteId: String(10000 + Math.floor(i / 2)),
    status: i % 4 === 0 ? 'activated' : 'saved',
    hidden: false,
    addedAt: new Date(Date.UTC(2026, 10, 1 + i, 9, 0)).toISOString(),
    rma: null,
    origin: 'portal',
    pending: [],
  };
}
