import type { HandlersOf } from '../rpc/define';
import type { syncMethods } from './contract';
import type { SyncEngine } from './engine';
import type { OutboxStore } from './outbox';

type SyncHandlers = Pick<HandlersOf<typeof syncMethods>, 'sync.now' | 'sync.status' | 'sync.outbox' | 'sync.dismiss'>;

export function createSyncHandlers(engine: SyncEngine, outbox: OutboxStore, now: () => Date): SyncHandlers {
  return {
    'sync.now': () => engine.syncNow(),
    'sync.status': () => engine.status(),
    'sync.outbox': ({ statuses, limit }) => ({ operations: outbox.list(statuses, limit), counts: outbox.counts() }),
    'sync.dismiss': ({ id }) => outbox.dismiss(id, now),
  };
}
