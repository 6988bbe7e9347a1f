import type { CoreDeps, Feature } from '../feature/core-deps';
import type { EventEmitter } from '../rpc/events';
import { ConnectivityMonitor } from './connectivity';
import type { AppEvents, AppInfo } from './contract';
import { buildDiagnostics } from './diagnostics';
import { createAppHandlers } from './handlers';

declare module '../feature/core-deps' {
  interface CoreDeps {
    /** What the host says about itself and where the app keeps its data. */
    app: AppHostInfo;
  }
}

export interface AppHostInfo {
  version: string;
  dataDir: string;
  databaseFile: string;
  host: AppInfo['host'];
  /** The sandbox portal the host started in-process, or null. */
  embeddedPortalUrl: string | null;
}

/**
 * `app.*` and the online badge: the connectivity monitor checks the portal on a timer, after a
 * change of portal or check interval and after signing in or out, and hears every portal request's
 * outcome (`portal.reached`); its verdict goes to the renderer (`app.onlineChanged`) and the
 * engine (`connectivity.changed`).
 */
export function createAppFeature(deps: CoreDeps): Feature<ReturnType<typeof createAppHandlers>> {
  const events: EventEmitter<AppEvents> = deps.events;
  const schemaVersion = () => deps.db.pragma('user_version', { simple: true }) as number;
  const connectivity = new ConnectivityMonitor({
    portalUrl: () => deps.portal.configuredUrl(),
    intervalSeconds: () => deps.settings.read().connectivityCheckSeconds,
    fetch: deps.fetch,
    now: deps.now,
    onChange: (state) => {
      events.emit('app.onlineChanged', state);
      deps.domain.emit('connectivity.changed', { online: state.online, portalUrl: state.portalUrl });
    },
  });
  deps.domain.on('portal.reached', ({ url, reached }) => connectivity.observe(url, reached));
  deps.domain.on('settings.changed', ({ next, previous }) => {
    if (next.portalUrl !== previous.portalUrl || next.connectivityCheckSeconds !== previous.connectivityCheckSeconds) {
      void connectivity.check();
    }
  });
  deps.domain.on('session.changed', () => void connectivity.check());

  const handlers = createAppHandlers({
    ...deps.app,
    schemaVersion,
    connectivity,
    settingsFileSetAside: () => deps.settings.unreadableFileSetAside?.() ?? null,
    log: deps.log,
    now: deps.now,
    diagnostics: () =>
      buildDiagnostics({
        version: deps.app.version,
        host: deps.app.host,
        dataDir: deps.app.dataDir,
        schemaVersion,
        syncState: () => deps.sync.getState(),
        outboxCountsByStatus: () => deps.outbox.countsByStatus(),
        settings: () => deps.settings.read(),
        now: deps.now,
        knownSecrets: deps.log.secrets,
      }),
  });
  return { handlers, start: () => connectivity.start(), stop: () => connectivity.stop() };
}
