import type { ApiClient } from '../../../core/api/client';
import { ApiError } from '../../../core/rpc/errors';
import type { AppInfo, OnlineState } from '../../../core/app/contract';
import type { SessionStatus } from '../../../core/session/contract';
import type { Settings, SettingsPatch } from '../../../core/settings/contract';
import type { SyncProgress, SyncRunResult, SyncState, SyncStatus } from '../../../core/sync/contract';
import type { HostLink } from './connect';

export type HostLinkState = 'connecting' | 'connected' | 'reconnecting';

/** What the whole renderer shares about the core, kept live from its events. */
export interface CoreSnapshot {
  appInfo: AppInfo | null;
  settings: Settings | null;
  online: OnlineState | null;
  /** Who is signed in to which portal, live from `session.changed`. */
  session: SessionStatus | null;
  /**
   * Whether the first `session.status` has answered (or failed): until then the app cannot tell
   * Sign in from Redeem as its first page, so it shows neither.
   */
  sessionSettled: boolean;
  /** The sync engine's state and cache counts, live from `sync.state` (counts reloaded after each run). */
  sync: SyncStatus | null;
  /** Progress of the pull under way (from `sync.progress`), or null when none has run yet. */
  progress: SyncProgress | null;
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
    this.snapshot = {
      appInfo: null,
      settings: null,
      online: null,
      session: null,
      sessionSettled: false,
      sync: null,
      progress: null,
      connection,
      loadError: null,
    };
  }

  /** Starts following the core; returns the function that stops it. */
  start(): () => void {
    const stops = [
      this.client.on('settings.changed', (settings) => this.update({ settings })),
      this.client.on('app.onlineChanged', (online) => this.update({ online })),
      this.client.on('session.changed', (session) => {
        this.update({ session, sessionSettled: true });
        void this.loadSync();
      }),
      this.client.on('sync.state', (state) => this.applySyncState(state)),
      this.client.on('sync.progress', (progress) => this.update({ progress })),
      this.client.on('sync.outbox', ({ counts, operation }) => {
        const sync = this.snapshot.sync;
        if (sync) this.update({ sync: { ...sync, outbox: counts } });
        // An answered redemption put keys (and maybe a system) into the cache: recount.
        if (operation?.status === 'done' || operation?.status === 'needs_attention') void this.loadSync();
      }),
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
    return () => {
      for (const stop of stops) stop();
    };
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
    await Promise.all([this.loadSession(), this.loadSync()]);
  };

  /** Session and sync facts load on their own: a failure there must not hide the whole app. */
  loadSession = async (): Promise<void> => {
    try {
      this.update({ session: await this.client.invoke('session.status'), sessionSettled: true });
    } catch {
      // Shown as unknown (null); the next session.changed event or reload fills it in.
      this.update({ sessionSettled: true });
    }
  };

  loadSync = async (): Promise<void> => {
    try {
      this.update({ sync: await this.client.invoke('sync.status') });
    } catch {
      // As above: the Sync page shows what it has and updates from the next event.
    }
  };

  login = async (args: { portalUrl?: string; username: string; password: string }): Promise<SessionStatus> => {
    const session = await this.client.invoke('session.login', args);
    this.update({ session });
    return session;
  };

  logout = async (): Promise<SessionStatus> => {
    const session = await this.client.invoke('session.logout');
    this.update({ session });
    return session;
  };

  syncNow = async (): Promise<SyncRunResult> => {
    const result = await this.client.invoke('sync.now');
    this.applySyncState(result.state);
    await this.loadSync();
    return result;
  };

  private applySyncState(state: SyncState): void {
    const previous = this.snapshot.sync;
    const started = state.running && !previous?.running;
    const finished = !state.running && previous?.running === true;
    // A sync is a fresher sign of whether the portal answers than the periodic check, so the
    // badge follows it too (the check's time stays the check's own).
    const online = this.snapshot.online;
    const onlineChanged = online !== null && online.portalUrl === state.portalUrl && online.online !== state.online;
    this.update({
      sync: previous ? { ...previous, ...state } : null,
      ...(started ? { progress: { phase: 'pull', applied: 0 } } : {}),
      ...(onlineChanged ? { online: { ...online, online: state.online } } : {}),
    });
    // The counts are not in the event: fetch them when a run ends (or when we have none yet).
    if (finished || !previous) void this.loadSync();
  }

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
