/**
 * Bulk redemption jobs: placeholder until the job store lands (issue 12). Every method refuses
 * with a sentence, so the contract is complete and the page can be built against it.
 */
import type { Handlers } from '../api/contract';
import { ApiError } from '../api/errors';

export type BulkHandlers = Pick<
  Handlers,
  | 'bulk.list'
  | 'bulk.get'
  | 'bulk.createFromFile'
  | 'bulk.createFromInventory'
  | 'bulk.replaceFile'
  | 'bulk.rename'
  | 'bulk.delete'
  | 'bulk.start'
  | 'bulk.export'
>;

const notYet = (): never => {
  throw new ApiError('INTERNAL', 'Bulk redemption is not available yet.');
};

export function createBulkHandlers(): BulkHandlers {
  return {
    'bulk.list': () => ({ jobs: [] }),
    'bulk.get': notYet,
    'bulk.createFromFile': notYet,
    'bulk.createFromInventory': notYet,
    'bulk.replaceFile': notYet,
    'bulk.rename': notYet,
    'bulk.delete': notYet,
    'bulk.start': notYet,
    'bulk.export': notYet,
  };
}
