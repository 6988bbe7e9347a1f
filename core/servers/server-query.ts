/**
 * The Servers page's query over the local cache, as the Keys page's (core/keys/key-query.ts) but
 * for a dashboard of up to about 100,000 servers:
 *
 * - every sort is a total order over an index under the hidden flag, `(hidden, column, rowid)`
 *   (the MAC alone for the MAC column), and the cursor is the last row's sort values, so page N
 *   costs what page 1 costs;
 * - `Contains` of 3+ characters goes through the FTS5 trigram index `servers_fts` as one quoted
 *   phrase (so `%`, `_`, `*`, `"` and FTS syntax are literal); MAC-like text also in its compact
 *   form against MACs and serials, so a MAC matches in any format; 1–2 characters match at the
 *   start of the columns and the page says so;
 * - each page first counts the matches (exactly: a dashboard is small enough). Few matches are
 *   fetched and sorted; more are found by walking the sort's index and testing each row, which
 *   fills a page after a few thousand rows at most.
 */
import { decodeKeysetCursor, encodeKeysetCursor } from '../list-query/keyset-cursor';
import { fieldError, validationError } from '../rpc/errors';
import type { Db } from '../db/database';
import { VENDOR_PREFIX } from '../domain/mac';
import { compactForm } from '../keys/key-query';
import type { OutboxStore } from '../sync/outbox';
import { cachedServerOfRow, type CachedServer, type ServerDbRow } from '../sync/server-writes';
import { ftsPhrase } from '../systems/system-search';
import type { ServerFilter, ServerPage, ServerPendingChange, ServerRow, ServerSearchField, ServerSortColumn } from './contract';

/** Up to this many matches are fetched and sorted; more are found by walking the sort's index. */
export const SMALL_MATCH_SET = 2000;

export const SHORT_QUERY_NOTE =
  'Searches of 1 or 2 characters match at the start of MACs, serial numbers, system names, companies and Site/Server IDs only; type 3 or more to search inside them.';

/**
 * What a table row shows (half the columns: reading whole rows cost twice as much at 2,000 a
 * page). The registration's other fields stay unread; `toServerRow` does not use them.
 */
const LIST_COLUMNS = `s.rowid, s.mac, s.serial, s.model, s.site_id, s.status, s.hidden, s.system_name, s.company, s.rma_state,
  s.rma_reason, s.rma_replacement_mac, s.rma_requested_at, s.rma_completed_at, s.added_at, s.updated_at, s.origin`;

/** Each sort: the expressions of its index after `hidden`, the last one unique. */
const SORTS: Record<ServerSortColumn, string[]> = {
  mac: ['s.mac'],
  model: ['s.model', 's.rowid'],
  systemName: ["ifnull(s.system_name, '') COLLATE NOCASE", 's.rowid'],
  company: ["ifnull(s.company, '') COLLATE NOCASE", 's.rowid'],
  siteId: ['ifnull(CAST(s.site_id AS INTEGER), -1)', 's.rowid'],
  status: ['s.status', 's.rowid'],
  addedAt: ['s.added_at', 's.rowid'],
};
/** Positions in a cursor that hold numbers (rowids, the numeric Site/Server ID). */
const numericAt = (sort: ServerSortColumn, i: number) => SORTS[sort][i]!.endsWith('rowid') || (sort === 'siteId' && i === 0);

const FTS_COLUMNS: Record<Exclude<ServerSearchField, 'all'>, string> = {
  mac: 'mac',
  serial: 'serial',
  systemName: 'system_name',
  company: 'company',
  siteId: 'site_id',
};

interface Condition {
  /** For counting and fetching few matches: lets the planner pick any index. */
  plain: string[];
  /** What `plain` reads: the servers, or a text search's matches and their rows. */
  from: string;
  /** For walking a sort's index: the same tests, kept off the other indexes (unary +). */
  walking: string[];
  params: Record<string, string | number>;
  note: string | null;
  /** The FTS5 query whose matches (`@ids`, a JSON list of rowids) the tests refer to. */
  fts: string | null;
}

export class ServerQuery {
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>();
  private readonly lastSuccess;

  constructor(
    private readonly db: Db,
    private readonly outbox: Pick<OutboxStore, 'openServerOperations'>,
  ) {
    this.lastSuccess = db
      .prepare<[], string>(
        `SELECT st.value FROM sync_state st
         WHERE st.name = 'lastSuccessAt' AND st.portal_url = (SELECT value FROM sync_state WHERE portal_url = '' AND name = 'cachePortal')`,
      )
      .pluck();
  }

  /** One page in the filter's order, after the row `after` points at (null: from the start). */
  page(filter: ServerFilter, after: string | null, limit: number): ServerPage {
    const { rows, nextCursor, count, note } = this.rawPage(filter, after, limit);
    return {
      rows: this.withPending(rows),
      nextCursor,
      total: after === null ? { count, exact: true } : null,
      outsideDates:
        after === null && (filter.from || filter.to)
          ? { count: this.count({ ...filter, from: null, to: null }) - count, exact: true }
          : null,
      note,
      lastSyncedAt: this.lastSuccess.get() ?? null,
    };
  }

  /** How many servers match. */
  count(filter: ServerFilter): number {
    const condition = this.conditionOf(filter);
    return this.statement(`SELECT count(*) FROM ${condition.from} WHERE ${condition.plain.join(' AND ')}`)
      .pluck()
      .get(condition.params) as number;
  }

  /** Every matching row in the filter's order: exactly what `page` gives, page after page. */
  *iterate(filter: ServerFilter, chunk = 1000): IterableIterator<ServerRow> {
    let after: string | null = null;
    do {
      const page = this.rawPage(filter, after, chunk);
      yield* this.withPending(page.rows);
      after = page.nextCursor;
    } while (after !== null);
  }

  /** Rows as the table shows them, each with its open changes. */
  withPending(rows: readonly CachedServer[]): ServerRow[] {
    const pending = new Map<string, ServerPendingChange[]>();
    for (const operation of this.outbox.openServerOperations(rows.map((r) => r.mac))) {
      const list = pending.get(operation.request.mac) ?? [];
      list.push({ operationId: operation.id, action: operation.request.action, status: operation.status, lastError: operation.lastError });
      pending.set(operation.request.mac, list);
    }
    return rows.map((row) => toServerRow(row, pending.get(row.mac) ?? []));
  }

  private rawPage(
    filter: ServerFilter,
    after: string | null,
    limit: number,
  ): { rows: CachedServer[]; nextCursor: string | null; count: number; note: string | null } {
    const keys = SORTS[filter.sort];
    const cursor = after === null ? null : decodeCursor(after, filter);
    const condition = this.conditionOf(filter);
    const count = this.statement(`SELECT count(*) FROM ${condition.from} WHERE ${condition.plain.join(' AND ')}`)
      .pluck()
      .get(condition.params) as number;
    const desc = filter.direction === 'desc';
    const order = keys.map((key) => `${key} ${desc ? 'DESC' : 'ASC'}`).join(', ');
    const sortValues = keys.map((key, i) => `${key.replace(' COLLATE NOCASE', '')} AS sv${i}`).join(', ');
    const params: Record<string, string | number> = { ...condition.params, limit: limit + 1 };
    const keyset: string[] = [];
    if (cursor) {
      const op = desc ? '<' : '>';
      cursor.forEach((value, i) => {
        params[`c${i}`] = value;
      });
      // `k0 >= c0 AND (k0 > c0 OR rowid > c1)` rather than a row value: SQLite reads a row-value
      // comparison as a range of an index on an expression (name, company, site) only in this form.
      keyset.push(keys.length === 1 ? `${keys[0]} ${op} @c0` : `${keys[0]} ${op}= @c0 AND (${keys[0]} ${op} @c0 OR ${keys[1]} ${op} @c1)`);
    }
    let sql: string;
    if (count <= SMALL_MATCH_SET) {
      sql = `WITH c(id) AS MATERIALIZED (SELECT s.rowid FROM ${condition.from} WHERE ${condition.plain.join(' AND ')})
        SELECT ${LIST_COLUMNS}, ${sortValues} FROM c CROSS JOIN servers s ON s.rowid = c.id
        ${keyset.length ? `WHERE ${keyset.join(' AND ')}` : ''}
        ORDER BY ${order} LIMIT @limit`;
    } else {
      sql = `SELECT ${LIST_COLUMNS}, ${sortValues} FROM servers s
        WHERE ${[...condition.walking, ...keyset].join(' AND ')}
        ORDER BY ${order} LIMIT @limit`;
    }
    const found = this.statement(sql).all(params) as (ServerDbRow & Record<string, string | number>)[];
    const more = found.length > limit;
    const rows = found.slice(0, limit);
    const last = rows[rows.length - 1];
    return {
      rows: rows.map(cachedServerOfRow),
      nextCursor:
        more && last
          ? encodeCursor(
              filter,
              keys.map((_, i) => last[`sv${i}`]!),
            )
          : null,
      count,
      note: condition.note,
    };
  }

  /**
   * The filter as SQL. A text search is run once here and its matches passed on as a list, so the
   * count and the page do not each search the index again.
   */
  private conditionOf(filter: ServerFilter): Condition {
    const condition = conditionOf(filter);
    if (condition.fts === null) return condition;
    const ids = this.statement('SELECT rowid FROM servers_fts WHERE servers_fts MATCH ?').pluck().all(condition.fts) as number[];
    condition.params.ids = JSON.stringify(ids);
    return condition;
  }

  private statement(sql: string) {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

export function toServerRow(server: CachedServer, pending: ServerPendingChange[]): ServerRow {
  return {
    mac: server.mac,
    serial: server.serial,
    model: server.model,
    systemName: server.registration.systemName,
    company: server.registration.company,
    siteId: server.siteId,
    status: server.status,
    hidden: server.hidden,
    addedAt: server.addedAt,
    rma: server.rma ? { state: server.rma.state, replacementMac: server.rma.replacementMac, reason: server.rma.reason } : null,
    origin: server.origin,
    pending,
  };
}

// --- The filter ----------------------------------------------------------------------------------

function conditionOf(filter: ServerFilter): Condition {
  const plain: string[] = ['s.hidden = @hidden'];
  const walking: string[] = ['s.hidden = @hidden'];
  const params: Record<string, string | number> = { hidden: filter.hidden ? 1 : 0 };
  const both = (column: string, test: (expression: string) => string, sortedBy: boolean) => {
    plain.push(test(column));
    walking.push(test(sortedBy ? column : `+${column}`));
  };
  if (filter.model) {
    params.model = filter.model;
    both('s.model', (c) => `${c} = @model`, filter.sort === 'model');
  }
  if (filter.status) {
    params.status = filter.status;
    both('s.status', (c) => `${c} = @status`, filter.sort === 'status');
  }
  const from = filter.from ? instant('from', filter.from, false) : null;
  const to = filter.to ? instant('to', filter.to, true) : null;
  if (from && to && from > to) {
    throw validationError('The start date is after the end date.', [
      fieldError('filter.from', 'date.afterEnd', 'The start date is after the end date.'),
    ]);
  }
  if (from) {
    params.from = from;
    both('s.added_at', (c) => `${c} >= @from`, filter.sort === 'addedAt');
  }
  if (to) {
    params.to = to;
    both('s.added_at', (c) => `${c} < @to`, filter.sort === 'addedAt');
  }
  const text = textMatch(filter.by, filter.contains);
  let source = 'servers s';
  if (text?.fts) {
    // The matches lead: a few thousand rowid look-ups, not a pass over every server.
    source = 'json_each(@ids) j CROSS JOIN servers s ON s.rowid = j.value';
    walking.push(`(${text.walking})`);
  } else if (text) {
    plain.push(`(${text.test})`);
    walking.push(`(${text.walking})`);
    Object.assign(params, text.params);
  }
  return { plain, from: source, walking, params, note: text?.note ?? null, fts: text?.fts ?? null };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An ISO date (that UTC day's start; as the end of a range, the next day's start, so the whole
 * day is included) or a full ISO time, as the UTC text the cache stores.
 */
function instant(field: 'from' | 'to', value: string, endOfDay: boolean): string {
  const text = value.trim();
  const parsed = ISO_DATE.test(text) ? Date.parse(`${text}T00:00:00.000Z`) : /T/.test(text) ? Date.parse(text) : Number.NaN;
  const valid = !Number.isNaN(parsed) && (!ISO_DATE.test(text) || new Date(parsed).toISOString().slice(0, 10) === text);
  if (!valid) {
    const message = `"${value}" is not a date: use YYYY-MM-DD (e.g. 2026-11-01) or a full ISO time.`;
    throw validationError(`Invalid ${field} date: ${message}`, [fieldError(`filter.${field}`, 'date.invalid', message, { value })]);
  }
  return new Date(ISO_DATE.test(text) && endOfDay ? parsed + 86_400_000 : parsed).toISOString();
}

function textMatch(
  by: ServerSearchField,
  contains: string,
): { test: string; walking: string; params: Record<string, string>; note: string | null; fts: string | null } | null {
  const text = contains.normalize('NFKC').trim();
  if (text === '') return null;
  const compact = compactForm(text);
  const longEnough = [...text].length >= 3 || (compact !== null && compact.length >= 3);
  if (!longEnough) return prefixMatch(by, text, compact);
  const phrases: string[] = [];
  if ([...text].length >= 3) phrases.push(by === 'all' ? ftsPhrase(text) : `{${FTS_COLUMNS[by]}} : ${ftsPhrase(text)}`);
  // A MAC or serial in another format: its compact form, against MACs and serials.
  if (compact && compact !== text && compact.length >= 3 && (by === 'all' || by === 'mac' || by === 'serial')) {
    phrases.push(`{${by === 'all' ? 'mac serial' : FTS_COLUMNS[by]}} : ${ftsPhrase(compact)}`);
  }
  if (phrases.length === 0) return prefixMatch(by, text, compact);
  const test = 's.rowid IN (SELECT value FROM json_each(@ids))';
  // Walking an index: the match list is read once into an ephemeral index, never per row.
  return { test, walking: `+${test}`, params: {}, note: null, fts: phrases.join(' OR ') };
}

/** 1–2 characters: the start of the columns (a MAC also after the vendor prefix). */
function prefixMatch(
  by: ServerSearchField,
  text: string,
  compact: string | null,
): { test: string; walking: string; params: Record<string, string>; note: string; fts: null } {
  const upper = (compact ?? text).toUpperCase();
  const params: Record<string, string> = {
    upLow: upper,
    upHigh: `${upper}\u{10FFFF}`,
    macLow: VENDOR_PREFIX + upper,
    macHigh: `${VENDOR_PREFIX}${upper}\u{10FFFF}`,
    textLow: text,
    textHigh: `${text}\u{10FFFF}`,
  };
  const tests: string[] = [];
  const want = (field: ServerSearchField) => by === 'all' || by === field;
  if (want('mac')) tests.push('(s.mac >= @upLow AND s.mac < @upHigh)', '(s.mac >= @macLow AND s.mac < @macHigh)');
  if (want('serial')) tests.push('(s.serial >= @upLow AND s.serial < @upHigh)');
  if (want('systemName')) tests.push('(s.system_name >= @textLow COLLATE NOCASE AND s.system_name < @textHigh COLLATE NOCASE)');
  if (want('company')) tests.push('(s.company >= @textLow COLLATE NOCASE AND s.company < @textHigh COLLATE NOCASE)');
  if (want('siteId')) tests.push('(s.site_id >= @textLow AND s.site_id < @textHigh)');
  const test = tests.join(' OR ');
  const used = Object.fromEntries(Object.entries(params).filter(([name]) => test.includes(`@${name}`)));
  return { test, walking: test, params: used, note: SHORT_QUERY_NOTE, fts: null };
}

// --- Cursors -------------------------------------------------------------------------------------

function encodeCursor(filter: ServerFilter, values: (string | number)[]): string {
  return encodeKeysetCursor(filter, values);
}

function decodeCursor(after: string, filter: ServerFilter): (string | number)[] {
  return decodeKeysetCursor(after, filter, SORTS[filter.sort].length, (i) => numericAt(filter.sort, i));
}
