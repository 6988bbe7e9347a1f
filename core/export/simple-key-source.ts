/**
 * TEMPORARY row source for `keys.export`, until the Keys page's query (core/keys/key-query.ts,
 * `KeyQuery.count` + `KeyQuery.iterate`) is wired in its place: plain SQL over feature_keys,
 * systems and skus that honours the filter's dates and sort only (not `by`/`contains`).
 *
 * Rows come in keyset pages, each read whole before it is handed out, so no statement stays open
 * while the export yields to the event loop (an open better-sqlite3 iterator would make every
 * write on the connection fail with "busy" in the meantime).
 */
import type { Db } from '../db/database';
import { formatAuthCode } from '../domain/auth-code';
import type { KeyFilter, KeyRow, KeySortColumn } from '../keys/contract';

const SORT_EXPRESSIONS: Record<KeySortColumn, string> = {
  sku: 'k.sku',
  distributor: "coalesce(k.distributor, '')",
  authCode: 'k.auth_code',
  featureKey: 'k.feature_key',
  mac: 'k.mac',
  systemName: "coalesce(s.name, '')",
  redeemedAt: 'k.redeemed_at',
};

const PAGE_ROWS = 5000;

interface RawKeyRow {
  authCode: string;
  featureKey: string;
  sku: string;
  skuDescription: string | null;
  distributor: string | null;
  mac: string;
  systemName: string | null;
  customer: string | null;
  redeemedAt: string;
  origin: 'portal' | 'import';
  sortKey: string;
  rowid: number;
}

/** `2026-11-01` → that day's start in UTC; a full ISO time as given. */
function lowerBound(from: string | null): string | null {
  if (!from) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(from) ? `${from}T00:00:00.000Z` : new Date(from).toISOString();
}

/** `2026-11-30` → the next day's start in UTC (exclusive); a full ISO time as given. */
function upperBound(to: string | null): string | null {
  if (!to) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(to)) return new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString();
  return new Date(to).toISOString();
}

export function simpleKeyRows(db: Db): (filter: KeyFilter) => { total: number; rows: Iterable<KeyRow> } {
  return (filter) => {
    const sort = SORT_EXPRESSIONS[filter.sort];
    const desc = filter.direction === 'desc';
    const from = lowerBound(filter.from);
    const to = upperBound(filter.to);
    const dateWhere = '(? IS NULL OR k.redeemed_at >= ?) AND (? IS NULL OR k.redeemed_at < ?)';
    const total = (db.prepare(`SELECT count(*) AS n FROM feature_keys k WHERE ${dateWhere}`).get(from, from, to, to) as { n: number }).n;
    const select = `SELECT k.auth_code AS authCode, k.feature_key AS featureKey, k.sku AS sku, sk.description AS skuDescription,
        k.distributor AS distributor, k.mac AS mac, s.name AS systemName, s.customer AS customer, k.redeemed_at AS redeemedAt,
        k.origin AS origin, ${sort} AS sortKey, k.rowid AS rowid
      FROM feature_keys k LEFT JOIN systems s ON s.mac = k.mac LEFT JOIN skus sk ON sk.sku = k.sku
      WHERE ${dateWhere}`;
    const order = `ORDER BY ${sort} ${desc ? 'DESC' : 'ASC'}, k.rowid ${desc ? 'DESC' : 'ASC'} LIMIT ${PAGE_ROWS}`;
    const first = db.prepare(`${select} ${order}`);
    const after = db.prepare(`${select} AND (${sort}, k.rowid) ${desc ? '<' : '>'} (?, ?) ${order}`);

    function* rows(): IterableIterator<KeyRow> {
      let page = first.all(from, from, to, to) as RawKeyRow[];
      while (page.length > 0) {
        for (const raw of page) yield toKeyRow(raw);
        if (page.length < PAGE_ROWS) return;
        const last = page[page.length - 1]!;
        page = after.all(from, from, to, to, last.sortKey, last.rowid) as RawKeyRow[];
      }
    }
    return { total, rows: rows() };
  };
}

function toKeyRow(raw: RawKeyRow): KeyRow {
  return {
    authCode: formatAuthCode(raw.authCode),
    featureKey: raw.featureKey,
    sku: raw.sku,
    skuDescription: raw.skuDescription,
    distributor: raw.distributor,
    mac: raw.mac,
    systemName: raw.systemName,
    customer: raw.customer,
    redeemedAt: raw.redeemedAt,
    origin: raw.origin,
  };
}
