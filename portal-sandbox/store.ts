import crypto from 'node:crypto';
import type { Db } from '../core/db/database';
import type { AuthCodeBatchResult, AuthCodeLookup, PortalFeatureKey, PortalSystem } from '../core/portal-api/schemas';
import { generateFeatureKey } from './feature-key';
import { PortalError } from './http-io';
import { hashToken, scryptPasswords, type PasswordHash, type PasswordHasher } from './passwords';
import {
  FEATURE_KEY_SELECT,
  type FeatureKeyRow,
  lookupAuthCode,
  lookupAuthCodes,
  type RedemptionRequestOnSystem,
  redeemCodes,
  toFeatureKey,
  unredeemedAuthCodes,
  type StoredResponse,
} from './store-codes';

export interface Partner {
  id: string;
  name: string;
  username: string;
}

export interface IdempotencyRecord extends StoredResponse {
  requestHash: string;
}

export type ChangeEntity = 'sku' | 'system' | 'featureKey' | 'server' | 'serverHistory';

export type ChangesPage = { kind: 'page'; body: string } | { kind: 'expired'; message: string };

interface SystemRow {
  mac: string;
  serial: string | null;
  name: string | null;
  customer: string | null;
}

/**
 * Everything the sandbox portal keeps, behind the operations of Portal API v1. Synchronous
 * (better-sqlite3): each operation is one transaction, so what a request changes and the
 * change-log entries for it commit together or not at all.
 */
export class SandboxStore {
  private changesFloor: number;
  private dummyHash: Promise<PasswordHash> | null = null;

  constructor(
    readonly db: Db,
    private readonly secret: string,
    private readonly now: () => Date,
    private readonly sessionTtlMs: number,
    readonly passwords: PasswordHasher = scryptPasswords,
  ) {
    this.changesFloor = Number(this.meta('changes_floor') ?? 0);
  }

  meta(key: string): string | undefined {
    return readMeta(this.db, key);
  }

  setMeta(key: string, value: string): void {
    writeMeta(this.db, key, value);
  }

  // --- partners and sessions ------------------------------------------------------------------

  /** `credentials` from `passwords.hash`, made beforehand: hashing is async, a seed's transaction is not. */
  addPartner(partner: Partner, credentials: PasswordHash): void {
    const { salt, hash } = credentials;
    this.db
      .prepare('INSERT INTO partners (id, username, name, password_salt, password_hash) VALUES (?, ?, ?, ?, ?)')
      .run(partner.id, partner.username, partner.name, salt, hash);
  }

  /**
   * A new session, or null when the user name or password is wrong. An unknown user name is
   * checked against a dummy hash: the same scrypt, so the time taken does not tell it apart.
   */
  async login(username: string, password: string): Promise<{ token: string; expiresAt: string; partner: Partner } | null> {
    const row = this.db.prepare('SELECT id, name, username, password_salt, password_hash FROM partners WHERE username = ?').get(username) as
      | (Partner & { password_salt: Buffer; password_hash: Buffer })
      | undefined;
    if (!row) {
      this.dummyHash ??= this.passwords.hash(crypto.randomBytes(16).toString('base64url'));
      await this.passwords.matches(password, await this.dummyHash);
      return null;
    }
    if (!(await this.passwords.matches(password, { salt: row.password_salt, hash: row.password_hash }))) return null;
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.now().getTime() + this.sessionTtlMs).toISOString();
    this.db.prepare('INSERT INTO sessions (token_hash, partner_id, expires_at) VALUES (?, ?, ?)').run(hashToken(token), row.id, expiresAt);
    return { token, expiresAt, partner: { id: row.id, name: row.name, username: row.username } };
  }

  /** The partner a bearer token belongs to, if the session exists and has not expired. */
  partnerForToken(token: string): Partner | null {
    const row = this.db
      .prepare(
        `SELECT p.id, p.name, p.username, s.expires_at FROM sessions s JOIN partners p ON p.id = s.partner_id WHERE s.token_hash = ?`,
      )
      .get(hashToken(token)) as (Partner & { expires_at: string }) | undefined;
    if (!row || Date.parse(row.expires_at) <= this.now().getTime()) return null;
    return { id: row.id, name: row.name, username: row.username };
  }

  logout(token: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
  }

  /** Checks the current password; on success sets the new one and ends the partner's other sessions. */
  async changePassword(partnerId: string, current: string, next: string, keepToken: string): Promise<boolean> {
    const row = this.db.prepare('SELECT password_salt, password_hash FROM partners WHERE id = ?').get(partnerId) as
      | { password_salt: Buffer; password_hash: Buffer }
      | undefined;
    if (!row || !(await this.passwords.matches(current, { salt: row.password_salt, hash: row.password_hash }))) return false;
    const { salt, hash } = await this.passwords.hash(next);
    this.db.transaction(() => {
      this.db.prepare('UPDATE partners SET password_salt = ?, password_hash = ? WHERE id = ?').run(salt, hash, partnerId);
      this.db.prepare('DELETE FROM sessions WHERE partner_id = ? AND token_hash <> ?').run(partnerId, hashToken(keepToken));
    })();
    return true;
  }

  // --- change feed -----------------------------------------------------------------------------

  appendChange(partnerId: string | null, entity: ChangeEntity, id: string, op: 'upsert' | 'delete', data: unknown): void {
    this.db
      .prepare('INSERT INTO changes (partner_id, entity, entity_id, op, data) VALUES (?, ?, ?, ?, ?)')
      .run(partnerId, entity, id, op, data === null ? null : JSON.stringify(data));
  }

  private lastSeq(): number {
    return (this.db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'changes'`).get() as { seq: number } | undefined)?.seq ?? 0;
  }

  /**
   * One page of the partner's change feed after `cursor`, as the JSON body to send. The stored
   * `data` is already JSON, so it is spliced in rather than parsed and serialised again (a first
   * sync of a million keys reads every row once).
   */
  changes(partnerId: string, cursor: number, limit: number): ChangesPage {
    if (cursor > 0 && cursor < this.changesFloor) {
      return {
        kind: 'expired',
        message: `Cursor ${cursor} is older than the change log kept by this portal (it starts after ${this.changesFloor}). Sync everything again from cursor 0.`,
      };
    }
    const last = this.lastSeq();
    if (cursor > last) {
      return {
        kind: 'expired',
        message: `Cursor ${cursor} is newer than this portal's change log (last ${last}): its data was reset. Sync everything again from cursor 0.`,
      };
    }
    const rows = this.db
      .prepare(
        'SELECT seq, entity, entity_id, op, data FROM changes WHERE seq > ? AND (partner_id IS NULL OR partner_id = ?) ORDER BY seq LIMIT ?',
      )
      .raw()
      .all(cursor, partnerId, limit + 1) as [number, string, string, string, string | null][];
    const hasMore = rows.length > limit;
    if (hasMore) rows.pop();
    const parts = rows.map(
      ([seq, entity, id, op, data]) =>
        `{"seq":${seq},"entity":"${entity}","id":${JSON.stringify(id)},"op":"${op}","data":${data ?? 'null'}}`,
    );
    const nextCursor = rows.length ? rows[rows.length - 1]![0] : cursor;
    return { kind: 'page', body: `{"changes":[${parts.join(',')}],"nextCursor":${nextCursor},"hasMore":${hasMore},"latestSeq":${last}}` };
  }

  /** Drops superseded entries and tombstones; cursors older than the last seq can no longer be served. */
  compactChanges(): { removed: number; oldestCursor: number } {
    return this.db.transaction(() => {
      const { changes } = this.db
        .prepare(
          `DELETE FROM changes WHERE op = 'delete'
             OR seq NOT IN (SELECT max(seq) FROM changes GROUP BY partner_id, entity, entity_id)`,
        )
        .run();
      this.changesFloor = this.lastSeq();
      this.setMeta('changes_floor', String(this.changesFloor));
      return { removed: changes, oldestCursor: this.changesFloor };
    })();
  }

  // --- idempotency ----------------------------------------------------------------------------

  idempotencyRecord(partnerId: string, key: string): IdempotencyRecord | null {
    const row = this.db
      .prepare('SELECT request_hash, status, response_body FROM idempotency WHERE partner_id = ? AND key = ?')
      .get(partnerId, key) as { request_hash: string; status: number; response_body: string } | undefined;
    return row ? { requestHash: row.request_hash, status: row.status, body: row.response_body } : null;
  }

  private storeIdempotent(partnerId: string, key: string, requestHash: string, response: StoredResponse): void {
    this.db
      .prepare('INSERT INTO idempotency (partner_id, key, request_hash, status, response_body, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(partnerId, key, requestHash, response.status, response.body, this.now().toISOString());
  }

  /**
   * Runs `work` and stores its response under the key in the same transaction: once the work is
   * committed, its response is too, so a client that lost the answer gets it by replaying. A
   * refusal the work throws as a PortalError (4xx: it depends on the portal's data, such as a
   * duplicate server) undoes whatever the work wrote and is stored as the answer, like a success.
   */
  idempotent(partnerId: string, key: string, requestHash: string, work: () => StoredResponse): IdempotencyRecord {
    return this.db
      .transaction(() => {
        // Another process on the same file may have finished this key meanwhile.
        const existing = this.idempotencyRecord(partnerId, key);
        if (existing) return existing;
        let response: StoredResponse;
        try {
          // A savepoint: a refusal leaves nothing of the work behind.
          response = this.db.transaction(work)();
        } catch (err) {
          if (!(err instanceof PortalError) || err.status >= 500) throw err;
          response = { status: err.status, body: JSON.stringify({ error: { code: err.code, message: err.message } }) };
        }
        this.storeIdempotent(partnerId, key, requestHash, response);
        return { ...response, requestHash };
      })
      .immediate();
  }

  // --- systems ----------------------------------------------------------------------------------

  system(partnerId: string, mac: string): PortalSystem | null {
    const row = this.db.prepare('SELECT mac, serial, name, customer FROM systems WHERE partner_id = ? AND mac = ?').get(partnerId, mac) as
      | SystemRow
      | undefined;
    return row ?? null;
  }

  /**
   * Adds the system to the partner's view or updates the given fields (an absent or empty one is
   * left as it is); logs a change if anything changed.
   */
  saveSystem(
    partnerId: string,
    mac: string,
    fields: { serial?: string; name?: string; customer?: string },
  ): { system: PortalSystem; created: boolean } {
    const existing = this.system(partnerId, mac);
    if (!existing) {
      const system: PortalSystem = { mac, serial: fields.serial || null, name: fields.name || null, customer: fields.customer || null };
      this.db
        .prepare('INSERT INTO systems (partner_id, mac, serial, name, customer, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(partnerId, mac, system.serial, system.name, system.customer, this.now().toISOString());
      this.appendChange(partnerId, 'system', mac, 'upsert', system);
      return { system, created: true };
    }
    const system: PortalSystem = {
      ...existing,
      serial: fields.serial || existing.serial,
      name: fields.name || existing.name,
      customer: fields.customer || existing.customer,
    };
    if (system.serial !== existing.serial || system.name !== existing.name || system.customer !== existing.customer) {
      this.db
        .prepare('UPDATE systems SET serial = ?, name = ?, customer = ? WHERE partner_id = ? AND mac = ?')
        .run(system.serial, system.name, system.customer, partnerId, mac);
      this.appendChange(partnerId, 'system', mac, 'upsert', system);
    }
    return { system, created: false };
  }

  /** Without a name, a new system is added unnamed and a known one is left as it is. */
  upsertSystem(partnerId: string, key: string, requestHash: string, mac: string, systemName: string | undefined): IdempotencyRecord {
    return this.idempotent(partnerId, key, requestHash, () => {
      const result = this.saveSystem(partnerId, mac, { name: systemName });
      return { status: result.created ? 201 : 200, body: JSON.stringify(result) };
    });
  }

  systemKeys(partnerId: string, mac: string): { system: PortalSystem; keys: PortalFeatureKey[] } | null {
    const system = this.system(partnerId, mac);
    if (!system) return null;
    const rows = this.db
      .prepare(`${FEATURE_KEY_SELECT} WHERE k.partner_id = ? AND k.mac = ? ORDER BY k.redeemed_at, k.auth_code`)
      .all(partnerId, mac) as FeatureKeyRow[];
    return { system, keys: rows.map(toFeatureKey) };
  }

  /**
   * Moves every feature key of `from` to `to` (an RMA's replacement): each key is issued anew for
   * the new MAC, since a key only works on the server it was made for. Logs a change per key.
   */
  moveFeatureKeys(partnerId: string, from: string, to: string): PortalFeatureKey[] {
    const rows = this.db
      .prepare(`${FEATURE_KEY_SELECT} WHERE k.partner_id = ? AND k.mac = ? ORDER BY k.redeemed_at, k.auth_code`)
      .all(partnerId, from) as FeatureKeyRow[];
    const update = this.db.prepare('UPDATE feature_keys SET mac = ?, feature_key = ? WHERE auth_code = ?');
    return rows.map((row) => {
      const key: PortalFeatureKey = { ...toFeatureKey(row), mac: to, featureKey: generateFeatureKey(this.secret, row.auth_code, to) };
      update.run(to, key.featureKey, row.auth_code);
      this.appendChange(partnerId, 'featureKey', key.authCode, 'upsert', key);
      return key;
    });
  }

  // --- auth codes and redemptions (./store-codes) --------------------------------------------------

  lookupAuthCode(code: string): AuthCodeLookup | null {
    return lookupAuthCode(this.db, code);
  }

  /** Many codes at once, in the order sent, read in a single query (see ./store-codes). */
  lookupAuthCodes(typed: readonly string[]): AuthCodeBatchResult[] {
    return lookupAuthCodes(this.db, typed);
  }

  unredeemedAuthCodes(): { code: string; sku: string; skuDescription: string; distributor: string | null }[] {
    return unredeemedAuthCodes(this.db);
  }

  /** Redeems each code on the system, under the request's Idempotency-Key (see redeemCodes). */
  redeem(partnerId: string, key: string, requestHash: string, request: RedemptionRequestOnSystem): IdempotencyRecord {
    return this.idempotent(partnerId, key, requestHash, () => redeemCodes(this, this.secret, this.now().toISOString(), partnerId, request));
  }
}

/** The sandbox's own settings (secret, seed, change-log floor), readable before a store exists. */
export function readMeta(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function writeMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
