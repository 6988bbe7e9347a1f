// Its one job: the renderer's read cache (TanStack Query). One QueryClient per connection, a query
// key per core method and its arguments, and ONE table saying which core event makes which
// methods' answers stale: the core pushes an event, every shown query it names is read again.
import { notifyManager, QueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../../core/api/client';
import type { ArgsOf, EventName, MethodName } from '../../../core/api/contract';

/** The key of `method`'s answer for `args`: `['core', method, args]` (no args: `{}`). */
export function coreQueryKey<M extends MethodName>(method: M, args?: ArgsOf<M>): readonly ['core', M, ArgsOf<M> | Record<string, never>] {
  return ['core', method, args ?? {}];
}

/** The key every query of `method` starts with, whatever its arguments. */
export function coreMethodKey(method: MethodName): readonly ['core', MethodName] {
  return ['core', method];
}

/**
 * Which reads each core event makes stale. The only place a page's "ask again when the core says
 * it changed" lives: a new read that follows an event is added here, not in the page.
 */
export const INVALIDATED_BY: { readonly [E in EventName]?: readonly MethodName[] } = {
  /** The cache's keys changed (a pull page, a redemption's answer, an import, a system added or renamed). */
  'keys.changed': ['keys.list', 'keys.lookup', 'systems.search'],
  /** The cached servers changed (a pull page, a change queued here, the portal's answer). */
  'servers.changed': ['servers.list', 'servers.get', 'servers.history', 'servers.siteHistory'],
  /** The inventory changed (an import, a check, a sync, a redemption's answer). */
  'codes.changed': ['codes.list', 'codes.balance'],
  /** A bulk job was created, changed state or made progress. */
  'bulk.changed': ['bulk.list', 'bulk.get'],
  /** The outbox changed: an operation was queued, sent, answered or dismissed. */
  'sync.outbox': ['sync.outbox'],
};

/**
 * The app's client. Reads are asked when a view shows them and again only when an event (or a
 * change made here) invalidates them: no retries (the failure is shown with Try again), no
 * re-reads on focus, and nothing is kept once no view shows it.
 */
export function createCoreQueryClient(): QueryClient {
  // An answer reaches the views in the microtask it arrives in, as a hand-made `setState` did, not a
  // timer later (TanStack's default): what shows never lags what the core answered.
  notifyManager.setScheduler(queueMicrotask);
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        gcTime: 0,
      },
    },
  });
}

/**
 * Follows the core's events: each one in INVALIDATED_BY reads its methods' shown queries again.
 * One read per method at a time: events arriving while it runs ask for one more read after it, so
 * a burst (a bulk job answered operation by operation) costs one read, never older than the last
 * event. Returns the function that stops following.
 */
export function followCoreEvents(client: ApiClient, queryClient: QueryClient): () => void {
  const running = new Set<MethodName>();
  const again = new Set<MethodName>();

  const readAgain = async (method: MethodName) => {
    if (running.has(method)) {
      again.add(method);
      return;
    }
    running.add(method);
    try {
      do {
        again.delete(method);
        await queryClient.invalidateQueries({ queryKey: coreMethodKey(method) });
      } while (again.has(method));
    } finally {
      running.delete(method);
    }
  };

  const stops = (Object.keys(INVALIDATED_BY) as EventName[]).map((event) =>
    client.on(event, () => {
      for (const method of INVALIDATED_BY[event] ?? []) void readAgain(method);
    }),
  );
  return () => {
    for (const stop of stops) stop();
  };
}
