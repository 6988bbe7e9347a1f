import type { CoreDeps, Feature } from '../feature/core-deps';
import { type BulkFeature, createBulk } from './handlers';

/**
 * `bulk.*`. A job follows its operations' answers (`outbox.changed`) and completes with the last;
 * a crash between a job's last answer and its completion is settled here, when the feature is
 * built, before any feature starts (the engine sends nothing before).
 */
export function createBulkFeature(deps: CoreDeps): Feature<BulkFeature['handlers']> & BulkFeature {
  const bulk = createBulk({
    db: deps.db,
    events: deps.events,
    outbox: deps.outbox,
    sync: deps.sync,
    now: deps.now,
    language: deps.language,
    portalUrl: () => deps.portal.url(),
    imports: deps.imports,
  });
  deps.domain.on('outbox.changed', ({ operation }) => bulk.afterOutboxChange(operation));
  bulk.settleAll();
  return bulk;
}
