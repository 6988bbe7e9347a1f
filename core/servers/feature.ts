import type { CoreDeps, Feature } from '../feature/core-deps';
import type { EventEmitter } from '../rpc/events';
import type { ServersEvents } from './contract';
import { createServersHandlers } from './handlers';

/**
 * `servers.*`. The renderer hears `servers.changed` when a pull changed the servers, and when a
 * server operation was queued, sent, answered or dismissed (its row and pending changes look different).
 */
export function createServersFeature(deps: CoreDeps): Feature<ReturnType<typeof createServersHandlers>> {
  const events: EventEmitter<ServersEvents> = deps.events;
  deps.domain.on('outbox.changed', ({ operation }) => {
    if (operation?.kind === 'server') events.emit('servers.changed', { reason: 'outbox' });
  });
  deps.domain.on('cache.changed', ({ servers }) => {
    if (servers) events.emit('servers.changed', { reason: 'sync' });
  });
  return {
    handlers: createServersHandlers({
      db: deps.db,
      events,
      outbox: deps.outbox,
      sync: deps.sync,
      now: deps.now,
      language: deps.language,
      portalUrl: () => deps.portal.url(),
      client: (url) => deps.portal.client(url),
      hasToken: (url) => deps.portal.hasToken(url),
    }),
  };
}
