import path from 'node:path';
import type { Handlers } from './api/contract';
import { EventBus } from './api/events';
import { ApiServer } from './api/server';
import { createAppFeature } from './app/feature';
import type { AppInfo } from './app/contract';
import { observingFetch } from './app/connectivity';
import { createBulkFeature } from './bulk/feature';
import type { BulkFeature } from './bulk/handlers';
import { createCodesFeature } from './codes/feature';
import type { CodesFeature } from './codes/handlers';
import { openDatabase, type Db, type OpenedDatabase } from './db/database';
import type { ContractEventSink, CoreDeps, Feature, PortalAccess } from './feature/core-deps';
import { DomainBus } from './feature/domain-events';
import { asDataDirError, ensureUsableDataDir } from './host/data-dir-check';
import { createImportsFeature } from './import/feature';
import { RunningImports } from './import/running-imports';
import { createKeysFeature } from './keys/feature';
import { silentLogger, type Logger } from './log/logger';
import { PortalClient } from './portal/client';
import { normalisePortalUrl } from './portal/errors';
import { createRedeemFeature } from './redeem/feature';
import { createSearchFeature } from './search/feature';
import { FileSecretStore, portalTokenSecretName, SECRETS_FILE_NAME, type SecretStore } from './secrets/secret-store';
import { createServersFeature } from './servers/feature';
import { createSessionFeature } from './session/feature';
import { createSettingsFeature, languageOf } from './settings/feature';
import { processLocales } from './messages/language';
import type { SettingsStore } from './settings/store';
import type { Scheduler, SyncEngine } from './sync/engine';
import { createSyncFeature } from './sync/feature';
import type { OutboxStore } from './sync/outbox';
import { createSyncServices } from './sync/services';
import { createSystemsFeature } from './systems/feature';
import { createUpdatesFeature } from './updates/feature';
import { unavailableUpdateService, type UpdateService } from './updates/service';

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
  /** The operating system's preferred locales, most preferred first (Electron's app.getPreferredSystemLanguages()); the process's environment when not given. */
  systemLocales?: readonly string[];
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

/** Builds the whole core: database, features, API server. Throws what `openAppDatabase` throws. */
export function createCore(config: CoreConfig): Core {
  const now = config.now ?? (() => new Date());
  const log = config.log ?? silentLogger;
  const events = new EventBus();
  const domain = new DomainBus(log.child('core'));
  const database = config.database ?? openAppDatabase({ ...config, now });
  const settings = config.settingsStore;
  const fetchImpl = config.fetch ?? fetch;
  const secrets = config.secretStore ?? new FileSecretStore(path.join(config.dataDir, SECRETS_FILE_NAME));
  /** Aborted by close(): background work still running then ends. */
  const closing = new AbortController();
  const base = {
    db: database.db,
    now,
    log,
    secrets,
    settings,
    language: languageOf(settings, config.systemLocales ?? processLocales()),
    portal: portalAccess(config, settings, secrets, fetchImpl, domain, now),
    fetch: fetchImpl,
    domain,
    events: events as ContractEventSink,
    closing: closing.signal,
  };
  const deps: CoreDeps = {
    ...base,
    ...createSyncServices(base, { scheduler: config.scheduler, pageSize: config.syncPageSize }),
    imports: new RunningImports(events),
    updateService: config.updateService ?? unavailableUpdateService('browser-host'),
    app: {
      version: config.version,
      dataDir: config.dataDir,
      databaseFile: database.file,
      host: config.host,
      embeddedPortalUrl: config.embeddedPortalUrl ?? null,
    },
  };

  // Features only meet through `deps` and its domain events, so any order builds them; this one is
  // the order their renderer events follow one change in (`sync.outbox`, then `keys.changed`, then
  // `servers.changed`, then `codes.changed`, then `bulk.changed`), and their start order.
  const features: Feature[] = [];
  const add = <F extends Feature>(feature: F): F => {
    features.push(feature);
    return feature;
  };
  add(createSyncFeature(deps));
  add(createRedeemFeature(deps));
  add(createKeysFeature(deps));
  add(createServersFeature(deps));
  const codes = add(createCodesFeature(deps));
  const bulk = add(createBulkFeature(deps));
  add(createSystemsFeature(deps));
  add(createSearchFeature(deps));
  add(createImportsFeature(deps));
  add(createAppFeature(deps));
  add(createSettingsFeature(deps));
  add(createSessionFeature(deps));
  add(createUpdatesFeature(deps));
  const handlers = Object.assign({}, ...features.map((feature) => feature.handlers)) as Handlers;

  for (const feature of features) feature.start?.();
  return {
    server: new ApiServer(handlers, events, log.child('api')),
    events,
    database,
    db: database.db,
    sync: deps.sync,
    outbox: deps.outbox,
    codes,
    bulk,
    close() {
      closing.abort();
      for (const feature of features) feature.stop?.();
      database.db.close();
    },
  };
}

/** The portal: command line, then setting, then the embedded sandbox; every request to it tells `portal.reached`. */
function portalAccess(
  config: CoreConfig,
  settings: SettingsStore,
  secrets: SecretStore,
  fetchImpl: typeof fetch,
  domain: DomainBus,
  now: () => Date,
): PortalAccess {
  const configuredUrl = (): string | null => config.portalUrlOverride ?? settings.read().portalUrl ?? config.embeddedPortalUrl ?? null;
  // Every request to the portal tells the online badge whether the portal answered (issue 20, item 5).
  const portalFetch = observingFetch(fetchImpl, (url, reached) => domain.emit('portal.reached', { url, reached }));
  return {
    configuredUrl,
    url: () => {
      const configured = configuredUrl();
      if (!configured) return null;
      const normalised = normalisePortalUrl(configured);
      return normalised.ok ? normalised.url : null;
    },
    commandLineUrl: config.portalUrlOverride ?? null,
    client: (url, token) =>
      new PortalClient({
        portalUrl: url,
        fetch: portalFetch,
        now,
        token: token !== undefined ? () => token : () => secrets.get(portalTokenSecretName(url)),
        timeoutMs: config.portalTimeoutMs,
        changesTimeoutMs: config.portalTimeoutMs,
      }),
    hasToken: async (url) => (await secrets.get(portalTokenSecretName(url))) !== null,
  };
}
