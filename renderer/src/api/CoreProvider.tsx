import { QueryClientProvider } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { ApiClient } from '../../../core/api/client';
import type { HostLink } from './connect';
import { CoreStore, type CoreSnapshot } from './core-store';
import { createCoreQueryClient, followCoreEvents } from './query-client';

const CoreStoreContext = createContext<CoreStore | null>(null);

export function CoreProvider({ client, link, children }: { client: ApiClient; link: HostLink | null; children: ReactNode }) {
  const store = useMemo(() => new CoreStore(client, link), [client, link]);
  // One read cache per connection, kept live from the core's events (query-client.ts).
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new connection starts with an empty cache
  const queryClient = useMemo(() => createCoreQueryClient(), [client]);
  useEffect(() => store.start(), [store]);
  useEffect(() => followCoreEvents(client, queryClient), [client, queryClient]);
  return (
    <CoreStoreContext.Provider value={store}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </CoreStoreContext.Provider>
  );
}

function useCoreStore(): CoreStore {
  const store = useContext(CoreStoreContext);
  if (!store) throw new Error('useCoreStore must be used inside <CoreProvider>.');
  return store;
}

function useSnapshot(): CoreSnapshot {
  const store = useCoreStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** The typed API client: the only way to reach the core. */
export function useApi(): ApiClient {
  return useCoreStore().client;
}

export function useAppInfo() {
  const store = useCoreStore();
  const { appInfo, loadError } = useSnapshot();
  return { appInfo, loadError, reload: store.load };
}

/** The settings, live from `settings.changed`; `save` goes through `settings.set`. */
export function useSettings() {
  const store = useCoreStore();
  const { settings } = useSnapshot();
  return { settings, save: store.saveSettings };
}

/** Whether the portal answers, live from `app.onlineChanged`; `checkNow` calls `app.checkOnline`. */
export function useOnlineState() {
  const store = useCoreStore();
  const { online } = useSnapshot();
  return { online, checkNow: store.checkOnline };
}

/** The WebSocket link to the browser host; always `connected` in the desktop app. */
export function useHostConnection() {
  return useSnapshot().connection;
}

/** Who is signed in, live from `session.changed`; `login` / `logout` call the core. */
export function useSession() {
  const store = useCoreStore();
  const { session, sessionSettled } = useSnapshot();
  return { session, sessionSettled, login: store.login, logout: store.logout };
}

/** The sync engine's state, counts and progress, live from `sync.state` / `sync.progress`. */
export function useSync() {
  const store = useCoreStore();
  const { sync, progress } = useSnapshot();
  return { sync, progress, syncNow: store.syncNow, reload: store.loadSync };
}
