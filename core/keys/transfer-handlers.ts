import type { Handlers } from '../api/contract';
import { ApiError } from '../api/errors';
import type { EventBus } from '../api/events';
import type { Db } from '../db/database';

type KeysTransferHandlers = Pick<Handlers, 'keys.export' | 'keys.cancelExport' | 'keys.exportSystem' | 'keys.import'>;

// PLACEHOLDER (replaced by the import/export work in this branch series): Excel export and the portal-export import.
export function createKeysTransferHandlers(_deps: { db: Db; events: EventBus; now: () => Date }): KeysTransferHandlers {
  const notYet = (): never => {
    throw new ApiError('INTERNAL', 'Not implemented yet.');
  };
  return { 'keys.export': notYet, 'keys.cancelExport': notYet, 'keys.exportSystem': notYet, 'keys.import': notYet };
}
