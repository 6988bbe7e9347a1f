import type { CoreDeps, Feature } from '../feature/core-deps';
import { createSessionHandlers } from './handlers';

/** `session.*`: signing in and out announces `session.changed` (the engine pulls, the online badge checks). */
export function createSessionFeature(deps: CoreDeps): Feature<ReturnType<typeof createSessionHandlers>> {
  return {
    handlers: createSessionHandlers({
      db: deps.db,
      events: deps.events,
      secrets: deps.secrets,
      settingsStore: deps.settings,
      portalUrlOverride: deps.portal.commandLineUrl,
      portalUrl: () => deps.portal.url(),
      client: (url, token) => deps.portal.client(url, token),
      onSessionChanged: (status) => deps.domain.emit('session.changed', { loggedIn: status.loggedIn }),
      onSettingsSaved: (next, previous) => deps.domain.emit('settings.changed', { next, previous }),
    }),
  };
}
