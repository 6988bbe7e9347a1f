import type { Handlers } from '../api/contract';
import { ApiError } from '../api/errors';
import type { Db } from '../db/database';
import { parseMac } from '../domain/mac';
import { SystemSearch } from './system-search';

type SystemsHandlers = Pick<Handlers, 'systems.search' | 'systems.get' | 'systems.add'>;

/** The systems in the local cache: answered offline, never from the portal. */
export function createSystemsHandlers(db: Db): SystemsHandlers {
  const systems = new SystemSearch(db);
  return {
    'systems.search': ({ query, limit }) => ({ systems: systems.search(query, limit) }),
    'systems.get': ({ mac }) => {
      const parsed = parseMac(mac);
      if (!parsed.ok) {
        throw new ApiError('VALIDATION', `Invalid arguments for systems.get: mac: ${parsed.message}`, {
          fields: [{ field: 'mac', message: parsed.message }],
        });
      }
      return systems.get(parsed.mac);
    },
    // PLACEHOLDER (replaced by the Add Systems work in this branch series).
    'systems.add': () => {
      throw new ApiError('INTERNAL', 'Not implemented yet.');
    },
  };
}
