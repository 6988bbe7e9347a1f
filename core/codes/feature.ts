import { compactAuthCode } from '../domain/auth-code';
import type { CoreDeps, Feature } from '../feature/core-deps';
import { type CodesFeature, createCodes } from './handlers';

/**
 * `codes.*`. The inventory's statuses follow the cache and the outbox: after a pull changed the
 * keys, after every change of a redemption (only its codes: not a walk over the whole inventory
 * per queueing, send and answer, of which a bulk job makes hundreds), and after a sync, which also
 * checks the codes still unchecked.
 */
export function createCodesFeature(deps: CoreDeps): Feature<CodesFeature['handlers']> & CodesFeature {
  const codes = createCodes({
    db: deps.db,
    events: deps.events,
    now: deps.now,
    language: deps.language,
    portalUrl: () => deps.portal.url(),
    client: (url) => deps.portal.client(url),
    hasToken: (url) => deps.portal.hasToken(url),
    imports: deps.imports,
  });
  deps.domain.on('outbox.changed', ({ operation }) => {
    if (operation?.kind === 'redemption') codes.afterCacheChanged('redemption', operation.request.authCodes.map(compactAuthCode));
  });
  deps.domain.on('cache.changed', ({ keys }) => {
    if (keys) codes.afterCacheChanged('sync');
  });
  deps.domain.on('sync.completed', () => codes.afterSync());
  return codes;
}
