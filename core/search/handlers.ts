import type { Handlers } from '../api/contract';
import { ApiError } from '../api/errors';
import type { Db } from '../db/database';

// PLACEHOLDER (replaced by the keys-query work in this branch series): search from anywhere.
export function createSearchHandlers(_db: Db): Pick<Handlers, 'search.all'> {
  return {
    'search.all': () => {
      throw new ApiError('INTERNAL', 'Not implemented yet.');
    },
  };
}
