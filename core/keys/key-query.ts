/**
 * The Keys page's query over the local cache: a filter (dates, a field, a text), a sort on any
 * column, keyset pages and a bounded count. Built for a million keys:
 *
 * - every sort is a total order over an index, `(column, rowid)` (for the system name
 *   `(name, system rowid, key rowid)`), and the cursor is the last row's sort values, so page N
 *   costs what page 1 costs;
 * - text of 3+ characters goes through the FTS5 trigram indexes as one quoted phrase (so `%`, `_`,
 *   `*`, `"` and FTS syntax are literal), MAC-like and code-like text also in its compact form;
 *   1–2 characters match at the start of the indexed columns, and the page says so;
 * - each page first counts the matches up to COUNT_BOUND. A filter matching fewer rows is answered
 *   by fetching those rows and sorting them; a broader one by walking the sort's index and testing
 *   each row, which finds a page after at most a few thousand rows.
 */
import type { Db } from '../db/database';
import { VENDOR_PREFIX } from '../domain/mac';
import { bounded, boundedCountSql, COUNT_BOUND, outsideOf } from '../list-query/count';
import { dateBounds } from '../list-query/dates';
import { allRows, decodeCursor, keysetCondition as keysetOf, orderBy, pageOf, sortValueColumns } from '../list-query/keyset';
import { lastSyncedAt, StatementCache } from '../list-query/statements';
import { anyPhrase, compactForm, likePattern, prefixHigh, typedText } from '../list-query/text';
import type { Message } from '../messages/catalogue';
import { say } from '../messages/say';
import type { KeyCount, KeyFilter, KeyPage, KeyRow, KeySortColumn } from './contract';

export { COUNT_BOUND };

export const SHORT_QUERY_NOTE: Message = say('keys.note.shortQuery');
/** The index-building note as a Message (keys.list); INDEX_BUILDING_NOTE is its English, for core/search until it says codes. */
export const INDEX_BUILDING_MESSAGE: Message = say('keys.note.indexBuilding');
export const INDEX_BUILDING_NOTE = INDEX_BUILDING_MESSAGE.message;

/** How a sort column orders rows: the expressions of its index, ending in a unique one. */
interface SortSpec {
  /** SQL expressions, last one unique (a rowid or the auth code). */
  keys: string[];
  /** For the system name the systems table leads the join. */
  systemsFirst: boolean;
}

const SORTS: Record<KeySortColumn, SortSpec> = {
  redeemedAt: { keys: ['k.redeemed_at', 'k.rowid'], systemsFirst: false },
  sku: { keys: ['k.sku', 'k.rowid'], systemsFirst: false },
  authCode: { keys: ['k.auth_code'], systemsFirst: false },
  featureKey: { keys: ['k.feature_key', 'k.rowid'], systemsFirst: false },
  mac: { keys: ['k.mac', 'k.rowid'], systemsFirst: false },
  distributor: { keys: ["ifnull(k.distributor, '')", 'k.rowid'], systemsFirst: false },
  systemName: { keys: ["ifnull(y.name, '') COLLATE NOCASE", 'y.rowid', 'k.rowid'], systemsFirst: true },
};

export const ROW_COLUMNS = `k.auth_code AS authCode, k.feature_key AS featureKey, k.sku AS sku, s.description AS skuDescription,
  k.distributor AS distributor, k.mac AS mac, y.name AS systemName, y.customer AS customer, k.redeemed_at AS redeemedAt,
  k.origin AS origin`;

/** A part of a WHERE clause and its named parameters. */
interface Sql {
  sql: string;
  params: Record<string, string | number>;
}

/** How a filter's text is matched: a set of candidate key rowids, and the same test for one row. */
interface TextMatch {
  /** SELECT of key rowids (column `id`), distinct. */
  candidates: string;
  /** A predicate over `k` (feature_keys) and `y` (its system). */
  test: string;
  params: Record<string, string>;
  note: Message | null;
}

export class KeyQuery {
  private readonly statements: StatementCache;
  private readonly deferredIndex;
  private readonly lastSuccess;

  constructor(db: Db) {
    this.statements = new StatementCache(db);
    this.deferredIndex = db.prepare<[], number>('SELECT deferred FROM search_index WHERE id = 1').pluck();
    this.lastSuccess = lastSyncedAt(db);
  }

  /** One page in the filter's order, after the row `after` points at (null: from the start). */
  page(filter: KeyFilter, after: string | null, limit: number): KeyPage {
    const sort = SORTS[filter.sort];
    const cursor = after === null ? null : decodeCursor(after, filter, sort.keys);
    const dates = dateRange(filter);
    const text = this.textMatch(filter);
    const matched = this.matches(dates, text);
    const desc = filter.direction === 'desc';

    const where: string[] = [];
    const params: Record<string, string | number> = { ...dates.params, ...(text?.params ?? {}), limit: limit + 1 };
    if (cursor) {
      const keyset = keysetCondition(sort, desc, cursor);
      where.push(keyset.sql);
      Object.assign(params, keyset.params);
    }
    const order = orderBy(sort.keys, desc);
    const sortValues = sortValueColumns(sort.keys);
    let sql: string;
    if (matched.exact) {
      // Few matches: fetch them (their rowids, or through the date index) and sort them.
      let candidates = dates.candidates;
      if (matched.ids) {
        candidates = 'SELECT value AS id FROM json_each(@ids)';
        params.ids = JSON.stringify(matched.ids);
      }
      sql = `WITH c(id) AS MATERIALIZED (${candidates})
        SELECT ${ROW_COLUMNS}, ${sortValues} FROM c
        CROSS JOIN feature_keys k ON k.rowid = c.id
        CROSS JOIN systems y ON y.mac = k.mac
        LEFT JOIN skus s ON s.sku = k.sku
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${order} LIMIT @limit`;
    } else {
      // Many matches: walk the sort's index and test each row. The unary + keeps the planner
      // from reading the date range through its index and sorting it (unless the sort is the date).
      if (dates.test) where.push(filter.sort === 'redeemedAt' ? dates.test : dates.test.replaceAll('k.redeemed_at', '+k.redeemed_at'));
      if (text) where.push(`(${text.test})`);
      const from = sort.systemsFirst
        ? 'systems y CROSS JOIN feature_keys k ON k.mac = y.mac'
        : 'feature_keys k CROSS JOIN systems y ON y.mac = k.mac';
      sql = `SELECT ${ROW_COLUMNS}, ${sortValues} FROM ${from}
        LEFT JOIN skus s ON s.sku = k.sku
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${order} LIMIT @limit`;
    }
    const found = this.statements.get(sql).all(params) as (KeyRow & Record<string, string | number>)[];
    const { rows, nextCursor } = pageOf(found, limit, filter, sort.keys);
    return {
      rows: rows.map(toKeyRow),
      nextCursor,
      total: after === null ? { count: matched.count, exact: matched.exact } : null,
      outsideDates: after === null && dates.test && matched.exact ? this.outside(matched.count, text) : null,
      note: text?.note ?? null,
      lastSyncedAt: this.lastSuccess(),
    };
  }

  /** How many keys match, exactly up to COUNT_BOUND. */
  count(filter: KeyFilter): KeyCount {
    const { count, exact } = this.matches(dateRange(filter), this.textMatch(filter));
    return { count, exact };
  }

  /**
   * How many matches of the same text lie outside the dates, given `inside` within them: all the
   * matches counted without dates (up to the bound), less those.
   */
  private outside(inside: number, text: TextMatch | null): KeyCount {
    return outsideOf(this.matches(dateRange({ from: null, to: null }), text), inside);
  }

  /** Every matching row in the filter's order: exactly what `page` gives, page after page. */
  iterate(filter: KeyFilter, chunk = 1000): IterableIterator<KeyRow> {
    return allRows((after) => this.page(filter, after, chunk));
  }

  /**
   * Counts the matches up to COUNT_BOUND; for a text search also returns their rowids when
   * there are no more, so the page query does not search again.
   */
  private matches(dates: DateRange, text: TextMatch | null): KeyCount & { ids: number[] | null } {
    if (!text) {
      const count = this.statements.get(boundedCountSql(dates.candidates)).pluck().get(dates.params) as number;
      return { ...bounded(count), ids: null };
    }
    const ids = this.statements
      .get(
        `SELECT c.id FROM (${text.candidates}) c ${dates.test ? `JOIN feature_keys k ON k.rowid = c.id WHERE ${dates.test}` : ''}
       LIMIT ${COUNT_BOUND + 1}`,
      )
      .pluck()
      .all({ ...dates.params, ...text.params }) as number[];
    const count = bounded(ids.length);
    return { ...count, ids: count.exact ? ids : null };
  }

  private textMatch(filter: KeyFilter): TextMatch | null {
    const typed = typedText(filter.contains);
    if (!typed) return null;
    if (this.deferredIndex.get() === 1) return likeMatch(filter.by, typed.text);
    if (!typed.long) return prefixMatch(filter.by, typed.text);
    return ftsMatch(filter.by, typed.phrases);
  }
}

export function toKeyRow(row: KeyRow): KeyRow {
  return {
    authCode: formatCode(row.authCode),
    featureKey: row.featureKey,
    sku: row.sku,
    skuDescription: row.skuDescription,
    distributor: row.distributor,
    mac: row.mac,
    systemName: row.systemName,
    customer: row.customer,
    redeemedAt: row.redeemedAt,
    origin: row.origin,
  };
}

const formatCode = (compact: string) => [0, 6, 12, 18].map((start) => compact.slice(start, start + 6)).join('-');

// --- Dates -------------------------------------------------------------------------------------

interface DateRange {
  /** Key rowids in the range (or all keys), through the redeemed_at index. */
  candidates: string;
  test: string | null;
  params: Record<string, string>;
}

function dateRange(filter: Pick<KeyFilter, 'from' | 'to'>): DateRange {
  const { from, to } = dateBounds(filter);
  const tests = [...(from ? ['k.redeemed_at >= @from'] : []), ...(to ? ['k.redeemed_at < @to'] : [])];
  const test = tests.length ? tests.join(' AND ') : null;
  return {
    candidates: `SELECT k.rowid AS id FROM feature_keys k${test ? ` WHERE ${test}` : ''}`,
    test,
    params: { ...(from ? { from } : {}), ...(to ? { to } : {}) },
  };
}

// --- Text --------------------------------------------------------------------------------------

const KEY_FTS_COLUMNS: Partial<Record<KeyFilter['by'], string>> = { authCode: 'auth_code', featureKey: 'feature_key', sku: 'sku' };
const SYSTEM_FTS_COLUMNS: Partial<Record<KeyFilter['by'], string>> = { mac: 'mac', systemName: 'name', customer: 'customer' };

function ftsMatch(by: KeyFilter['by'], phrases: string[]): TextMatch {
  const any = anyPhrase(phrases);
  const params: Record<string, string> = {};
  const candidates: string[] = [];
  // Tests for walking a sort index past many matches: each match set is read once (SQLite keeps an
  // uncorrelated IN list in an ephemeral index), not one full-text query per row walked.
  const tests: string[] = [];
  const keyColumns = by === 'all' ? null : KEY_FTS_COLUMNS[by];
  const systemColumns = by === 'all' ? null : SYSTEM_FTS_COLUMNS[by];
  if (by === 'all' || keyColumns) {
    params.keyQuery = keyColumns ? `{${keyColumns}} : (${any})` : any;
    candidates.push('SELECT rowid AS id FROM feature_keys_fts WHERE feature_keys_fts MATCH @keyQuery');
    tests.push('k.rowid IN (SELECT rowid FROM feature_keys_fts WHERE feature_keys_fts MATCH @keyQuery)');
  }
  if (by === 'all' || systemColumns) {
    params.systemQuery = systemColumns ? `{${systemColumns}} : (${any})` : any;
    candidates.push(`SELECT k.rowid AS id FROM systems_fts f JOIN systems sy ON sy.rowid = f.rowid JOIN feature_keys k ON k.mac = sy.mac
      WHERE systems_fts MATCH @systemQuery`);
    tests.push('y.rowid IN (SELECT rowid FROM systems_fts WHERE systems_fts MATCH @systemQuery)');
  }
  if (by === 'all' || by === 'sku') {
    // SKU descriptions: a few dozen rows, scanned.
    params.descriptionLike = likePattern(phrases[0]!);
    const skus = `SELECT sku FROM skus WHERE description LIKE @descriptionLike ESCAPE '\\'`;
    candidates.push(`SELECT k.rowid AS id FROM feature_keys k WHERE k.sku IN (${skus})`);
    tests.push(`k.sku IN (${skus})`);
  }
  return { candidates: unionOf(candidates), test: tests.join(' OR '), params, note: null };
}

/**
 * The distinct rowids of several sources. A UNION is computed whole before anything reads it, so
 * each source stops after COUNT_BOUND + 1 rows: a broad search costs a bounded amount, and a
 * source that reaches the bound makes the count inexact, as it should.
 */
function unionOf(sources: string[]): string {
  if (sources.length === 1) return sources[0]!;
  return sources.map((source) => `SELECT id FROM (${source} LIMIT ${COUNT_BOUND + 1})`).join(' UNION ');
}

/** 1–2 characters: the start of the indexed columns (codes and MACs also after their separators are removed). */
function prefixMatch(by: KeyFilter['by'], text: string): TextMatch {
  const upper = (compactForm(text) ?? text).toUpperCase();
  const params: Record<string, string> = {
    codeLow: upper,
    codeHigh: prefixHigh(upper),
    macLow: VENDOR_PREFIX + upper,
    macHigh: prefixHigh(VENDOR_PREFIX + upper),
    keyLow: text,
    keyHigh: prefixHigh(text),
    nameLow: text,
    nameHigh: prefixHigh(text),
  };
  const parts: { candidates: string; test: string }[] = [];
  const keyRange = (column: string, low: string, high: string) => ({
    candidates: `SELECT rowid AS id FROM feature_keys WHERE ${column} >= @${low} AND ${column} < @${high}`,
    test: `(k.${column} >= @${low} AND k.${column} < @${high})`,
  });
  const systemRange = (column: string) => ({
    candidates: `SELECT k.rowid AS id FROM systems sy JOIN feature_keys k ON k.mac = sy.mac
      WHERE sy.${column} >= @nameLow COLLATE NOCASE AND sy.${column} < @nameHigh COLLATE NOCASE`,
    test: `(y.${column} >= @nameLow COLLATE NOCASE AND y.${column} < @nameHigh COLLATE NOCASE)`,
  });
  if (by === 'all' || by === 'authCode') parts.push(keyRange('auth_code', 'codeLow', 'codeHigh'));
  if (by === 'all' || by === 'featureKey') parts.push(keyRange('feature_key', 'keyLow', 'keyHigh'));
  if (by === 'all' || by === 'sku') parts.push(keyRange('sku', 'codeLow', 'codeHigh'));
  if (by === 'all' || by === 'mac') parts.push(keyRange('mac', 'codeLow', 'codeHigh'), keyRange('mac', 'macLow', 'macHigh'));
  if (by === 'all' || by === 'systemName') parts.push(systemRange('name'));
  if (by === 'all' || by === 'customer') parts.push(systemRange('customer'));
  return {
    candidates: unionOf(parts.map((p) => p.candidates)),
    test: parts.map((p) => p.test).join(' OR '),
    params: Object.fromEntries(Object.entries(params).filter(([name]) => parts.some((p) => p.test.includes(`@${name}`)))),
    note: SHORT_QUERY_NOTE,
  };
}

/** While a first sync builds the index: LIKE over the rows (a scan that stops once the count bound is passed). */
function likeMatch(by: KeyFilter['by'], text: string): TextMatch {
  const compact = compactForm(text);
  const params = { like: likePattern(text), compactLike: likePattern(compact ?? text) };
  const like = (column: string, pattern = '@like') => `${column} LIKE ${pattern} ESCAPE '\\'`;
  const fields: Record<Exclude<KeyFilter['by'], 'all'>, string[]> = {
    authCode: [like('k.auth_code', '@compactLike')],
    featureKey: [like('k.feature_key')],
    sku: [like('k.sku'), `k.sku IN (SELECT sku FROM skus WHERE ${like('description')})`],
    mac: [like('k.mac', '@compactLike')],
    systemName: [like('y.name')],
    customer: [like('y.customer')],
  };
  const chosen = by === 'all' ? [...Object.values(fields).flat(), like('k.distributor'), like('y.serial')] : fields[by];
  const test = chosen.join(' OR ');
  return {
    candidates: `SELECT k.rowid AS id FROM feature_keys k JOIN systems y ON y.mac = k.mac WHERE ${test} LIMIT ${COUNT_BOUND + 1}`,
    test,
    params,
    note: INDEX_BUILDING_MESSAGE,
  };
}

// --- Cursors -----------------------------------------------------------------------------------

function keysetCondition(sort: SortSpec, desc: boolean, values: (string | number)[]): Sql {
  if (!sort.systemsFirst) return keysetOf(sort.keys, desc, values);
  // (name, system rowid) reaches the systems index as a range; the key rowid breaks ties within a system.
  const op = desc ? '<' : '>';
  const { params } = keysetOf(sort.keys, desc, values);
  return { sql: `(${sort.keys[0]}, y.rowid) ${op}= (@c0, @c1) AND (y.rowid <> @c1 OR k.rowid ${op} @c2)`, params };
}
