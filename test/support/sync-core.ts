import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiClient, type ApiClient } from '../../core/api/client';
import { createInProcessTransport } from '../../core/rpc/transport/in-process';
import { createCore, type Core } from '../../core/core';
import type { Scheduler } from '../../core/sync/engine';
import { JsonFileSettingsStore } from '../../core/settings/store';
import type { SecretStore } from '../../core/secrets/secret-store';
import type { Logger } from '../../core/log/logger';

/** A scheduler that records every delay and only runs callbacks when the test says so. */
export class RecordingScheduler {
  readonly delays: number[] = [];
  private pending: { callback: () => void; cancelled: boolean }[] = [];
  readonly schedule: Scheduler = (callback, delayMs) => {
    const entry = { callback, cancelled: false };
    this.delays.push(delayMs);
    this.pending.push(entry);
    return () => {
      entry.cancelled = true;
    };
  };
  /** Runs the callbacks still scheduled. */
  fire(): void {
    const due = this.pending.filter((e) => !e.cancelled);
    this.pending = [];
    for (const entry of due) entry.callback();
  }
}

export interface SyncCoreOptions {
  portalUrl: string | null;
  /** Where the token goes; by default the 0600 secrets.json in the data directory. */
  secretStore?: SecretStore;
  dataDir?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  pageSize?: number;
  portalTimeoutMs?: number;
  log?: Logger;
}

export interface SyncTestCore {
  core: Core;
  client: ApiClient;
  dataDir: string;
  scheduler: RecordingScheduler;
  close(): void;
}

/** A real core (real SQLite in a temp dir) pointed at a portal, with recorded timers. */
export function makeSyncCore(options: SyncCoreOptions): SyncTestCore {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-sync-'));
  const scheduler = new RecordingScheduler();
  const core = createCore({
    version: '0.0.0-test',
    dataDir,
    host: 'browser',
    // `system` resolves to English whatever the machine's locale: exports and messages stay deterministic.
    systemLocales: ['en-US'],
    settingsStore: new JsonFileSettingsStore(path.join(dataDir, 'settings.json')),
    portalUrlOverride: options.portalUrl,
    fetch: options.fetch,
    now: options.now,
    scheduler: scheduler.schedule,
    syncPageSize: options.pageSize,
    portalTimeoutMs: options.portalTimeoutMs,
    secretStore: options.secretStore,
    log: options.log,
  });
  const transport = createInProcessTransport(core.server);
  return {
    core,
    client: createApiClient(transport),
    dataDir,
    scheduler,
    close() {
      transport.close();
      if (core.db.open) core.close();
    },
  };
}

/** Rows of the cache tables without the local timestamps, for comparing two caches. */
export function cacheContents(core: Core) {
  return {
    skus: core.db.prepare('SELECT sku, description FROM skus ORDER BY sku').all(),
    systems: core.db.prepare('SELECT mac, serial, name, customer FROM systems ORDER BY mac').all(),
    featureKeys: core.db
      .prepare('SELECT auth_code, feature_key, sku, mac, distributor, redeemed_at FROM feature_keys ORDER BY auth_code')
      .all(),
  };
}
