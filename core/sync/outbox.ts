/**
 * The durable outbox: operations for the portal, written in the same transaction as their
 * optimistic local change, each with an idempotency key made once at enqueue. This file is the
 * storage half (rows, reservations, state changes); push.ts sends them, with the bodies
 * outbox-rows.ts builds.
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../rpc/errors';
import type { Db } from '../db/database';
import { compactAuthCode, formatAuthCode } from '../domain/auth-code';
import type { PortalServer, RedemptionResponse, SystemUpsertResponse } from '../portal-api/schemas';
import { prepareFeatureKeyWrites, type FeatureKeyWrites } from './feature-key-writes';
import { prepareServerWrites, type ServerWrites } from './server-writes';
import { type OutboxRow, redemptionRequestOf, refusalSummary, toOperation } from './outbox-rows';
import type {
  OutboxCounts,
  OutboxOperation,
  OutboxOperationKind,
  OutboxStatus,
  RedemptionOperation,
  RedemptionRequestSummary,
  ServerOperation,
  ServerRequestSummary,
  SystemOperation,
  SystemRequestSummary,
} from './contract';
import { say } from '../messages/say';

/** Statuses the push loop sends (oldest first). */
const SENDABLE: readonly OutboxStatus[] = ['pending', 'in_doubt'];
/** Statuses whose codes stay reserved. */
const OPEN: readonly OutboxStatus[] = ['pending', 'in_flight', 'in_doubt', 'needs_attention'];

export interface EnqueueRedemption {
  portalUrl: string;
  request: RedemptionRequestSummary;
  now: Date;
}

export interface EnqueueRedemptions {
  portalUrl: string;
  requests: readonly RedemptionRequestSummary[];
  now: Date;
  /** Runs inside the transaction after the inserts, with the operations' ids in order. */
  inTransaction?: (operationIds: number[]) => void;
}

export interface EnqueueSystems {
  portalUrl: string;
  now: Date;
  /**
   * Runs inside the transaction, before anything is written: reads the cache and says what to
   * queue, so what it read cannot change before the writes that depend on it.
   */
  plan: () => SystemRequestSummary[];
}

export interface EnqueueServer {
  portalUrl: string;
  now: Date;
  /**
   * Runs inside the transaction, before anything is written: reads the cache, validates (throwing
   * an ApiError refuses and writes nothing) and says what to queue.
   */
  plan: () => ServerRequestSummary;
}

export interface OutboxStoreOptions {
  /** Called after every committed change (the core emits `sync.outbox`). */
  onChange?: (operation: OutboxOperation | null) => void;
  /** Makes idempotency keys; tests may fix it. */
  newKey?: () => string;
}

export class OutboxStore {
  private readonly onChange: (operation: OutboxOperation | null) => void;
  private readonly newKey: () => string;
  private readonly keyWrites: FeatureKeyWrites;
  private readonly serverWrites: ServerWrites;

  constructor(
    private readonly db: Db,
    options: OutboxStoreOptions = {},
  ) {
    this.onChange = options.onChange ?? (() => undefined);
    this.newKey = options.newKey ?? randomUUID;
    this.keyWrites = prepareFeatureKeyWrites(db);
    this.serverWrites = prepareServerWrites(db);
  }

  /**
   * Queues a redemption: the operation, its code reservations and the optimistic local change
   * (the system appears in the cache with its name) commit together or not at all.
   * Throws CONFLICT naming the codes another open operation already holds.
   */
  enqueueRedemption({ portalUrl, request, now }: EnqueueRedemption): RedemptionOperation {
    const at = now.toISOString();
    const id = this.db.transaction(() => this.insertRedemption(portalUrl, request, at))();
    return this.changed(id) as RedemptionOperation;
  }

  /**
   * Queues many redemptions in ONE transaction (a bulk job's start): each is what
   * `enqueueRedemption` writes (its own idempotency key, code reservations, optimistic system),
   * then `inTransaction` runs with the new operations' ids, in order, before the commit (the
   * caller's own writes that depend on them). All or nothing; CONFLICT as enqueueRedemption.
   * Listeners hear of each operation after the commit.
   */
  enqueueRedemptions({ portalUrl, requests, now, inTransaction }: EnqueueRedemptions): RedemptionOperation[] {
    const at = now.toISOString();
    const ids = this.db.transaction(() => {
      const ids = requests.map((request) => this.insertRedemption(portalUrl, request, at));
      inTransaction?.(ids);
      return ids;
    })();
    return ids.map((id) => this.changed(id) as RedemptionOperation);
  }

  /** The writes of one queued redemption; runs inside the caller's transaction. */
  private insertRedemption(portalUrl: string, request: RedemptionRequestSummary, at: string): number {
    const compact = request.authCodes.map(compactAuthCode);
    const held = this.heldCodes(compact);
    if (held.length > 0) {
      const list = held.map(formatAuthCode);
      throw new ApiError('CONFLICT', say('outbox.codesWaiting', { count: list.length, codes: list.join(', ') }), { authCodes: list });
    }
    const payload = redemptionRequestOf(request);
    const inserted = this.db
      .prepare(
        `INSERT INTO outbox (idempotency_key, kind, payload, status, portal_url, created_at, updated_at)
         VALUES (?, 'redemption', ?, 'pending', ?, ?, ?)`,
      )
      .run(this.newKey(), JSON.stringify(payload), portalUrl, at, at);
    const operationId = Number(inserted.lastInsertRowid);
    const reserve = this.db.prepare('INSERT INTO outbox_codes (auth_code, outbox_id) VALUES (?, ?)');
    for (const code of compact) reserve.run(code, operationId);
    // Optimistic: the system is known locally at once, under the name the user gave.
    this.db
      .prepare(
        `INSERT INTO systems (mac, serial, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (mac) DO UPDATE SET serial = coalesce(excluded.serial, serial), name = coalesce(excluded.name, name),
           updated_at = excluded.updated_at`,
      )
      .run(request.mac, request.serial ?? null, request.systemName ?? null, at, at);
    this.audit(at, 'redemption.queued', operationId, { mac: request.mac, authCodes: request.authCodes });
    return operationId;
  }

  /**
   * Queues systems to add or rename on the portal, one operation (and one idempotency key) each:
   * every optimistic cache change (the system appears, or takes its new name, at once) and every
   * outbox row commit together or not at all. Returns the operations in the order planned.
   */
  enqueueSystems({ portalUrl, now, plan }: EnqueueSystems): SystemOperation[] {
    const at = now.toISOString();
    const ids = this.db.transaction(() => {
      const insert = this.db.prepare(
        `INSERT INTO outbox (idempotency_key, kind, payload, status, portal_url, created_at, updated_at)
         VALUES (?, 'system', ?, 'pending', ?, ?, ?)`,
      );
      // A missing name never removes one (as on the portal).
      const saveSystem = this.db.prepare(
        `INSERT INTO systems (mac, name, created_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (mac) DO UPDATE SET name = coalesce(excluded.name, name), updated_at = excluded.updated_at`,
      );
      return plan().map((request) => {
        const operationId = Number(insert.run(this.newKey(), JSON.stringify(request), portalUrl, at, at).lastInsertRowid);
        saveSystem.run(request.mac, request.systemName, at, at);
        this.audit(at, 'system.queued', operationId, request);
        return operationId;
      });
    })();
    return ids.map((id) => this.changed(id) as SystemOperation);
  }

  /**
   * Queues a change to a server (save, register, hide, show, RMA): the operation with its
   * idempotency key, its `outbox_servers` row and the optimistic cache change (the row as the
   * form says, with the status `statusAfter` gives) commit together or not at all. The portal's
   * version of the server is kept aside (`server_base`) until no change to it is open.
   */
  enqueueServer({ portalUrl, now, plan }: EnqueueServer): ServerOperation {
    const at = now.toISOString();
    const id = this.db.transaction(() => {
      const request = plan();
      this.serverWrites.keepBase(request.mac);
      const operationId = Number(
        this.db
          .prepare(
            `INSERT INTO outbox (idempotency_key, kind, payload, status, portal_url, created_at, updated_at)
             VALUES (?, 'server', ?, 'pending', ?, ?, ?)`,
          )
          .run(this.newKey(), JSON.stringify(request), portalUrl, at, at).lastInsertRowid,
      );
      this.db.prepare('INSERT INTO outbox_servers (outbox_id, mac) VALUES (?, ?)').run(operationId, request.mac);
      this.serverWrites.rebuild(request.mac);
      this.audit(at, 'server.queued', operationId, { action: request.action, mac: request.mac });
      return operationId;
    })();
    return this.changed(id) as ServerOperation;
  }

  /** A server operation by id; null when there is none (or the id is another kind's). */
  getServer(id: number): ServerOperation | null {
    const operation = this.get(id);
    return operation?.kind === 'server' ? operation : null;
  }

  /** Open server operations (queued, sending, in doubt, refused and not dismissed) for these MACs, oldest first. */
  openServerOperations(macs: readonly string[]): ServerOperation[] {
    if (macs.length === 0) return [];
    const rows = this.db
      .prepare<[string], OutboxRow>(
        `SELECT o.* FROM outbox_servers os JOIN outbox o ON o.id = os.outbox_id
         WHERE os.mac IN (SELECT value FROM json_each(?)) ORDER BY o.id`,
      )
      .all(JSON.stringify(macs));
    return rows.map(toOperation).filter((operation): operation is ServerOperation => operation.kind === 'server');
  }

  get(id: number): OutboxOperation | null {
    const row = this.db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?').get(id);
    return row ? toOperation(row) : null;
  }

  /** A redemption by id; null when there is none (or the id is another kind's). */
  getRedemption(id: number): RedemptionOperation | null {
    const operation = this.get(id);
    return operation?.kind === 'redemption' ? operation : null;
  }

  /** The oldest operation to send to this portal, or null. */
  nextToSend(portalUrl: string): OutboxOperation | null {
    const row = this.db
      .prepare<unknown[], OutboxRow>(
        `SELECT * FROM outbox WHERE status IN (${SENDABLE.map(() => '?').join(', ')}) AND portal_url = ? ORDER BY id LIMIT 1`,
      )
      .get(...SENDABLE, portalUrl);
    return row ? toOperation(row) : null;
  }

  /**
   * Marks an operation as being sent, committed BEFORE the request leaves: a crash from here on
   * leaves it in flight, and `recoverAfterCrash` turns that into in-doubt (replayed, same key).
   */
  markInFlight(id: number, now: Date): OutboxOperation {
    this.db
      .prepare(`UPDATE outbox SET status = 'in_flight', attempts = attempts + 1, next_attempt_at = NULL, updated_at = ? WHERE id = ?`)
      .run(now.toISOString(), id);
    return this.changed(id);
  }

  /** The send did not complete: back to pending or in doubt, with the reason and the next try. */
  markFailed(id: number, status: 'pending' | 'in_doubt', error: string, nextAttemptAt: Date | null, now: Date): OutboxOperation {
    this.db
      .prepare('UPDATE outbox SET status = ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?')
      .run(status, error, nextAttemptAt?.toISOString() ?? null, now.toISOString(), id);
    return this.changed(id);
  }

  /** The portal refused the whole operation (4xx): needs attention, codes stay reserved. */
  markRejected(id: number, message: string, now: Date): OutboxOperation {
    const at = now.toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(`UPDATE outbox SET status = 'needs_attention', last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ?`)
        .run(message, at, id);
      this.audit(at, `${this.kindOf(id)}.rejected`, id, { message });
    })();
    return this.changed(id);
  }

  /**
   * The portal answered: its results, the feature keys it produced (into the cache) and the new
   * status commit together. Codes that were redeemed are released (the cache now knows them);
   * refused ones stay reserved until the user dismisses the operation.
   */
  recordAnswer(id: number, response: RedemptionResponse, now: Date): OutboxOperation {
    const at = now.toISOString();
    this.db.transaction(() => {
      const operation = this.get(id);
      if (operation?.kind !== 'redemption') return;
      const refused = response.results.filter((r) => r.status !== 'redeemed');
      const status: OutboxStatus = refused.length === 0 ? 'done' : 'needs_attention';
      const { ensureSku, ensureSystem, upsertKey } = this.keyWrites;
      const release = this.db.prepare('DELETE FROM outbox_codes WHERE auth_code = ? AND outbox_id = ?');
      for (const result of response.results) {
        if (result.status !== 'redeemed' || !result.featureKey || !result.sku || !result.redeemedAt) continue;
        const mac = result.mac ?? operation.request.mac;
        const code = compactAuthCode(result.authCode);
        ensureSku.run(result.sku, result.skuDescription ?? result.sku, at);
        ensureSystem.run(mac, at, at);
        upsertKey.run(code, result.featureKey, result.sku, mac, result.distributor ?? null, result.redeemedAt, at);
        release.run(code, id);
      }
      this.db
        .prepare('UPDATE outbox SET status = ?, result = ?, last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ?')
        .run(status, JSON.stringify(response.results), refused.length ? refusalSummary(refused, response.results.length) : null, at, id);
      this.audit(at, status === 'done' ? 'redemption.done' : 'redemption.needs_attention', id, {
        mac: operation.request.mac,
        results: response.results.map((r) => ({ authCode: r.authCode, status: r.status })),
      });
    })();
    return this.changed(id);
  }

  /**
   * The portal added or renamed the system. The cache already shows it (queued optimistically);
   * the pull brings the portal's own record of it, under the same MAC.
   */
  recordSystemAnswer(id: number, response: SystemUpsertResponse, now: Date): OutboxOperation {
    const at = now.toISOString();
    this.db.transaction(() => {
      const result = { created: response.created };
      this.db
        .prepare(`UPDATE outbox SET status = 'done', result = ?, last_error = NULL, next_attempt_at = NULL, updated_at = ? WHERE id = ?`)
        .run(JSON.stringify(result), at, id);
      this.audit(at, 'system.done', id, { mac: response.system.mac, ...result });
    })();
    return this.changed(id);
  }

  /**
   * The portal saved, registered, hid, showed or started the RMA of the server: its version of the
   * server goes into the cache (under any changes to it still open), the operation is done.
   */
  recordServerAnswer(id: number, server: PortalServer, now: Date): OutboxOperation {
    const at = now.toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(`UPDATE outbox SET status = 'done', result = ?, last_error = NULL, next_attempt_at = NULL, updated_at = ? WHERE id = ?`)
        .run(JSON.stringify({ server }), at, id);
      this.db.prepare('DELETE FROM outbox_servers WHERE outbox_id = ?').run(id);
      // Refused changes queued before this one are superseded: they stay under needs attention
      // until dismissed, but no longer lie over the portal's newer version of the server.
      this.db
        .prepare(
          `DELETE FROM outbox_servers WHERE mac = ? AND outbox_id < ?
             AND outbox_id IN (SELECT id FROM outbox WHERE status = 'needs_attention')`,
        )
        .run(server.mac, id);
      this.serverWrites.writePortal(server);
      this.audit(at, 'server.done', id, { mac: server.mac, status: server.status });
    })();
    return this.changed(id);
  }

  /**
   * Puts away a needs-attention operation; its codes may then be queued again. A server's row is
   * rebuilt without the dismissed change: a refused add's row goes (the portal never had it), any
   * other refused change gives way to the portal's version of the server.
   */
  dismiss(id: number, now: () => Date): OutboxOperation {
    const at = now().toISOString();
    const operation = this.get(id);
    if (!operation) throw new ApiError('NOT_FOUND', say('outbox.noOperation', { id }));
    if (operation.status !== 'needs_attention') {
      throw new ApiError('CONFLICT', say(`outbox.notDismissable.${operation.status}`));
    }
    this.db.transaction(() => {
      this.db.prepare(`UPDATE outbox SET status = 'dismissed', updated_at = ? WHERE id = ?`).run(at, id);
      this.db.prepare('DELETE FROM outbox_codes WHERE outbox_id = ?').run(id);
      if (operation.kind === 'server') {
        this.db.prepare('DELETE FROM outbox_servers WHERE outbox_id = ?').run(id);
        this.serverWrites.rebuild(operation.request.mac);
      }
      this.audit(at, `${operation.kind}.dismissed`, id, null);
    })();
    return this.changed(id);
  }

  /**
   * At start-up: an operation left in flight by a crash may or may not have reached the portal.
   * It becomes in-doubt and is replayed with its key, which the portal answers at most once.
   */
  recoverAfterCrash(now: Date): number {
    const changes = this.db
      .prepare(
        `UPDATE outbox SET status = 'in_doubt', last_error = 'FieldKey stopped while this was being sent; it will be sent again safely.',
           updated_at = ? WHERE status = 'in_flight'`,
      )
      .run(now.toISOString()).changes;
    if (changes > 0) this.onChange(null);
    return changes;
  }

  list(statuses: readonly OutboxStatus[] | undefined, limit: number): OutboxOperation[] {
    const wanted = statuses ?? OPEN;
    const rows = this.db
      .prepare<unknown[], OutboxRow>(`SELECT * FROM outbox WHERE status IN (${wanted.map(() => '?').join(', ')}) ORDER BY id DESC LIMIT ?`)
      .all(...wanted, limit);
    return rows.map(toOperation);
  }

  counts(): OutboxCounts {
    const rows = this.db.prepare<[], { status: OutboxStatus; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status').all();
    const n = (status: OutboxStatus) => rows.find((r) => r.status === status)?.n ?? 0;
    return { pending: n('pending') + n('in_flight'), inDoubt: n('in_doubt'), needsAttention: n('needs_attention') };
  }

  /** Operations per stored status, done and dismissed included (for diagnostics). */
  countsByStatus(): Record<string, number> {
    const rows = this.db.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status').all();
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  }

  /** Of these 24-character codes, those an open operation holds. */
  heldCodes(compactCodes: readonly string[]): string[] {
    if (compactCodes.length === 0) return [];
    return this.db
      .prepare<string[], string>(`SELECT auth_code FROM outbox_codes WHERE auth_code IN (${compactCodes.map(() => '?').join(', ')})`)
      .pluck()
      .all(...compactCodes);
  }

  private kindOf(id: number): OutboxOperationKind {
    return this.db.prepare<[number], OutboxOperationKind>('SELECT kind FROM outbox WHERE id = ?').pluck().get(id) ?? 'redemption';
  }

  private changed(id: number): OutboxOperation {
    const operation = this.get(id)!;
    this.onChange(operation);
    return operation;
  }

  private audit(at: string, action: string, id: number, details: unknown): void {
    this.db
      .prepare(`INSERT INTO audit_log (at, action, entity, entity_id, details) VALUES (?, ?, 'outbox', ?, ?)`)
      .run(at, action, String(id), details === null ? null : JSON.stringify(details));
  }
}
