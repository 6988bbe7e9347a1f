import path from 'node:path';
import type { Handlers } from './api/contract';
import { EventBus } from './api/events';
import { ApiServer } from './api/server';
import type { AppInfo } from './app/contract';
import { ConnectivityMonitor, observingFetch } from './app/connectivity';
import { createAppHandlers } from './app/handlers';
import { openDatabase, type Db, type OpenedDatabase } from './db/database';
import { asDataDirError, ensureUsableDataDir } from './host/data-dir-check';
import { createSessionHandlers } from './session/handlers';
import { createSettingsHandlers } from './settings/handlers';
import type { SettingsStore } from './settings/store';
import { SyncEngine, type Scheduler } from './sync/engine';
import { createSyncHandlers } from './sync/handlers';
import { OutboxStore } from './sync/outbox';
import type { OutboxOperation } from './sync/contract';
import { createRedeemHandlers } from './redeem/handlers';
import { createSystemsHandlers } from './systems/handlers';
import { createKeysHandlers } from './keys/handlers';
import { createKeysTransferHandlers, keyQueryRows } from './keys/transfer-handlers';
import { createSearchHandlers } from './search/handlers';
import { createServersHandlers } from './servers/handlers';
import { createCodesFeature, type CodesFeature } from './codes/handlers';
import { createBulkFeature, type BulkFeature } from './bulk/handlers';
import { RunningImports } from './import/running-imports';
import { compactAuthCode } from './domain/auth-code';
import { PortalClient } from './portal/client';
import { normalisePortalUrl } from './portal/errors';
import { createUpdatesFeature } from './updates/handlers';
import { unavailableUpdateService, type UpdateService } from './updates/service';
import { FileSecretStore, portalTokenSecretName, SECRETS_FILE_NAME, type SecretStore } from './secrets/secret-store';
import { silentLogger, type Logger } from './log/logger';
import { buildDiagnostics } from './app/diagnostics';

export const DATABASE_FILE_NAME = 'fieldkey.db';

export interface CoreConfig {
  version: string;
  dataDir: string;
  host: AppInfo['host'];
  settingsStore: SettingsStore;
  /** A portal given on the command line; wins over the setting. */
  portalUrlOverride?: string | null;
  /** The sandbox portal the host started in-process: used when no portal is configured. */
  embeddedPortalUrl?: string | null;
  /** The user agreed to set a corrupt database aside and start fresh. */
  recreateCorruptDatabase?: boolean;
  /** Opened by the host with `openAppDatabase` before it started anything else; else opened here. */
  database?: OpenedDatabase;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Where the portal token is kept; defaults to a 0600 `secrets.json` in the data directory. */
  secretStore?: SecretStore;
  /** Timers of the sync engine (tests pass one that records delays). */
  scheduler?: Scheduler;
  /** Changes per /changes request. */
  syncPageSize?: number;
  /** Per-request portal time-out in ms (the change feed gets at least 60 s). */
  portalTimeoutMs?: number;
  /** The app's updater (Electron); without one, updates are `unavailable` (the browser host). */
  updateService?: UpdateService;
  /** The host's log (a file under `<data folder>/logs/`); none when not given. */
  log?: Logger;
}

export interface Core {
  server: ApiServer;
  events: EventBus;
  database: OpenedDatabase;
  db: Db;
  sync: SyncEngine;
  outbox: OutboxStore;
  codes: CodesFeature;
  bulk: BulkFeature;
  close(): void;
}

/**
 * Checks the data folder can be written and opens the app's database in it: the first thing a
 * host does, so a bad folder is explained before anything (the embedded sandbox) writes there.
 * Throws ApiError DATA_DIR_UNUSABLE / DB_TOO_NEW / DB_CORRUPT.
 */
export function openAppDatabase(config: Pick<CoreConfig, 'dataDir' | 'recreateCorruptDatabase' | 'now'>): OpenedDatabase {
  ensureUsableDataDir(config.dataDir);
  try {
    return openDatabase({
      file: path.join(config.dataDir, DATABASE_FILE_NAME),
      recreateIfCorrupt: config.recreateCorruptDatabase,
      now: config.now,
    });
  } catch (err) {
    throw asDataDirError(config.dataDir, err);
  }
}

/** The portal's answer to a redemption was stored, with at least one key it put in the cache. */
function redemptionAnswerStoredKeys(operation: OutboxOperation | null): boolean {
  if (operation?.kind !== 'redemption') return false;
  if (operation.status !== 'done' && operation.status !== 'needs_attention') return false;
  return operation.results?.some((result) => result.status === 'redeemed') ?? false;
}

/** Builds the whole core: database, features, API server. Throws what `openAppDatabase` throws. */
export function createCore(config: CoreConfig): Core {
  const now = config.now ?? (() => new Date());
  const log = config.log ?? silentLogger;
  const events = new EventBus();
  const database = config.database ?? openAppDatabase({ ...config, now });
  const settingsStore = config.settingsStore;
  const fetchImpl = config.fetch ?? fetch;
  const secrets = config.secretStore ?? new FileSecretStore(path.join(config.dataDir, SECRETS_FILE_NAME));
  /** Command line, then setting, then the embedded sandbox. */
  const configuredPortalUrl = (): string | null =>
    config.portalUrlOverride ?? settingsStore.read().portalUrl ?? config.embeddedPortalUrl ?? null;
  const portalUrl = (): string | null => {
    const configured = configuredPortalUrl();
    if (!configured) return null;
    const normalised = normalisePortalUrl(configured);
    return normalised.ok ? normalised.url : null;
  };
  // Every request to the portal tells the online badge whether the portal answered (issue 20, item 5).
  const portalFetch = observingFetch(fetchImpl, (url, reached) => connectivity.observe(url, reached));
  /** A client for a portal, with its stored token (or the one given, before it is stored). */
  const portalClient = (url: string, token?: string) =>
    new PortalClient({
      portalUrl: url,
      fetch: portalFetch,
      now,
      token: token !== undefined ? () => token : () => secrets.get(portalTokenSecretName(url)),
      timeoutMs: config.portalTimeoutMs,
      changesTimeoutMs: config.portalTimeoutMs,
    });

  const outbox = new OutboxStore(database.db, {
    onChange: (operation) => {
      if (operation?.status === 'needs_attention') {
        log.warn('outbox.needs_attention', { operationId: operation.id, kind: operation.kind, lastError: operation.lastError });
      }
      events.emit('sync.outbox', { counts: outbox.counts(), operation });
      if (redemptionAnswerStoredKeys(operation)) events.emit('keys.changed', { reason: 'redemption' });
      // Queued, sent, answered or dismissed: the row and its pending changes look different.
      if (operation?.kind === 'server') events.emit('servers.changed', { reason: 'outbox' });
      // Only this redemption's codes can have changed status: not a walk over the whole inventory
      // per queueing, send and answer (a bulk job makes hundreds).
      if (operation?.kind === 'redemption') codes.afterCacheChanged('redemption', operation.request.authCodes.map(compactAuthCode));
      // A bulk job follows its operations' answers (and completes with the last).
      bulk.afterOutboxChange(operation);
    },
  });
  const hasToken = async (url: string) => (await secrets.get(portalTokenSecretName(url))) !== null;
  // One registry for every file import: `imports.cancel` finds any of them by its id.
  const imports = new RunningImports(events);
  /** Aborted by close(): background work still running then ends. */
  const closing = new AbortController();
  const codes = createCodesFeature({ db: database.db, events, now, portalUrl, client: portalClient, hasToken, imports });
  /** The last successful sync seen: a new one checks the inventory's unchecked codes. */
  let lastSyncSuccess: string | null = null;

  const sync = new SyncEngine({
    db: database.db,
    outbox,
    now,
    portalUrl,
    client: portalClient,
    hasToken,
    intervalMinutes: () => settingsStore.read().syncIntervalMinutes,
    onState: (state) => {
      events.emit('sync.state', state);
      if (state.lastSuccessAt !== null && state.lastSuccessAt !== lastSyncSuccess) {
        lastSyncSuccess = state.lastSuccessAt;
        codes.afterSync();
      }
    },
    onProgress: (progress) => events.emit('sync.progress', progress),
    scheduler: config.scheduler,
    pageSize: config.syncPageSize,
    log: log.child('sync'),
    onCacheChanged: (changed) => {
      if (changed.keys) events.emit('keys.changed', { reason: 'sync' });
      if (changed.servers) events.emit('servers.changed', { reason: 'sync' });
      if (changed.keys) codes.afterCacheChanged('sync');
    },
  });
  lastSyncSuccess = sync.getState().lastSuccessAt;
  const bulk = createBulkFeature({ db: database.db, events, outbox, sync, now, portalUrl, imports });

  const connectivity = new ConnectivityMonitor({
    portalUrl: configuredPortalUrl,
    intervalSeconds: () => settingsStore.read().connectivityCheckSeconds,
    fetch: fetchImpl,
    now,
    onChange: (state) => {
      events.emit('app.onlineChanged', state);
      // Back online: pull what changed while away.
      sync.setOnline(state.online);
    },
  });

  const updates = createUpdatesFeature({
    service: config.updateService ?? unavailableUpdateService('browser-host'),
    events,
    feedUrl: () => settingsStore.read().updateFeedUrl,
  });

  const handlers: Handlers = {
    ...createAppHandlers({
      version: config.version,
      dataDir: config.dataDir,
      databaseFile: database.file,
      host: config.host,
      embeddedPortalUrl: config.embeddedPortalUrl ?? null,
      schemaVersion: () => database.db.pragma('user_version', { simple: true }) as number,
      connectivity,
      settingsFileSetAside: () => settingsStore.unreadableFileSetAside?.() ?? null,
      log,
      now,
      diagnostics: () =>
        buildDiagnostics({
          version: config.version,
          host: config.host,
          dataDir: config.dataDir,
          schemaVersion: () => database.db.pragma('user_version', { simple: true }) as number,
          syncState: () => sync.getState(),
          outboxCountsByStatus: () => outbox.countsByStatus(),
          settings: () => settingsStore.read(),
          now,
          knownSecrets: log.secrets,
        }),
    }),
    ...createSettingsHandlers(settingsStore, events, (next, previous) => {
      if (next.portalUrl !== previous.portalUrl || next.connectivityCheckSeconds !== previous.connectivityCheckSeconds) {
        void connectivity.check();
      }
      if (next.syncIntervalMinutes !== previous.syncIntervalMinutes) sync.reschedule();
    }),
    ...createSessionHandlers({
      db: database.db,
      events,
      secrets,
      settingsStore,
      portalUrlOverride: config.portalUrlOverride ?? null,
      portalUrl,
      client: portalClient,
      onSessionChanged: (status) => {
        void connectivity.check();
        sync.sessionChanged(status.loggedIn);
      },
    }),
    ...createSyncHandlers(sync, outbox, now),
    ...createRedeemHandlers({ db: database.db, outbox, sync, now, portalUrl, client: portalClient, hasToken }),
    ...createSystemsHandlers(database.db, { outbox, sync, now, portalUrl }),
    ...createKeysHandlers(database.db),
    ...createKeysTransferHandlers({
      db: database.db,
      events,
      now,
      keyRows: keyQueryRows(database.db),
      imports,
      log: log.child('keys'),
      closing: closing.signal,
    }),
    ...imports.handlers(),
    ...createSearchHandlers(database.db),
    ...createServersHandlers({ db: database.db, events, outbox, sync, now, portalUrl, client: portalClient, hasToken }),
    ...codes.handlers,
    ...bulk.handlers,
    ...updates.handlers,
  };

  // A crash between a job's last answer and its completion: settled before anything else runs.
  bulk.settleAll();
  sync.start();
  connectivity.start();
  updates.start();
  return {
    server: new ApiServer(handlers, events, log.child('api')),
    events,
    database,
    db: database.db,
    sync,
    outbox,
    codes,
    bulk,
    close() {
      closing.abort();
      sync.stop();
      connectivity.stop();
      updates.stop();
      database.db.close();
    },
  };
}
