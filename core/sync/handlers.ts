import type { Handlers } from '../api/contract';
import type { SyncEngine } from './engine';

type SyncHandlers = Pick<Handlers, 'sync.now' | 'sync.status'>;

export function createSyncHandlers(engine: SyncEngine): SyncHandlers {
  return {
    'sync.now': () => engine.syncNow(),
    'sync.status': () => engine.status(),
  };
}
