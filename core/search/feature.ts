import type { CoreDeps, Feature } from '../feature/core-deps';
import { createSearchHandlers } from './handlers';

/** `search.all`: one query over the cache's keys, systems and customers. */
export function createSearchFeature(deps: CoreDeps): Feature<ReturnType<typeof createSearchHandlers>> {
  return { handlers: createSearchHandlers(deps.db) };
}
