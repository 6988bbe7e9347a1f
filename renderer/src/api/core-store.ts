import type { ApiClient } from '../../../core/api/client';
import { ApiError } from '../../../core/api/errors';
import type { AppInfo, OnlineState } from '../../../core/app/contract';
import type { Settings, SettingsPatch } from '../../../core/settings/contract';
import type { HostLink } from './connect';

export type HostLinkState = 'connecting' | 'connected' | 'reconnecting';

/** What the whole renderer shares about the core, kept live from its events. */
export interface CoreSnapshot {
  appInfo: AppInfo | null;
  settings: Settings | null;
  online: OnlineState | null;
  /** `reconnecting` once a working link to the browser host dropped, until it is back. */
  connection: HostLinkState;
  /** Why the first load failed (the shell offers to retry), or null. */
  loadError: ApiError | null;
}

/**
 * Holds app info, settings and the online state for React (via useSyncExternalStore). It loads
 * them once, follows `settings.changed` and `app.onlineChanged`, and loads again after the host
 * connection comes back, since events sent while it was down are lost.
 */
export class CoreStore {
  private snapshot: CoreSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly client: ApiClient,
    private readonly link: HostLink | null,
  ) {
    const connection = link && link.status() !== 'connected' ? 'connecting' : 'connected';
    this.snapshot = { appInfo: null, settings: null, online: null, connection, loadError: null };
  }

  /** Starts following the core; returns the function that stops it. */
  start(): () => void {
    const stops = [
      this.client.on('settings.changed', (settings) => this.update({ settings })),
      this.client.on('app.onlineChanged', (online) => this.update({ online })),
    ];
    if (this.link) {
      // The socket may have opened between construction and now.
      if (this.link.status() === 'connected' && this.snapshot.connection === 'connecting') this.update({ connection: 'connected' });
      stops.push(
        this.link.onStatus((status) => {
          const previous = this.snapshot.connection;
          if (status === 'connected') {
            this.update({ connection: 'connected' });
            if (previous === 'reconnecting') void this.load();
          } else if (previous === 'connected') {
            this.update({ connection: 'reconnecting' });
          }
        }),
      );
    }
    void this.load();
    return () => stops.forEach((stop) => stop());
  }

  getSnapshot = (): CoreSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  load = async (): Promise<void> => {
    try {
      const [appInfo, settings] = await Promise.all([this.client.invoke('app.info'), this.client.invoke('settings.get')]);
      this.update({
        appInfo,
        settings,
        online: { online: appInfo.online, portalUrl: appInfo.portalUrl, checkedAt: appInfo.onlineCheckedAt },
        loadError: null,
      });
    } catch (err) {
      this.update({ loadError: toApiError(err) });
    }
  };

  checkOnline = async (): Promise<OnlineState> => {
    const online = await this.client.invoke('app.checkOnline');
    this.update({ online });
    return online;
  };

  saveSettings = async (patch: SettingsPatch): Promise<Settings> => {
    const settings = await this.client.invoke('settings.set', { patch });
    this.update({ settings });
    return settings;
  };

  private update(change: Partial<CoreSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}

/** Anything thrown at the UI becomes an ApiError with a message fit to show (never a stack). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError('INTERNAL', '');
}
