import type { Handlers } from '../api/contract';
import { ApiError } from '../api/errors';
import type { Db } from '../db/database';

type ServersHandlers = Pick<
  Handlers,
  | 'servers.list'
  | 'servers.get'
  | 'servers.lookupSerial'
  | 'servers.sites'
  | 'servers.save'
  | 'servers.setHidden'
  | 'servers.initiateRma'
  | 'servers.history'
  | 'servers.siteHistory'
  | 'servers.export'
>;

// GROUNDWORK: replaced by the servers feature (issue 11) before it lands.
export function createServersHandlers(_db: Db): ServersHandlers {
  const notYet = (): never => {
    throw new ApiError('INTERNAL', 'The server dashboard is being built.');
  };
  return {
    'servers.list': notYet,
    'servers.get': notYet,
    'servers.lookupSerial': notYet,
    'servers.sites': notYet,
    'servers.save': notYet,
    'servers.setHidden': notYet,
    'servers.initiateRma': notYet,
    'servers.history': notYet,
    'servers.siteHistory': notYet,
    'servers.export': notYet,
  };
}
