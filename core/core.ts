import path from 'node:path';
import type { Handlers } from './api/contract';
import { EventBus } from './api/events';
import { ApiServer } from './api/server';
import type { AppInfo } from './app/contract';
import { ConnectivityMonitor } from './app/connectivity';
import { createAppHandlers } from './app/handlers';
import { openDatabase, type Db, type OpenedDatabase } from './db/database';
import { createSettingsHandlers } from './settings/handlers';
import type { SettingsStore } from './settings/store';

export const DATABASE_FILE_NAME = 'fieldkey.db';

export interface CoreConfig {
  version: string;
  dataDir: string;
  host: AppInfo['host'];
  settingsStore: SettingsStore;
  /** A portal given on the command line; wins over the setting. */
  portalUrlOverride?: string | null;
  nativeBinding?: string;
  /** The user agreed to set a corrupt database aside and start fresh. */
  recreateCorruptDatabase?: boolean;
  fetch?: typeof fetch;
  now?: () => Date;
}

export interface Core {
  server: ApiServer;
  events: EventBus;
  database: OpenedDatabase;
  db: Db;
  close(): void;
}

/** Builds the whole core: database, features, API server. Throws ApiError DB_TOO_NEW / DB_CORRUPT. */
export function createCore(config: CoreConfig): Core {
  const now = config.now ?? (() => new Date());
  const events = new EventBus();
  const database = openDatabase({
    file: path.join(config.dataDir, DATABASE_FILE_NAME),
    nativeBinding: config.nativeBinding,
    recreateIfCorrupt: config.recreateCorruptDatabase,
    now,
  });
  const settingsStore = config.settingsStore;

  const connectivity = new ConnectivityMonitor({
    portalUrl: () => config.portalUrlOverride ?? settingsStore.read().portalUrl,
    intervalSeconds: () => settingsStore.read().connectivityCheckSeconds,
    fetch: config.fetch ?? fetch,
    now,
    onChange: (state) => events.emit('app.onlineChanged', state),
  });

  const handlers: Handlers = {
    ...createAppHandlers({
      version: config.version,
      dataDir: config.dataDir,
      databaseFile: database.file,
      host: config.host,
      schemaVersion: () => database.db.pragma('user_version', { simple: true }) as number,
      connectivity,
    }),
    ...createSettingsHandlers(settingsStore, events, (next, previous) => {
      if (next.portalUrl !== previous.portalUrl || next.connectivityCheckSeconds !== previous.connectivityCheckSeconds) {
        void connectivity.check();
      }
    }),
  };

  connectivity.start();
  return {
    server: new ApiServer(handlers, events),
    events,
    database,
    db: database.db,
    close() {
      connectivity.stop();
      database.db.close();
    },
  };
}
