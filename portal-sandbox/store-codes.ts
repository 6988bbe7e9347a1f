/**
 * The sandbox portal's authorization codes: looking them up one or many at a time, and redeeming
 * them into feature keys (single use rests on the primary key of feature_keys).
 */
import type { Db } from '../core/db/database';
import { parseAuthCode } from '../core/domain/auth-code';
import { formatMac } from '../core/domain/mac';
import type { AuthCodeBatchResult, AuthCodeLookup, PortalFeatureKey, RedemptionResult } from '../core/portal-api/schemas';
import { generateFeatureKey } from './feature-key';

export interface FeatureKeyRow {
  auth_code: string;
  feature_key: string;
  partner_id: string;
  mac: string;
  redeemed_at: string;
  sku: string;
  description: string;
  distributor: string | null;
}

export const FEATURE_KEY_SELECT = `
  SELECT k.auth_code, k.feature_key, k.partner_id, k.mac, k.redeemed_at, c.sku, s.description, c.distributor
  FROM feature_keys k JOIN auth_codes c ON c.code = k.auth_code JOIN skus s ON s.sku = c.sku`;

/** The codes (a JSON array of canonical codes) → each known one with its SKU and redemption, by primary key. */
export const BATCH_LOOKUP_SQL = `
  SELECT c.code, c.sku, s.description, c.distributor, k.mac, k.redeemed_at
  FROM json_each(?) j JOIN auth_codes c ON c.code = j.value JOIN skus s ON s.sku = c.sku
  LEFT JOIN feature_keys k ON k.auth_code = c.code`;

export function toFeatureKey(row: FeatureKeyRow): PortalFeatureKey {
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

interface CodeRow {
  code: string;
  sku: string;
  description: string;
  distributor: string | null;
  mac: string | null;
  redeemed_at: string | null;
}

/** A code's row as the look-up answers it, one code or a batch. */
function lookupOf(row: CodeRow): AuthCodeLookup {
  return {
    code: row.code,
    status: row.mac ? 'redeemed' : 'unredeemed',
    sku: row.sku,
    skuDescription: row.description,
    distributor: row.distributor,
    ...(row.mac ? { mac: row.mac, redeemedAt: row.redeemed_at! } : {}),
  };
}

export function lookupAuthCode(db: Db, code: string): AuthCodeLookup | null {
  const row = db
    .prepare(
      `SELECT c.code, c.sku, s.description, c.distributor, k.mac, k.redeemed_at
       FROM auth_codes c JOIN skus s ON s.sku = c.sku LEFT JOIN feature_keys k ON k.auth_code = c.code WHERE c.code = ?`,
    )
    .get(code) as CodeRow | undefined;
  return row ? lookupOf(row) : null;
}

/**
 * Many codes at once, in the order sent: each typed code is parsed on its own (malformed →
 * `invalid` with the parser's message), and every well-formed one is read in a single query
 * that walks the codes' primary key, not one query per code.
 */
export function lookupAuthCodes(db: Db, typed: readonly string[]): AuthCodeBatchResult[] {
  const parsed = typed.map((code) => parseAuthCode(code));
  const wanted = [...new Set(parsed.flatMap((p) => (p.ok ? [p.code] : [])))];
  const rows = db.prepare(BATCH_LOOKUP_SQL).all(JSON.stringify(wanted)) as CodeRow[];
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
    return lookupOf(row);
  });
}

export function unredeemedAuthCodes(db: Db): { code: string; sku: string; skuDescription: string; distributor: string | null }[] {
  return db
    .prepare(
      `SELECT c.code, c.sku, s.description AS skuDescription, c.distributor FROM auth_codes c JOIN skus s ON s.sku = c.sku
       WHERE NOT EXISTS (SELECT 1 FROM feature_keys k WHERE k.auth_code = c.code) ORDER BY c.distributor, c.sku, c.code`,
    )
    .all() as { code: string; sku: string; skuDescription: string; distributor: string | null }[];
}

/** A redemption as the routes pass it on: the MAC already canonical. */
export interface RedemptionRequestOnSystem {
  mac: string;
  serial?: string;
  systemName?: string;
  authCodes: string[];
}

/** A response as it was first sent, replayed byte for byte for the same Idempotency-Key. */
export interface StoredResponse {
  status: number;
  body: string;
}

/** What redeeming needs of the store (store.ts passes itself; typed here so the two files do not import each other). */
export interface RedeemingStore {
  readonly db: Db;
  saveSystem(partnerId: string, mac: string, fields: { serial?: string; name?: string; customer?: string }): unknown;
  appendChange(partnerId: string | null, entity: 'featureKey', id: string, op: 'upsert' | 'delete', data: unknown): void;
}

/**
 * Redeems each code on the system (inside the caller's transaction). Single use rests on the
 * primary key of feature_keys: the insert does nothing when the code is taken, and the holder is
 * read back; there is no check-then-insert window.
 */
export function redeemCodes(
  store: RedeemingStore,
  secret: string,
  redeemedAt: string,
  partnerId: string,
  request: RedemptionRequestOnSystem,
): StoredResponse {
  const db = store.db;
  const insert = db.prepare(
    'INSERT INTO feature_keys (auth_code, feature_key, partner_id, mac, redeemed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (auth_code) DO NOTHING',
  );
  const voucher = db.prepare('SELECT c.sku, s.description, c.distributor FROM auth_codes c JOIN skus s ON s.sku = c.sku WHERE c.code = ?');
  const holder = db.prepare(`${FEATURE_KEY_SELECT} WHERE k.auth_code = ?`);
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
    const featureKey = generateFeatureKey(secret, code, request.mac);
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
    results.push(alreadyRedeemed(holder.get(code) as FeatureKeyRow, partnerId));
  }
  if (redeemed.length) {
    store.saveSystem(partnerId, request.mac, { serial: request.serial, name: request.systemName });
    for (const key of redeemed) store.appendChange(partnerId, 'featureKey', key.authCode, 'upsert', key);
  }
  return { status: 200, body: JSON.stringify({ results }) };
}

/** A code someone already redeemed, as a result: where it went and (when it is ours) its key. */
function alreadyRedeemed(holderRow: FeatureKeyRow, partnerId: string): RedemptionResult {
  const taken = toFeatureKey(holderRow);
  const ours = holderRow.partner_id === partnerId;
  return {
    authCode: taken.authCode,
    status: 'already_redeemed',
    // Another partner's key is theirs; the MAC and time say where the code went.
    ...(ours ? { featureKey: taken.featureKey } : {}),
    sku: taken.sku,
    skuDescription: taken.skuDescription,
    distributor: taken.distributor,
    mac: taken.mac,
    redeemedAt: taken.redeemedAt,
    message: `Already redeemed on ${formatMac(taken.mac)} at ${taken.redeemedAt}.`,
  };
}
