import crypto from 'node:crypto';
import type { Db } from '../core/db/database';
import { parseAuthCode } from '../core/domain/auth-code';
import { formatMac } from '../core/domain/mac';
import type { AuthCodeBatchResult, AuthCodeLookup, PortalFeatureKey, PortalSystem, RedemptionResult } from '../core/portal-api/schemas';
import { generateFeatureKey } from './feature-key';
import { PortalError } from './http-io';
import { hashToken, scryptPasswords, type PasswordHash, type PasswordHasher } from './passwords';

export interface Partner {
  id: string;
  name: string;
  username: string;
}

/** A response as it was first sent, replayed byte for byte for the same Idempotency-Key. */
export interface StoredResponse {
  status: number;
  body: string;
}

export interface IdempotencyRecord extends StoredResponse {
  requestHash: string;
}

export type ChangeEntity = 'sku' | 'system' | 'featureKey' | 'server' | 'serverHistory';

export type ChangesPage = { kind: 'page'; body: string } | { kind: 'expired'; message: string };

interface FeatureKeyRow {
  auth_code: string;
  feature_key: string;
  partner_id: string;
  mac: string;
  redeemed_at: string;
  sku: string;
  description: string;
  distributor: string | null;
}

interface SystemRow {
  mac: string;
  serial: string | null;
  name: string | null;
  customer: string | null;
}

const FEATURE_KEY_SELECT = `
  SELECT k.auth_code, k.feature_key, k.partner_id, k.mac, k.redeemed_at, c.sku, s.description, c.distributor
  FROM feature_keys k JOIN auth_codes c ON c.code = k.auth_code JOIN skus s ON s.sku = c.sku`;

/** The codes (a JSON array of canonical codes) → each known one with its SKU and redemption, by primary key. */
export const BATCH_LOOKUP_SQL = `
  SELECT c.code, c.sku, s.description, c.distributor, k.mac, k.redeemed_at
  FROM json_each(?) j JOIN auth_codes c ON c.code = j.value JOIN skus s ON s.sku = c.sku
  LEFT JOIN feature_keys k ON k.auth_code = c.code`;

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

  // --- auth codes and redemptions ---------------------------------------------------------------

  lookupAuthCode(code: string): AuthCodeLookup | null {
    const row = this.db
      .prepare(
        `SELECT c.code, c.sku, s.description, c.distributor, k.mac, k.redeemed_at
         FROM auth_codes c JOIN skus s ON s.sku = c.sku LEFT JOIN feature_keys k ON k.auth_code = c.code WHERE c.code = ?`,
      )
      .get(code) as
      | { code: string; sku: string; description: string; distributor: string | null; mac: string | null; redeemed_at: string | null }
      | undefined;
    if (!row) return null;
    return {
      code: row.code,
      status: row.mac ? 'redeemed' : 'unredeemed',
      sku: row.sku,
      skuDescription: row.description,
      distributor: row.distributor,
      ...(row.mac ? { mac: row.mac, redeemedAt: row.redeemed_at! } : {}),
    };
  }

  /**
   * Many codes at once, in the order sent: each typed code is parsed on its own (malformed →
   * `invalid` with the parser's message), and every well-formed one is read in a single query
   * that walks the codes' primary key, not one query per code.
   */
  lookupAuthCodes(typed: readonly string[]): AuthCodeBatchResult[] {
    const parsed = typed.map((code) => parseAuthCode(code));
    const wanted = [...new Set(parsed.flatMap((p) => (p.ok ? [p.code] : [])))];
    const rows = this.db.prepare(BATCH_LOOKUP_SQL).all(JSON.stringify(wanted)) as {
      code: string;
      sku: string;
      description: string;
      distributor: string | null;
      mac: string | null;
      redeemed_at: string | null;
    }[];
    const found = new Map(rows.map((row) => [row.code, row]));
    return parsed.map((p, index): AuthCodeBatchResult => {
      if (!p.ok) return { code: typed[index]!, status: 'invalid', message: p.message };
      const row = found.get(p.code);
      if (!row) {
        return {
          code: p.code,
          status: 'not_found',
          message: `No authorization code ${p.code} exists. Check it against the distributor's sheet.`,
        };
      }
      return {
        code: row.code,
        status: row.mac ? 'redeemed' : 'unredeemed',
        sku: row.sku,
        skuDescription: row.description,
        distributor: row.distributor,
        ...(row.mac ? { mac: row.mac, redeemedAt: row.redeemed_at! } : {}),
      };
    });
  }

  unredeemedAuthCodes(): { code: string; sku: string; skuDescription: string; distributor: string | null }[] {
    return this.db
      .prepare(
        `SELECT c.code, c.sku, s.description AS skuDescription, c.distributor FROM auth_codes c JOIN skus s ON s.sku = c.sku
         WHERE NOT EXISTS (SELECT 1 FROM feature_keys k WHERE k.auth_code = c.code) ORDER BY c.distributor, c.sku, c.code`,
      )
      .all() as { code: string; sku: string; skuDescription: string; distributor: string | null }[];
  }

  /**
   * Redeems each code on the system. Single use rests on the primary key of feature_keys: the
   * insert does nothing when the code is taken, and the holder is read back; there is no
   * check-then-insert window.
   */
  redeem(
    partnerId: string,
    key: string,
    requestHash: string,
    request: { mac: string; serial?: string; systemName?: string; authCodes: string[] },
  ): IdempotencyRecord {
    return this.idempotent(partnerId, key, requestHash, () => {
      const redeemedAt = this.now().toISOString();
      const insert = this.db.prepare(
        'INSERT INTO feature_keys (auth_code, feature_key, partner_id, mac, redeemed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (auth_code) DO NOTHING',
      );
      const voucher = this.db.prepare(
        'SELECT c.sku, s.description, c.distributor FROM auth_codes c JOIN skus s ON s.sku = c.sku WHERE c.code = ?',
      );
      const holder = this.db.prepare(`${FEATURE_KEY_SELECT} WHERE k.auth_code = ?`);
      const results: RedemptionResult[] = [];
      const redeemed: PortalFeatureKey[] = [];
      for (const typed of request.authCodes) {
        const parsed = parseAuthCode(typed);
        if (!parsed.ok) {
          results.push({ authCode: typed, status: 'invalid', message: parsed.message });
          continue;
        }
        const code = parsed.code;
        const found = voucher.get(code) as { sku: string; description: string; distributor: string | null } | undefined;
        if (!found) {
          results.push({
            authCode: code,
            status: 'not_found',
            message: `No authorization code ${code} exists. Check it against the distributor's sheet.`,
          });
          continue;
        }
        const featureKey = generateFeatureKey(this.secret, code, request.mac);
        if (insert.run(code, featureKey, partnerId, request.mac, redeemedAt).changes === 1) {
          const key: PortalFeatureKey = {
            authCode: code,
            featureKey,
            sku: found.sku,
            skuDescription: found.description,
            distributor: found.distributor,
            mac: request.mac,
            redeemedAt,
          };
          redeemed.push(key);
          results.push({ ...key, status: 'redeemed' });
          continue;
        }
        const holderRow = holder.get(code) as FeatureKeyRow;
        const taken = toFeatureKey(holderRow);
        const ours = holderRow.partner_id === partnerId;
        results.push({
          authCode: code,
          status: 'already_redeemed',
          // Another partner's key is theirs; the MAC and time say where the code went.
          ...(ours ? { featureKey: taken.featureKey } : {}),
          sku: taken.sku,
          skuDescription: taken.skuDescription,
          distributor: taken.distributor,
          mac: taken.mac,
          redeemedAt: taken.redeemedAt,
          message: `Already redeemed on ${formatMac(taken.mac)} at ${taken.redeemedAt}.`,
        });
      }
      if (redeemed.length) {
        this.saveSystem(partnerId, request.mac, { serial: request.serial, name: request.systemName });
        for (const key of redeemed) this.appendChange(partnerId, 'featureKey', key.authCode, 'upsert', key);
      }
      return { status: 200, body: JSON.stringify({ results }) };
    });
  }
}

/** The sandbox's own settings (secret, seed, change-log floor), readable before a store exists. */
export function readMeta(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function writeMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

function toFeatureKey(row: FeatureKeyRow): PortalFeatureKey {
  return {
    authCode: row.auth_code,
    featureKey: row.feature_key,
    sku: row.sku,
    skuDescription: row.description,
    distributor: row.distributor,
    mac: row.mac,
    redeemedAt: row.redeemed_at,
  };
}
