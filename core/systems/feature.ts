import type { CoreDeps, Feature } from '../feature/core-deps';
import { createSystemsHandlers } from './handlers';

/** `systems.*`: the cache's systems, and adding them through the outbox. */
export function createSystemsFeature(deps: CoreDeps): Feature<ReturnType<typeof createSystemsHandlers>> {
  return {
    handlers: createSystemsHandlers(deps.db, { outbox: deps.outbox, sync: deps.sync, now: deps.now, portalUrl: () => deps.portal.url() }),
  };
}
