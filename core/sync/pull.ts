/**
 * The pull half of sync: applies pages of the portal's change feed to the local cache. Each page
 * is applied in ONE transaction together with its new cursor, so a crash or a failed fetch leaves
 * the cache at a page boundary and the next pull resumes exactly there.
 */
import type { Db } from '../db/database';
import { compactAuthCode } from '../domain/auth-code';
import { toUtcIso } from '../domain/utc-time';
import type { ChangesResponse, PortalChange } from '../portal-api/schemas';
import { prepareFeatureKeyWrites } from './feature-key-writes';
import { prepareServerWrites } from './server-writes';
import { SyncStateTable } from './sync-state';
import { withFastWrites } from '../db/fast-writes';
import { SearchIndexBuilder } from '../db/search-index';

/** The `sync_state` row (under the empty portal URL) naming the portal the cache was filled from. */
const CACHE_OWNER = { portalUrl: '', name: 'cachePortal' } as const;

export interface ApplyPageOptions {
  portalUrl: string;
  /** Clear the cache tables first (full resync from cursor 0). The outbox is never touched. */
  clearCache: boolean;
  /** Only for the local updated_at/created_at columns; never used to decide what to apply. */
  now: Date;
  /**
   * The first page of a full sync: the search index is emptied and its triggers stand aside
   * (frontiers at 0, `search_index.deferred = 1`) until `buildSearchIndex` fills it in chunks, far
   * cheaper than a million trigger-driven inserts.
   */
  deferSearchIndex?: boolean;
}

/** Applies change-feed pages; build one per database and reuse it (statements are prepared once). */
export class ChangeApplier {
  private readonly state: SyncStateTable;
  private readonly statements;
  private readonly applyInTransaction;

  constructor(private readonly db: Db) {
    this.state = new SyncStateTable(db);
    this.statements = {
      ...prepareFeatureKeyWrites(db),
      upsertSku: db.prepare<[string, string, string]>(
        `INSERT INTO skus (sku, description, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (sku) DO UPDATE SET description = excluded.description, updated_at = excluded.updated_at`,
      ),
      deleteSku: db.prepare<[string]>('DELETE FROM skus WHERE sku = ?'),
      upsertSystem: db.prepare<[string, string | null, string | null, string | null, string, string]>(
        `INSERT INTO systems (mac, serial, name, customer, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (mac) DO UPDATE SET serial = excluded.serial, name = excluded.name, customer = excluded.customer,
           updated_at = excluded.updated_at`,
      ),
      deleteSystemKeys: db.prepare<[string]>('DELETE FROM feature_keys WHERE mac = ?'),
      servers: prepareServerWrites(db),
      upsertServerHistory: db.prepare(
        `INSERT INTO server_history (id, mac, site_id, at, action, status, model, registration, note)
         VALUES (@id, @mac, @siteId, @at, @action, @status, @model, @registration, @note)
         ON CONFLICT (id) DO UPDATE SET mac = excluded.mac, site_id = excluded.site_id, at = excluded.at, action = excluded.action,
           status = excluded.status, model = excluded.model, registration = excluded.registration, note = excluded.note`,
      ),
      deleteServerHistory: db.prepare<[string]>('DELETE FROM server_history WHERE id = ?'),
      deleteSystem: db.prepare<[string]>('DELETE FROM systems WHERE mac = ?'),
      deleteKey: db.prepare<[string]>('DELETE FROM feature_keys WHERE auth_code = ?'),
    };
    this.applyInTransaction = db.transaction((page: ChangesResponse, options: ApplyPageOptions) => this.applyUnsafe(page, options));
    this.searchIndex = {
      builder: new SearchIndexBuilder(db),
      frontier: db
        .prepare<[], { keys: number | bigint; systems: number | bigint }>(
          'SELECT keys_indexed_to AS keys, systems_indexed_to AS systems FROM search_index WHERE id = 1',
        )
        .safeIntegers(),
      defer: db.transaction(() => {
        const frontier = this.searchIndex.frontier.get()!;
        // Already emptied by an earlier page of this sync, and nothing built since.
        if (BigInt(frontier.keys) === 0n && BigInt(frontier.systems) === 0n) return;
        db.exec(`UPDATE search_index SET keys_indexed_to = 0, systems_indexed_to = 0 WHERE id = 1;
          INSERT INTO feature_keys_fts (feature_keys_fts) VALUES ('delete-all');
          INSERT INTO systems_fts (systems_fts) VALUES ('delete-all');`);
      }),
    };
  }

  private readonly searchIndex;

  /** Whether the search index is being built (a first sync emptied it): searches scan meanwhile. */
  searchIndexDeferred(): boolean {
    return this.searchIndex.builder.deferred();
  }

  /** The search index one chunk of at most `rows` further (SearchIndexBuilder.step); true once complete. */
  buildSearchIndex(rows = 5000): boolean {
    return this.searchIndex.builder.step(rows);
  }

  /** The rest of the search index, in short chunks (SearchIndexBuilder.buildInBackground). */
  buildSearchIndexInBackground(stopped: () => boolean): Promise<boolean> {
    return this.searchIndex.builder.buildInBackground(stopped);
  }

  /** The cursor to pull from for this portal: 0 when the cache holds another portal's data. */
  cursorFor(portalUrl: string): number {
    if (this.cacheOwner() !== portalUrl) return 0;
    return this.state.cursor(portalUrl);
  }

  /** Whether pulling from `portalUrl` must first clear what another portal left in the cache. */
  cacheBelongsToAnotherPortal(portalUrl: string): boolean {
    const owner = this.cacheOwner();
    return owner !== null && owner !== portalUrl;
  }

  /** Applies one page and stores `page.nextCursor`, all or nothing. Returns the changes applied. */
  applyPage(page: ChangesResponse, options: ApplyPageOptions): number {
    // Foreign-key enforcement doubles the cost of a first sync of a million keys. The applier
    // keeps the references itself (a key's system is ensured, a system's keys and server go
    // with it), and nothing else can write in between: better-sqlite3 is synchronous.
    //
    // Nor does a page need its own fsync: in WAL mode with synchronous=NORMAL a power cut can
    // only lose whole recent pages, cursor included, and the next pull fetches them again. The
    // next FULL commit (an outbox write) syncs these pages too.
    return withFastWrites(this.db, () => this.applyInTransaction.immediate(page, options));
  }

  private applyUnsafe(page: ChangesResponse, options: ApplyPageOptions): number {
    const s = this.statements;
    const stamp = options.now.toISOString();
    // Before the clearing below, so the triggers do not delete a million index rows one by one.
    if (options.deferSearchIndex) this.searchIndex.defer();
    if (options.clearCache) {
      // The outbox and audit log are the user's own work: a resync never touches them. Servers
      // with changes still open here keep them (as the changes alone until the portal's version
      // comes back).
      this.db.exec('DELETE FROM feature_keys; DELETE FROM systems; DELETE FROM skus; DELETE FROM server_history;');
      s.servers.clearAll();
      this.db.prepare("DELETE FROM sync_state WHERE name = 'cursor'").run();
    }
    const knownSkus = new Set<string>();
    const knownSystems = new Set<string>();
    for (const change of page.changes) {
      applyChange(change);
    }
    this.state.set(options.portalUrl, 'cursor', String(page.nextCursor));
    this.state.set(CACHE_OWNER.portalUrl, CACHE_OWNER.name, options.portalUrl);
    return page.changes.length;

    function applyChange(change: PortalChange): void {
      switch (change.entity) {
        case 'sku':
          if (change.op === 'delete' || change.data === null) s.deleteSku.run(change.id);
          else {
            s.upsertSku.run(change.data.sku, change.data.description, stamp);
            knownSkus.add(change.data.sku);
          }
          return;
        case 'system':
          if (change.op === 'delete' || change.data === null) {
            s.deleteSystemKeys.run(change.id);
            s.deleteSystem.run(change.id);
            knownSystems.delete(change.id);
          } else {
            const { mac, serial, name, customer } = change.data;
            s.upsertSystem.run(mac, serial, name, customer, stamp, stamp);
            knownSystems.add(mac);
          }
          return;
        case 'featureKey': {
          if (change.op === 'delete' || change.data === null) {
            s.deleteKey.run(compactAuthCode(change.id));
            return;
          }
          const key = change.data;
          if (!knownSkus.has(key.sku)) {
            s.ensureSku.run(key.sku, key.skuDescription, stamp);
            knownSkus.add(key.sku);
          }
          if (!knownSystems.has(key.mac)) {
            s.ensureSystem.run(key.mac, stamp, stamp);
            knownSystems.add(key.mac);
          }
          s.upsertKey.run(compactAuthCode(key.authCode), key.featureKey, key.sku, key.mac, key.distributor, key.redeemedAt, stamp);
          return;
        }
        case 'server':
          // Keyed by MAC; the registration into its columns (the search index follows by trigger).
          if (change.op === 'delete' || change.data === null) s.servers.deletePortal(change.id);
          else s.servers.writePortal(change.data);
          return;
        case 'serverHistory': {
          if (change.op === 'delete' || change.data === null) {
            s.deleteServerHistory.run(change.id);
            return;
          }
          const record = change.data;
          s.upsertServerHistory.run({
            id: record.id,
            mac: record.mac,
            siteId: record.siteId,
            at: toUtcIso(record.at) ?? record.at,
            action: record.action,
            status: record.status,
            model: record.model,
            registration: JSON.stringify(record.registration),
            note: record.note,
          });
          return;
        }
      }
    }
  }

  private cacheOwner(): string | null {
    return this.state.get(CACHE_OWNER.portalUrl, CACHE_OWNER.name);
  }
}
