import { createApiClient, type ApiClient } from '../../../core/api/client';
import type { ClientTransport } from '../../../core/rpc/client';
import type { Handlers } from '../../../core/api/contract';
import { ApiError } from '../../../core/rpc/errors';
import { EventBus } from '../../../core/api/events';
import { ApiServer } from '../../../core/api/server';
import type { ConnectionStatus } from '../../../core/rpc/transport/websocket-client';
import type { AppInfo, OnlineState } from '../../../core/app/contract';
import type { CodePreview, RedeemSubmitResult } from '../../../core/redeem/contract';
import type { ExportedFile } from '../../../core/export/contract';
import type { SessionStatus } from '../../../core/session/contract';
import type { Settings } from '../../../core/settings/contract';
import type { OutboxOperation, RedemptionOperation, SyncRunResult, SyncStatus, SystemOperation } from '../../../core/sync/contract';
import type { SystemSummary } from '../../../core/systems/contract';
import type { UpdateState } from '../../../core/updates/contract';
import type { HostLink } from '../../../renderer/src/api/connect';
import { say } from '../../../core/messages/say';

/**
 * A stand-in core for renderer unit tests: answers app.* and settings.* from memory, records
 * every call, and lets a test emit events or refuse a call the way the real core would.
 * Every call goes through the real ApiServer, so arguments the contract refuses get the same
 * VALIDATION (or UNKNOWN_METHOD) error as from the real core, and a renderer bug cannot hide here.
 */
export class FakeCore {
  readonly calls: { method: string; args: unknown }[] = [];
  settings: Settings = {
    theme: 'system',
    language: 'en',
    portalUrl: null,
    connectivityCheckSeconds: 60,
    syncIntervalMinutes: 5,
    updateFeedUrl: null,
  };
  online: OnlineState = { online: false, portalUrl: null, checkedAt: null };
  appInfo: Omit<AppInfo, 'online' | 'portalUrl' | 'onlineCheckedAt'> = {
    version: '1.2.3',
    dataDir: '/data/fieldkey',
    databaseFile: '/data/fieldkey/fieldkey.db',
    schemaVersion: 1,
    host: 'browser',
    settingsFileSetAside: null,
    embeddedPortalUrl: null,
  };
  session: SessionStatus = { loggedIn: false, username: null, partnerName: null, portalUrl: null };
  sync: SyncStatus = {
    running: false,
    online: false,
    loginNeeded: true,
    lastSuccessAt: null,
    lastError: null,
    nextPullAt: null,
    portalUrl: null,
    cursor: 0,
    cached: { skus: 0, systems: 0, featureKeys: 0 },
    outbox: { pending: 0, inDoubt: 0, needsAttention: 0 },
  };
  /** Answers sync.now; by default a finished run that changes nothing. A test may hold it open. */
  syncNow: () => Promise<SyncRunResult> = async () => ({ ok: true, applied: 0, fullResync: false, state: this.sync });
  /** The cached systems systems.search / systems.get answer from (search: MAC, name or customer contains). */
  systems: SystemSummary[] = [];
  /** Answers redeem.preview, one code at a time; by default every code is unchecked (offline). */
  previewCode: (authCode: string) => CodePreview = (authCode) => ({
    authCode,
    state: 'unchecked',
    source: null,
    message: say('redeem.preview.offline'),
  });
  /** Answers redeem.submit; by default the portal redeems every code at once. A test may hold it open. */
  redeemSubmit: (args: { mac: string; serial?: string; systemName?: string; authCodes: string[] }) => Promise<RedeemSubmitResult> = async (
    args,
  ) => ({
    operation: fakeRedemption(1, args, 'done'),
    queued: false,
    queuedReason: null,
  });
  /** Answers redeem.export. */
  exportFile: (args: { operationId: number; format: 'xlsx' | 'txt' }) => ExportedFile = ({ format }) => ({
    fileName: `feature-keys-000ADD023F8F-2026-11-23.${format}`,
    mimeType: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/plain; charset=utf-8',
    base64: btoa('feature keys'),
  });
  /** What sync.outbox lists. */
  outboxOperations: OutboxOperation[] = [];
  /** What updates.state answers; the browser host's answer unless a test plays the desktop app. */
  updates: UpdateState = { status: 'unavailable', reason: 'browser-host' };
  /** When set, the next call to this method fails with this error. */
  failNext: { method: string; error: ApiError } | null = null;
  private readonly listeners = new Set<(name: string, payload: unknown) => void>();

  /** The real server's validation and dispatch, over this stand-in's answers. */
  private readonly server = new ApiServer(
    new Proxy({} as Handlers, { get: (_target, method) => (args: unknown) => this.answer(String(method), args) }),
    new EventBus(),
  );

  readonly transport: ClientTransport = {
    invoke: async (method, args) => {
      this.calls.push({ method, args });
      return this.server.dispatch(method, args);
    },
    onEvent: (listener) => {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    },
  };

  /** A call that passed the contract's validation (`args` are as the handler would get them). */
  private async answer(method: string, args: unknown): Promise<unknown> {
    if (this.failNext?.method === method) {
      const { error } = this.failNext;
      this.failNext = null;
      throw error;
    }
    switch (method) {
      case 'app.info':
        return { ...this.appInfo, online: this.online.online, portalUrl: this.online.portalUrl, onlineCheckedAt: this.online.checkedAt };
      case 'app.checkOnline':
        this.online = { ...this.online, checkedAt: '2026-10-09T12:00:00.000Z' };
        return this.online;
      case 'app.reportError':
        return { logged: true };
      case 'app.diagnostics':
        return { fileName: 'FieldKey diagnostics 2026-12-04 101500.zip', mimeType: 'application/zip', base64: btoa('PK') };
      case 'settings.get':
        return this.settings;
      case 'settings.set':
        this.settings = { ...this.settings, ...(args as { patch: Partial<Settings> }).patch };
        this.emit('settings.changed', this.settings);
        return this.settings;
      case 'session.status':
        return this.session;
      case 'session.login': {
        const { username } = args as { username: string };
        this.session = { ...this.session, loggedIn: true, username, partnerName: 'Demo Partner' };
        this.emit('session.changed', this.session);
        return this.session;
      }
      case 'session.logout':
        this.session = { ...this.session, loggedIn: false };
        this.emit('session.changed', this.session);
        return this.session;
      case 'sync.status':
        return this.sync;
      case 'sync.now':
        return this.syncNow();
      case 'sync.outbox':
        return { operations: this.outboxOperations, counts: this.sync.outbox };
      case 'sync.dismiss': {
        const operation = this.outboxOperations.find((o) => o.id === (args as { id: number }).id);
        if (!operation) throw new ApiError('NOT_FOUND', 'There is no such operation.');
        this.outboxOperations = this.outboxOperations.filter((o) => o !== operation);
        this.sync = { ...this.sync, outbox: { ...this.sync.outbox, needsAttention: Math.max(0, this.sync.outbox.needsAttention - 1) } };
        return { ...operation, status: 'dismissed' };
      }
      case 'systems.search': {
        const { query, limit = 20 } = args as { query: string; limit?: number };
        const needle = query
          .trim()
          .toUpperCase()
          .replace(/[:.\-\s]/g, '');
        return {
          systems: this.systems
            .filter((system) =>
              [system.mac, system.name ?? '', system.customer ?? ''].some((text) =>
                text
                  .toUpperCase()
                  .replace(/[:.\-\s]/g, '')
                  .includes(needle),
              ),
            )
            .slice(0, limit),
        };
      }
      case 'systems.get': {
        const mac = (args as { mac: string }).mac.toUpperCase().replace(/[:.\-\s]/g, '');
        return this.systems.find((system) => system.mac === mac || system.mac === `000ADD${mac}`) ?? null;
      }
      case 'systems.renamesFor': {
        // As the core: a known system given another, non-empty name.
        const { systems } = args as { systems: { mac: string; name?: string }[] };
        return {
          renames: systems.flatMap(({ mac, name = '' }) => {
            const compact = mac.toUpperCase().replace(/[:.\-\s]/g, '');
            const known = this.systems.find((system) => system.mac === compact || system.mac === `000ADD${compact}`);
            return known && name.trim() !== '' && name.trim() !== known.name
              ? [{ mac: known.mac, currentName: known.name, newName: name.trim() }]
              : [];
          }),
        };
      }
      case 'redeem.preview':
        return { codes: (args as { authCodes: string[] }).authCodes.map((code) => this.previewCode(code)) };
      case 'redeem.submit':
        return this.redeemSubmit(args as Parameters<FakeCore['redeemSubmit']>[0]);
      case 'redeem.export':
        return this.exportFile(args as Parameters<FakeCore['exportFile']>[0]);
      case 'updates.state':
      case 'updates.check':
      case 'updates.download':
      case 'updates.restart':
        return this.updates;
      default:
        throw new ApiError('INTERNAL', `The stand-in core does not answer ${method}`);
    }
  }

  readonly client: ApiClient = createApiClient(this.transport);

  emit(name: string, payload: unknown): void {
    for (const listener of [...this.listeners]) listener(name, payload);
  }

  callsTo(method: string): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }
}

/** A browser-host link whose status a test drives. */
export class FakeHostLink implements HostLink {
  private current: ConnectionStatus;
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();

  constructor(initial: ConnectionStatus = 'connected') {
    this.current = initial;
  }

  status = () => this.current;

  onStatus = (listener: (status: ConnectionStatus) => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  private readonly accessLostListeners = new Set<() => void>();

  onAccessLost = (listener: () => void) => {
    this.accessLostListeners.add(listener);
    return () => this.accessLostListeners.delete(listener);
  };

  loseAccess(): void {
    for (const listener of [...this.accessLostListeners]) listener();
  }

  set(status: ConnectionStatus): void {
    this.current = status;
    for (const listener of [...this.statusListeners]) listener(status);
  }
}

/**
 * An outbox operation for a redemption, as the core reports it: `done` with every code redeemed
 * (keys `key-<n>`), or waiting (`pending`, no results).
 */
export function fakeRedemption(
  id: number,
  request: { mac: string; serial?: string; systemName?: string; authCodes: string[] },
  status: OutboxOperation['status'],
  results: RedemptionOperation['results'] = status === 'done'
    ? request.authCodes.map((authCode, i) => ({
        authCode,
        status: 'redeemed' as const,
        featureKey: `$Key-${String(i + 1).padStart(4, '0')}-Foeb-l8H8-ic0d-aYbK`,
        sku: '8210010',
        skuDescription: '8210010 - 6x Internet Call Access Key',
        distributor: 'Allworx Corp.',
        mac: request.mac,
        redeemedAt: '2026-11-23T14:03:12.000Z',
      }))
    : null,
): RedemptionOperation {
  return {
    id,
    kind: 'redemption',
    status,
    idempotencyKey: `key-${id}`,
    request: { mac: request.mac, serial: request.serial ?? null, systemName: request.systemName ?? null, authCodes: request.authCodes },
    results,
    attempts: 1,
    nextAttemptAt: null,
    lastError: status === 'pending' ? 'The portal cannot be reached.' : null,
    createdAt: '2026-11-23T14:03:10.000Z',
    updatedAt: '2026-11-23T14:03:12.000Z',
  };
}

/** An outbox operation adding (or renaming) a system, as the core reports it (from systems.add). */
export function fakeSystemOperation(
  id: number,
  request: { mac: string; systemName: string | null; action: 'add' | 'rename' },
  status: OutboxOperation['status'],
): SystemOperation {
  return {
    id,
    kind: 'system',
    status,
    idempotencyKey: `key-${id}`,
    request,
    result: status === 'done' ? { created: request.action === 'add' } : null,
    attempts: 1,
    nextAttemptAt: null,
    lastError: status === 'pending' ? 'The portal cannot be reached.' : null,
    createdAt: '2026-11-23T14:03:10.000Z',
    updatedAt: '2026-11-23T14:03:12.000Z',
  };
}

/**
 * Lets a feature's stand-in (FakeKeys, FakeServers) answer the methods named `<prefix>…` of a
 * FakeCore, through the real ApiServer (so arguments the contract refuses fail as in the core);
 * every other method goes on to the core as before. Calls are recorded on the core.
 */
export function answerMethods(core: FakeCore, prefix: string, answer: (method: string, args: unknown) => Promise<unknown>): void {
  const server = new ApiServer(
    new Proxy({} as Handlers, {
      get: (_target, method) => async (args: unknown) => {
        const { failNext } = core;
        if (failNext?.method === method) {
          core.failNext = null;
          throw failNext.error;
        }
        return answer(String(method), args);
      },
    }),
    new EventBus(),
  );
  const others = core.transport.invoke;
  core.transport.invoke = async (method, args) => {
    if (!method.startsWith(prefix)) return others(method, args);
    core.calls.push({ method, args });
    return server.dispatch(method, args);
  };
}

/** jsdom lays nothing out: give every scroller a height (and width) so a virtualised table draws rows. */
export function layOutScrollers(): void {
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1400 });
  });
  afterAll(() => {
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
    delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
  });
}

/** One keyset page of `all` as a list method answers it; the cursor is the next row's position. */
export function fakeListPage<Row>(
  all: Row[],
  after: string | null,
  limit: number,
  extra: { countBound?: number; note: string | null; lastSyncedAt: string | null },
) {
  if (after !== null && !/^\d+$/.test(after)) throw new ApiError('VALIDATION', 'This cursor is not one FieldKey made.');
  const bound = extra.countBound ?? Number.POSITIVE_INFINITY;
  const start = after === null ? 0 : Number(after);
  const rows = all.slice(start, start + limit);
  const end = start + rows.length;
  return {
    rows,
    nextCursor: end < all.length ? String(end) : null,
    total: after === null ? { count: Math.min(all.length, bound), exact: all.length <= bound } : null,
    note: extra.note,
    lastSyncedAt: extra.lastSyncedAt,
  };
}

/**
 * A recorded file call with its bytes as text: the page's Uint8Array comes from jsdom's realm, so
 * comparing it with one made here would fail on the realm, not the content.
 */
export function sentText(call: unknown): Record<string, unknown> {
  const { bytes, ...rest } = call as { bytes: Uint8Array };
  return { ...rest, text: new TextDecoder().decode(bytes) };
}
