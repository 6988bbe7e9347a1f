import type { CoreDeps, Feature } from '../feature/core-deps';
import { createSyncHandlers } from './handlers';

/** `sync.*` over the outbox and engine in `deps`; the engine follows the session, the connection and the interval setting. */
export function createSyncFeature(deps: CoreDeps): Feature<ReturnType<typeof createSyncHandlers>> {
  const { sync, domain } = deps;
  domain.on('settings.changed', ({ next, previous }) => {
    if (next.syncIntervalMinutes !== previous.syncIntervalMinutes) sync.reschedule();
  });
  domain.on('session.changed', ({ loggedIn }) => sync.sessionChanged(loggedIn));
  // Back online: pull what changed while away.
  domain.on('connectivity.changed', ({ online }) => sync.setOnline(online));
  return {
    handlers: createSyncHandlers(sync, deps.outbox, deps.now),
    start: () => sync.start(),
    stop: () => sync.stop(),
  };
}
