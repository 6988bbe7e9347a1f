import type { Handlers } from '../api/contract';
import type { AppInfo } from './contract';
import type { ConnectivityMonitor } from './connectivity';

type AppHandlers = Pick<Handlers, 'app.info' | 'app.checkOnline'>;

export interface AppHandlerDeps {
  version: string;
  dataDir: string;
  databaseFile: string;
  host: AppInfo['host'];
  embeddedPortalUrl: string | null;
  schemaVersion: () => number;
  connectivity: ConnectivityMonitor;
  settingsFileSetAside: () => string | null;
}

export function createAppHandlers(deps: AppHandlerDeps): AppHandlers {
  return {
    'app.info': () => {
      const online = deps.connectivity.state();
      return {
        version: deps.version,
        dataDir: deps.dataDir,
        databaseFile: deps.databaseFile,
        schemaVersion: deps.schemaVersion(),
        portalUrl: online.portalUrl,
        embeddedPortalUrl: deps.embeddedPortalUrl,
        online: online.online,
        onlineCheckedAt: online.checkedAt,
        host: deps.host,
        settingsFileSetAside: deps.settingsFileSetAside(),
      };
    },
    'app.checkOnline': () => deps.connectivity.check(),
  };
}
