/**
 * The outbox and the sync engine: built with the core's deps before any feature (every feature
 * that queues or reads sync state receives them in `CoreDeps`), and announcing what they do to the
 * renderer (`sync.outbox`, `sync.state`, `sync.progress`) and to the other features (domain events
 * `outbox.changed`, `cache.changed`, `sync.completed`).
 */
import type { CoreDeps } from '../feature/core-deps';
import type { EventEmitter } from '../rpc/events';
import type { OutboxOperation, SyncEvents } from './contract';
import { type Scheduler, SyncEngine } from './engine';
import { OutboxStore } from './outbox';
import type { SettingsStore } from '../settings/store';

declare module '../feature/core-deps' {
  interface CoreDeps {
    /** The queue of writes to the portal (core/sync/outbox.ts). */
    outbox: OutboxStore;
    /** Pulls the portal's changes and pushes the outbox (core/sync/engine.ts). */
    sync: SyncEngine;
  }
}

declare module '../feature/domain-events' {
  interface DomainEvents {
    /** Every committed outbox change: the operation as it is now, or null when many changed (crash recovery). */
    'outbox.changed': { operation: OutboxOperation | null };
  }
}

export interface SyncServiceOptions {
  /** Timers of the sync engine (tests pass one that records delays). */
  scheduler?: Scheduler;
  /** Changes per /changes request. */
  pageSize?: number;
}

export function createSyncServices(
  deps: Pick<CoreDeps, 'db' | 'now' | 'log' | 'portal' | 'domain' | 'events'> & { settings: SettingsStore },
  options: SyncServiceOptions = {},
): { outbox: OutboxStore; sync: SyncEngine } {
  const events: EventEmitter<SyncEvents> = deps.events;
  const outbox: OutboxStore = new OutboxStore(deps.db, {
    onChange: (operation) => {
      if (operation?.status === 'needs_attention') {
        deps.log.warn('outbox.needs_attention', { operationId: operation.id, kind: operation.kind, lastError: operation.lastError });
      }
      events.emit('sync.outbox', { counts: outbox.counts(), operation });
      deps.domain.emit('outbox.changed', { operation });
    },
  });
  /** The last successful sync seen: a newer one is announced as `sync.completed`. */
  let lastSuccess: string | null = null;
  const sync = new SyncEngine({
    db: deps.db,
    outbox,
    now: deps.now,
    portalUrl: () => deps.portal.url(),
    client: (url) => deps.portal.client(url),
    hasToken: (url) => deps.portal.hasToken(url),
    intervalMinutes: () => deps.settings.read().syncIntervalMinutes,
    onState: (state) => {
      events.emit('sync.state', state);
      if (state.lastSuccessAt !== null && state.lastSuccessAt !== lastSuccess) {
        lastSuccess = state.lastSuccessAt;
        deps.domain.emit('sync.completed', { at: state.lastSuccessAt });
      }
    },
    onProgress: (progress) => events.emit('sync.progress', progress),
    scheduler: options.scheduler,
    pageSize: options.pageSize,
    log: deps.log.child('sync'),
    onCacheChanged: (changed) => deps.domain.emit('cache.changed', changed),
  });
  lastSuccess = sync.getState().lastSuccessAt;
  return { outbox, sync };
}
