import type { Handlers } from '../api/contract';
import { ApiError } from '../api/errors';
import type { Db } from '../db/database';

type KeysQueryHandlers = Pick<Handlers, 'keys.list' | 'keys.get' | 'keys.lookup'>;

// PLACEHOLDER (replaced by the keys-query work in this branch series): the Keys page queries.
export function createKeysHandlers(_db: Db): KeysQueryHandlers {
  const notYet = (): never => {
    throw new ApiError('INTERNAL', 'Not implemented yet.');
  };
  return { 'keys.list': notYet, 'keys.get': notYet, 'keys.lookup': notYet };
}
