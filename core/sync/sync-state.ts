import type { Db } from '../db/database';

/** What FieldKey remembers per portal in `sync_state` (name → text value). */
export type SyncStateName =
  | 'cursor'
  | 'username'
  | 'partnerId'
  | 'partnerName'
  | 'lastSuccessAt'
  /** Stored under the portal URL '': which portal the cache tables were filled from. */
  | 'cachePortal';

/** Reads and writes `sync_state` rows for one portal; statements prepared once. */
export class SyncStateTable {
  private readonly selectOne;
  private readonly upsertOne;
  private readonly deleteOne;

  constructor(db: Db) {
    this.selectOne = db.prepare<[string, string], string>('SELECT value FROM sync_state WHERE portal_url = ? AND name = ?').pluck();
    this.upsertOne = db.prepare<[string, string, string]>(
      'INSERT INTO sync_state (portal_url, name, value) VALUES (?, ?, ?) ON CONFLICT (portal_url, name) DO UPDATE SET value = excluded.value',
    );
    this.deleteOne = db.prepare<[string, string]>('DELETE FROM sync_state WHERE portal_url = ? AND name = ?');
  }

  get(portalUrl: string, name: SyncStateName): string | null {
    return this.selectOne.get(portalUrl, name) ?? null;
  }

  set(portalUrl: string, name: SyncStateName, value: string | null): void {
    if (value === null) this.deleteOne.run(portalUrl, name);
    else this.upsertOne.run(portalUrl, name, value);
  }

  /** The last change-feed seq applied from this portal; 0 before the first sync. */
  cursor(portalUrl: string): number {
    const value = this.get(portalUrl, 'cursor');
    return value === null ? 0 : Number(value);
  }
}
