import type { HandlersOf } from '../rpc/define';
import type { systemsMethods } from './contract';
import { ApiError, invalidArgument } from '../rpc/errors';
import type { Db } from '../db/database';
import { say } from '../messages/say';
import { parseMac } from '../domain/mac';
import { addSystems, plannedRenames, type AddSystemsDeps } from './add-systems';
import { SystemSearch } from './system-search';

type SystemsHandlers = Pick<HandlersOf<typeof systemsMethods>, 'systems.search' | 'systems.get' | 'systems.add' | 'systems.renamesFor'>;

/**
 * The systems in the local cache: searched and read offline, never from the portal. Adding goes
 * to the cache at once and to the portal through the outbox (`adding`: without it, as in tests of
 * search alone, systems.add is refused).
 */
export function createSystemsHandlers(db: Db, adding?: Omit<AddSystemsDeps, 'db'>): SystemsHandlers {
  const systems = new SystemSearch(db);
  return {
    'systems.search': ({ query, limit }) => ({ systems: systems.search(query, limit) }),
    'systems.get': ({ mac }) => {
      const parsed = parseMac(mac);
      if (!parsed.ok) throw invalidArgument('systems.get', 'mac', parsed);
      return systems.get(parsed.mac);
    },
    'systems.add': ({ systems, renames }) => {
      if (!adding) throw new ApiError('INTERNAL', say('systems.add.unavailable'));
      return addSystems({ db, ...adding }, systems, renames);
    },
    'systems.renamesFor': ({ systems }) => ({ renames: plannedRenames(db, systems) }),
  };
}
