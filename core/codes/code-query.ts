/**
 * The Codes list and the balance over the inventory (migration 005's indexes):
 *
 * - every sort is a total order over an index, `(column, rowid)` (the code alone for the code), and
 *   the cursor is the last row's sort values, so page N costs what page 1 costs;
 * - `contains` of 3+ characters goes through the inventory's FTS5 trigram index as one quoted
 *   phrase (`%`, `_`, `*`, `"` and FTS syntax are literal); code-like text also in its compact form,
 *   as codes are stored; 1–2 characters match at the start of the code and the SKU, and the page
 *   says so;
 * - the first page counts its matches, exactly up to COUNT_BOUND;
 * - the balance reads the counts per status and SKU that migration 006's triggers keep, and the
 *   oldest import of each from the `(status, sku, imported_at)` index (one seek per group).
 */
import type { Db } from '../db/database';
import { formatAuthCode } from '../domain/auth-code';
import { bounded, boundedCountSql } from '../list-query/count';
import { allRows, decodeCursor, keysetCondition, orderBy, pageOf, sortValueColumns } from '../list-query/keyset';
import { StatementCache } from '../list-query/statements';
import { anyPhrase, prefixHigh, typedText } from '../list-query/text';
import type { Message } from '../messages/catalogue';
import { say } from '../messages/say';
import type { BalanceRow, CodeBalance, CodeFilter, CodePage, CodeRow, CodeSortColumn } from './contract';

export const SHORT_CODE_QUERY_NOTE = say('codes.list.shortQuery');

const SORTS: Record<CodeSortColumn, string[]> = {
  importedAt: ['c.imported_at', 'c.rowid'],
  code: ['c.auth_code'],
  sku: ["ifnull(c.sku, '')", 'c.rowid'],
  status: ['c.status', 'c.rowid'],
  distributor: ["ifnull(c.distributor, '')", 'c.rowid'],
  lastCheckedAt: ["ifnull(c.last_checked_at, '')", 'c.rowid'],
};

const ROW_COLUMNS = `c.auth_code AS code, c.sku AS sku, c.description AS description, c.distributor AS distributor, c.status AS status,
  c.redeemed_mac AS redeemedMac, c.redeemed_at AS redeemedAt, c.last_checked_at AS lastCheckedAt, c.imported_at AS importedAt,
  c.batch_id AS batchId, c.source_file AS sourceFile, c.source_sheet AS sourceSheet, c.source_row AS sourceRow,
  c.source_column AS sourceColumn, c.source_kind AS sourceKind`;

/** Unredeemed: what the balance counts. */
export const UNREDEEMED_STATUSES = ['available', 'unchecked', 'queued'] as const;

export class CodeQuery {
  private readonly statements: StatementCache;
  private readonly balanceGroups;
  private readonly skuDescription;
  private readonly inventoryDescription;

  constructor(db: Db) {
    this.statements = new StatementCache(db);
    // Counts from code_balance (migration 006, kept by triggers); the oldest import of each group
    // by one seek into the (status, sku, imported_at) index.
    this.balanceGroups = db.prepare<[], { status: string; sku: string | null; n: number; oldest: string }>(
      `SELECT b.status, nullif(b.sku, '') AS sku, b.codes AS n,
         CASE WHEN b.sku = '' THEN (SELECT min(imported_at) FROM code_inventory WHERE status = b.status AND sku IS NULL)
              ELSE (SELECT min(imported_at) FROM code_inventory WHERE status = b.status AND sku = b.sku) END AS oldest
       FROM code_balance b WHERE b.status IN ('available', 'queued', 'unchecked') AND b.codes > 0`,
    );
    this.skuDescription = db.prepare<[string], string>('SELECT description FROM skus WHERE sku = ?').pluck();
    this.inventoryDescription = db
      .prepare<[string], string>(`SELECT description FROM code_inventory WHERE ifnull(sku, '') = ? AND description IS NOT NULL LIMIT 1`)
      .pluck();
  }

  page(filter: CodeFilter, after: string | null, limit: number): CodePage {
    const keys = SORTS[filter.sort];
    const desc = filter.direction === 'desc';
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (filter.status !== null) {
      where.push('c.status = @status');
      params.status = filter.status;
    }
    if (filter.sku !== null) {
      where.push("ifnull(c.sku, '') = @sku");
      params.sku = filter.sku.trim();
    }
    let note: Message | null = null;
    const typed = typedText(filter.contains);
    if (typed) {
      const { text, compact } = typed;
      if (typed.long) {
        params.match = anyPhrase(typed.phrases);
        where.push('c.rowid IN (SELECT rowid FROM code_inventory_fts WHERE code_inventory_fts MATCH @match)');
      } else {
        const upper = (compact ?? text).toUpperCase();
        params.low = upper;
        params.high = prefixHigh(upper);
        params.skuLow = text;
        params.skuHigh = prefixHigh(text);
        where.push("((c.auth_code >= @low AND c.auth_code < @high) OR (ifnull(c.sku, '') >= @skuLow AND ifnull(c.sku, '') < @skuHigh))");
        note = SHORT_CODE_QUERY_NOTE;
      }
    }
    const filterWhere = [...where];
    const keyset: Record<string, string | number> = {};
    if (after !== null) {
      const condition = keysetCondition(keys, desc, decodeCursor(after, filter, keys));
      where.push(condition.sql);
      Object.assign(keyset, condition.params);
    }
    const found = this.statements
      .get(
        `SELECT ${ROW_COLUMNS}, ${sortValueColumns(keys)} FROM code_inventory c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${orderBy(keys, desc)} LIMIT @limit`,
      )
      .all({ ...params, ...keyset, limit: limit + 1 }) as (CodeRow & Record<string, string | number>)[];
    const { rows, nextCursor } = pageOf(found, limit, filter, keys);
    let total: CodePage['total'] = null;
    if (after === null) {
      const select = `SELECT 1 FROM code_inventory c ${filterWhere.length ? `WHERE ${filterWhere.join(' AND ')}` : ''}`;
      total = bounded(this.statements.get(boundedCountSql(select)).pluck().get(params) as number);
    }
    return { rows: rows.map(toCodeRow), nextCursor, total, note };
  }

  /** Every matching row in the filter's order (page after page). */
  iterate(filter: CodeFilter, chunk = 1000): IterableIterator<CodeRow> {
    return allRows((after) => this.page(filter, after, chunk));
  }

  balance(): CodeBalance {
    const bySku = new Map<string | null, BalanceRow>();
    for (const group of this.balanceGroups.all()) {
      let row = bySku.get(group.sku);
      if (!row) {
        row = { sku: group.sku, description: null, available: 0, unchecked: 0, queued: 0, count: 0, oldestImportedAt: group.oldest };
        bySku.set(group.sku, row);
      }
      row[group.status as (typeof UNREDEEMED_STATUSES)[number]] += group.n;
      row.count += group.n;
      if (group.oldest < row.oldestImportedAt) row.oldestImportedAt = group.oldest;
    }
    const rows = [...bySku.values()].sort((a, b) =>
      a.sku === b.sku ? 0 : a.sku === null ? 1 : b.sku === null ? -1 : a.sku < b.sku ? -1 : 1,
    );
    for (const row of rows) {
      if (row.sku !== null) row.description = this.skuDescription.get(row.sku) ?? this.inventoryDescription.get(row.sku) ?? null;
    }
    return { rows, total: rows.reduce((n, row) => n + row.count, 0) };
  }
}

function toCodeRow(row: CodeRow & Record<string, unknown>): CodeRow {
  return {
    code: formatAuthCode(row.code),
    sku: row.sku,
    description: row.description,
    distributor: row.distributor,
    status: row.status,
    redeemedMac: row.redeemedMac,
    redeemedAt: row.redeemedAt,
    lastCheckedAt: row.lastCheckedAt,
    importedAt: row.importedAt,
    batchId: row.batchId,
    sourceFile: row.sourceFile,
    sourceSheet: row.sourceSheet,
    sourceRow: row.sourceRow,
    sourceColumn: row.sourceColumn,
    sourceKind: row.sourceKind,
  };
}
