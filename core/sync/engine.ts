/**
 * The sync engine: decides when to push the outbox and pull the portal's changes, runs one of
 * each at a time, and keeps the state the badge and the Sync page show. A sync run pushes first
 * (so the pull brings back what the portal made of it), then pulls. When: on `sync.now`, every
 * `syncIntervalMinutes`, when the portal becomes reachable again, after a login, and after the
 * delay a busy portal asks for. The outbox is also pushed on its own: at once when something is
 * queued, and after a backoff when a send failed.
 */
import type { Db } from '../db/database';
import type { ChangesResponse } from '../portal-api/schemas';
import type { SyncError, SyncErrorKind, SyncProgress, SyncRunResult, SyncState, SyncStatus } from './contract';
import type { Message } from '../messages/catalogue';
import { say } from '../messages/say';
import type { PortalClient } from '../portal/client';
import { isPortalError } from '../portal/errors';
import type { OutboxStore } from './outbox';
import { ChangeApplier } from './pull';
import { pushOutbox, type PushRunResult } from './push';
import { SyncStateTable } from './sync-state';
import { silentLogger, type Logger } from '../log/logger';

/** Runs `callback` after `delayMs`; returns a cancel function. Injected so tests see every delay. */
export type Scheduler = (callback: () => void, delayMs: number) => () => void;

export const realScheduler: Scheduler = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs);
  timer.unref?.();
  return () => clearTimeout(timer);
};

export interface SyncEngineDeps {
  db: Db;
  now: () => Date;
  /** The portal in effect (normalised), or null. */
  portalUrl: () => string | null;
  /** A client for that portal, carrying its token. */
  client: (portalUrl: string) => PortalClient;
  hasToken: (portalUrl: string) => Promise<boolean>;
  intervalMinutes: () => number;
  onState: (state: SyncState) => void;
  onProgress: (progress: SyncProgress) => void;
  scheduler?: Scheduler;
  /** Changes per /changes request (the portal caps it at 10,000). */
  pageSize?: number;
  outbox: OutboxStore;
  /** In [0, 1), for the backoff jitter. */
  random?: () => number;
  /** After a pull run that applied changes to the cache (the core emits `keys.changed` and `servers.changed`). */
  onCacheChanged?: (changed: CacheChange) => void;
  /** Where failed pulls and pushes are recorded. */
  log?: Logger;
}

/** Which parts of the cache a pull (or the search index build) changed. */
export interface CacheChange {
  /** SKUs, systems, feature keys (or their search index). */
  keys: boolean;
  /** Servers and their history. */
  servers: boolean;
}

export const DEFAULT_PAGE_SIZE = 5000;

export class SyncEngine {
  private readonly applier: ChangeApplier;
  private readonly log: Logger;
  private readonly syncState: SyncStateTable;
  private readonly scheduler: Scheduler;
  private inFlight: Promise<SyncRunResult> | undefined;
  private cancelTimer: (() => void) | undefined;
  private pushing: Promise<PushRunResult> | undefined;
  private pushAgain = false;
  private cancelPushTimer: (() => void) | undefined;
  private stopped = true;
  private state: SyncState;
  private indexing: Promise<void> | undefined;
  /** Set by stop(): a background index build ends at its next chunk. */
  private halted = false;

  constructor(private readonly deps: SyncEngineDeps) {
    this.applier = new ChangeApplier(deps.db);
    this.log = deps.log ?? silentLogger;
    this.syncState = new SyncStateTable(deps.db);
    this.scheduler = deps.scheduler ?? realScheduler;
    const portalUrl = deps.portalUrl();
    this.state = {
      running: false,
      online: false,
      loginNeeded: false,
      lastSuccessAt: portalUrl ? this.syncState.get(portalUrl, 'lastSuccessAt') : null,
      lastError: null,
      nextPullAt: null,
      portalUrl,
    };
  }

  /** Starts the schedule; the first pull comes from connectivity (`setOnline`) or the interval. */
  start(): void {
    this.stopped = false;
    this.halted = false;
    this.deps.outbox.recoverAfterCrash(this.deps.now());
    this.schedule(this.intervalMs());
    // Whatever a previous run left queued goes out as soon as possible.
    const portalUrl = this.deps.portalUrl();
    if (portalUrl && this.deps.outbox.nextToSend(portalUrl)) this.schedulePush(0);
    // A search index a first sync left unfinished (the app closed or crashed meanwhile).
    if (this.applier.searchIndexDeferred()) void this.buildSearchIndex();
  }

  /**
   * Builds the search index a first full sync (or a large import) left short, one transaction of
   * about 40 ms at a time with a turn of the event loop between chunks, so every other call is
   * answered while it runs (a million keys take one to two minutes of work in all). Writes in between are indexed
   * by the triggers or by a later chunk. Concurrent callers share the run; resolves when the
   * index is complete or the engine stopped.
   */
  buildSearchIndex(): Promise<void> {
    this.indexing ??= (async () => {
      try {
        if (await this.applier.buildSearchIndexInBackground(() => this.halted)) {
          this.deps.onCacheChanged?.({ keys: true, servers: false });
        }
      } catch (err) {
        // The database closed under it (the app is quitting) or a write failed: searches keep
        // scanning, and the next start or completed pull resumes from the frontier.
        if (!this.halted) this.log.error('sync.search_index_failed', {}, err);
      }
    })().finally(() => {
      this.indexing = undefined;
    });
    return this.indexing;
  }

  stop(): void {
    this.stopped = true;
    this.halted = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.cancelPushTimer?.();
    this.cancelPushTimer = undefined;
  }

  getState(): SyncState {
    return { ...this.state, portalUrl: this.deps.portalUrl() };
  }

  status(): SyncStatus {
    const state = this.getState();
    const count = (table: string) => this.deps.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return {
      ...state,
      cursor: state.portalUrl ? this.applier.cursorFor(state.portalUrl) : 0,
      cached: { skus: count('skus'), systems: count('systems'), featureKeys: count('feature_keys') },
      outbox: this.deps.outbox.counts(),
    };
  }

  /**
   * Sends the outbox now, oldest first; concurrent callers share the run, and a call made while
   * a run is under way makes it look again at the end, so a just-queued operation is included.
   */
  pushNow(): Promise<PushRunResult> {
    if (this.pushing) {
      this.pushAgain = true;
      return this.pushing;
    }
    this.pushing = (async () => {
      let result: PushRunResult;
      do {
        this.pushAgain = false;
        result = await this.pushOnce();
      } while (this.pushAgain && result.ok);
      return result;
    })().finally(() => {
      this.pushing = undefined;
    });
    return this.pushing;
  }

  private async pushOnce(): Promise<PushRunResult> {
    this.cancelPushTimer?.();
    this.cancelPushTimer = undefined;
    const portalUrl = this.deps.portalUrl();
    const idle: PushRunResult = { ok: true, sent: 0, stoppedBy: null, retryInMs: null };
    if (!portalUrl || !this.deps.outbox.nextToSend(portalUrl)) return idle;
    try {
      if (!(await this.deps.hasToken(portalUrl))) {
        this.update({ loginNeeded: true });
        return { ok: false, sent: 0, stoppedBy: new Error('Log in to the portal to send what is queued.'), retryInMs: null };
      }
      const result = await pushOutbox({
        outbox: this.deps.outbox,
        client: this.deps.client(portalUrl),
        portalUrl,
        now: this.deps.now,
        random: this.deps.random ?? Math.random,
      });
      if (result.ok) {
        if (result.sent > 0) this.update({ online: true });
      } else {
        const cause = result.stoppedBy;
        const described = this.describe(cause);
        this.logFailure('sync.push_failed', described, cause);
        this.update({ lastError: described });
        if (isPortalError(cause)) this.update({ online: cause.kind !== 'offline' && cause.kind !== 'timeout' });
        if (result.retryInMs !== null) this.schedulePush(result.retryInMs);
      }
      return result;
    } catch (err) {
      // The database refused a write: the operation stays where it was; try again later.
      const described = this.describe(err);
      this.logFailure('sync.push_failed', described, err);
      this.update({ lastError: described });
      this.schedulePush(60_000);
      return { ok: false, sent: 0, stoppedBy: err instanceof Error ? err : new Error(String(err)), retryInMs: 60_000 };
    }
  }

  private schedulePush(delayMs: number): void {
    this.cancelPushTimer?.();
    this.cancelPushTimer = undefined;
    if (this.stopped || this.state.loginNeeded) return;
    this.cancelPushTimer = this.scheduler(() => {
      this.cancelPushTimer = undefined;
      void this.pushNow();
    }, delayMs);
  }

  /** Pulls now; concurrent callers share one run. */
  syncNow(): Promise<SyncRunResult> {
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** The connectivity monitor's view; coming back online pulls at once. */
  setOnline(online: boolean): void {
    const cameOnline = online && !this.state.online;
    this.update({ online });
    if (cameOnline && !this.state.loginNeeded && !this.stopped) void this.syncNow();
  }

  /** After a login or logout: clear or set the login-needed pause, and pull after a login. */
  sessionChanged(loggedIn: boolean): void {
    this.update({ loginNeeded: !loggedIn, lastError: loggedIn ? null : this.state.lastError, portalUrl: this.deps.portalUrl() });
    if (loggedIn && !this.stopped) void this.syncNow();
    else this.cancelTimer?.();
  }

  /** The interval setting changed. */
  reschedule(): void {
    if (!this.state.running) this.schedule(this.intervalMs());
  }

  private async run(): Promise<SyncRunResult> {
    this.cancelTimer?.();
    const portalUrl = this.deps.portalUrl();
    let applied = 0;
    let fullResync = false;
    const changed: CacheChange = { keys: false, servers: false };
    if (!portalUrl) {
      return this.finish(syncError('no_portal', say('syncState.noPortal')), applied, fullResync);
    }
    try {
      if (!(await this.deps.hasToken(portalUrl))) {
        this.update({ loginNeeded: true });
        return this.finish(syncError('login_needed', say('syncState.logIn')), applied, fullResync);
      }
      this.update({ running: true, portalUrl });
      // Push first: the pull then brings back what the portal made of it.
      const push = await this.pushNow();
      if (!push.ok && push.stoppedBy) {
        if (isPortalError(push.stoppedBy)) throw push.stoppedBy;
        if (!(await this.deps.hasToken(portalUrl))) {
          this.update({ loginNeeded: true });
          return this.finish(syncError('login_needed', say('syncState.logIn')), applied, fullResync);
        }
      }
      const client = this.deps.client(portalUrl);
      const pageSize = this.deps.pageSize ?? DEFAULT_PAGE_SIZE;
      let clearCache = this.applier.cacheBelongsToAnotherPortal(portalUrl);
      let cursor = this.applier.cursorFor(portalUrl);
      /** Where this run's feed reading began (for the progress fraction). */
      let startCursor: number | undefined;
      fullResync = clearCache;
      this.deps.onProgress({ phase: fullResync ? 'full_resync' : 'pull', applied });
      // The next page is fetched while this one is applied; it is only applied after this
      // page's transaction has committed, so atomicity per page is unchanged.
      let nextPage: Promise<ChangesResponse> | null = null;
      const fetchPage = (from: number) => {
        const promise = client.changes(from, pageSize);
        promise.catch(() => undefined); // awaited (and reported) when its turn comes, or abandoned
        return promise;
      };
      for (;;) {
        let page: ChangesResponse;
        try {
          page = await (nextPage ?? fetchPage(cursor));
          nextPage = null;
        } catch (err) {
          nextPage = null;
          // Too old a cursor: rebuild from the start, once per run. The first page clears the
          // cache in its own transaction, so the outbox (and a failed rebuild) lose nothing.
          if (isPortalError(err) && err.kind === 'cursor_expired' && !fullResync) {
            fullResync = true;
            clearCache = true;
            cursor = 0;
            startCursor = undefined;
            this.deps.onProgress({ phase: 'full_resync', applied });
            continue;
          }
          throw err;
        }
        if (page.hasMore && page.nextCursor <= cursor) {
          throw new Error(`The portal's change feed did not advance past ${cursor}.`);
        }
        if (page.hasMore) nextPage = fetchPage(page.nextCursor);
        // A pull from the start fills the cache from nothing: the search index is built once at the end.
        const deferSearchIndex = clearCache || (startCursor ?? cursor) === 0;
        applied += this.applier.applyPage(page, { portalUrl, clearCache, now: this.deps.now(), deferSearchIndex });
        if (clearCache) {
          changed.keys = true;
          changed.servers = true;
        }
        for (const change of page.changes) {
          if (change.entity === 'server' || change.entity === 'serverHistory') changed.servers = true;
          else changed.keys = true;
        }
        clearCache = false;
        startCursor ??= cursor;
        cursor = page.nextCursor;
        this.deps.onProgress({ phase: fullResync ? 'full_resync' : 'pull', applied, ...feedFraction(startCursor, cursor, page) });
        if (!page.hasMore) break;
      }
      // Caught up: build the index a first sync (this one, or one a crash cut short) emptied,
      // in the background.
      if (this.applier.searchIndexDeferred()) void this.buildSearchIndex();
      const lastSuccessAt = this.deps.now().toISOString();
      this.syncState.set(portalUrl, 'lastSuccessAt', lastSuccessAt);
      this.update({ lastSuccessAt, online: true, loginNeeded: false });
      this.deps.onProgress({ phase: 'done', applied });
      return this.finish(null, applied, fullResync, undefined, changed);
    } catch (err) {
      return this.finish(this.describe(err), applied, fullResync, err, changed);
    }
  }

  private finish(
    error: SyncError | null,
    applied: number,
    fullResync: boolean,
    cause?: unknown,
    changed: CacheChange = { keys: applied > 0, servers: false },
  ): SyncRunResult {
    if (changed.keys || changed.servers) this.deps.onCacheChanged?.(changed);
    let delay: number | null = this.intervalMs();
    if (error?.kind === 'login_needed' || error?.kind === 'no_portal') delay = null;
    if (isPortalError(cause)) {
      if (cause.kind === 'offline' || cause.kind === 'timeout') this.update({ online: false });
      else this.update({ online: true });
      // Never sooner than the portal asked; without a readable Retry-After, a minute.
      if (cause.kind === 'retry_later') delay = cause.retryAfterMs ?? 60_000;
    }
    if (error) this.logFailure('sync.pull_failed', error, cause);
    this.update({ running: false, lastError: error, nextPullAt: null });
    if (delay !== null && !this.stopped) this.schedule(delay);
    return { ok: error === null, applied, fullResync, state: this.getState() };
  }

  /**
   * A failure inside FieldKey is an error with its stack; the portal being away or refusing is a
   * warning (the kind and the portal's sentence); needing to sign in is ordinary.
   */
  private logFailure(event: string, error: SyncError, cause: unknown): void {
    const fields = { kind: error.kind, message: error.message, portalUrl: this.deps.portalUrl() };
    if (error.kind === 'internal') this.log.error(event, fields, cause);
    else if (error.kind === 'login_needed' || error.kind === 'no_portal') this.log.info(event, fields);
    else this.log.warn(event, fields);
  }

  private describe(err: unknown): SyncError {
    if (!isPortalError(err)) return syncError('internal', say('syncState.internal'));
    switch (err.kind) {
      case 'unauthorized':
        this.update({ loginNeeded: true });
        return syncError('login_needed', say('syncState.passwordAgain'));
      case 'cursor_expired':
        return syncError('server', say('syncState.cursorExpired'));
      default:
        return syncError(err.kind, err.said);
    }
  }

  private schedule(delayMs: number): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (this.stopped || this.state.loginNeeded) {
      this.update({ nextPullAt: null });
      return;
    }
    this.cancelTimer = this.scheduler(() => {
      this.cancelTimer = undefined;
      void this.syncNow();
    }, delayMs);
    this.update({ nextPullAt: new Date(this.deps.now().getTime() + delayMs).toISOString() });
  }

  private intervalMs(): number {
    return this.deps.intervalMinutes() * 60_000;
  }

  private update(patch: Partial<SyncState>): void {
    const next = { ...this.state, ...patch };
    const changed = (Object.keys(next) as (keyof SyncState)[]).some((key) => next[key] !== this.state[key]);
    this.state = next;
    if (changed && !this.stopped) this.deps.onState(this.getState());
  }
}

/** How far from `start` to the portal's latest seq `cursor` is; nothing when the portal does not say. */
function feedFraction(start: number, cursor: number, page: ChangesResponse): { fraction?: number } {
  if (page.latestSeq === undefined) return {};
  if (!page.hasMore || page.latestSeq <= start) return { fraction: 1 };
  return { fraction: Math.min(1, Math.max(0, (cursor - start) / (page.latestSeq - start))) };
}

/** A sync failure: its kind, its message (code, params) and the message's English. */
function syncError(kind: SyncErrorKind, said: Message): SyncError {
  return { kind, message: said.message, said };
}
