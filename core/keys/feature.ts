import type { CoreDeps, Feature } from '../feature/core-deps';
import type { EventEmitter } from '../rpc/events';
import type { KeysEvents } from './contract';
import { createKeysHandlers } from './handlers';
import { createKeysTransferHandlers, keyQueryRows } from './transfer-handlers';

/**
 * `keys.*`: the feature keys cache, read, exported and imported. The renderer hears
 * `keys.changed` when a pull changed the cache or a redemption's answer stored keys in it.
 */
export function createKeysFeature(
  deps: CoreDeps,
): Feature<ReturnType<typeof createKeysHandlers> & ReturnType<typeof createKeysTransferHandlers>> {
  const events: EventEmitter<KeysEvents> = deps.events;
  deps.domain.on('redemption.answered', ({ redeemed }) => {
    if (redeemed.length > 0) events.emit('keys.changed', { reason: 'redemption' });
  });
  deps.domain.on('cache.changed', ({ keys }) => {
    if (keys) events.emit('keys.changed', { reason: 'sync' });
  });
  return {
    handlers: {
      ...createKeysHandlers(deps.db),
      ...createKeysTransferHandlers({
        db: deps.db,
        events: deps.events,
        now: deps.now,
        keyRows: keyQueryRows(deps.db),
        language: deps.language,
        imports: deps.imports,
        log: deps.log.child('keys'),
        closing: deps.closing,
      }),
    },
  };
}
