import type { HandlersOf } from '../rpc/define';
import type { appMethods, AppInfo } from './contract';
import type { ConnectivityMonitor } from './connectivity';
import type { ExportedFile } from '../export/contract';
import type { Logger } from '../log/logger';
import { rendererErrorReporter } from './report-error';

type AppHandlers = Pick<HandlersOf<typeof appMethods>, 'app.info' | 'app.checkOnline' | 'app.reportError' | 'app.diagnostics'>;

export interface AppHandlerDeps {
  version: string;
  dataDir: string;
  databaseFile: string;
  host: AppInfo['host'];
  embeddedPortalUrl: string | null;
  schemaVersion: () => number;
  connectivity: ConnectivityMonitor;
  settingsFileSetAside: () => string | null;
  log: Logger;
  now: () => Date;
  diagnostics: () => Promise<ExportedFile>;
}

export function createAppHandlers(deps: AppHandlerDeps): AppHandlers {
  const reportError = rendererErrorReporter(deps.log.child('renderer'), deps.now);
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
    'app.reportError': (report) => reportError(report),
    'app.diagnostics': () => deps.diagnostics(),
  };
}
