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
 * - each page first counts the matches, exactly up to COUNT_BOUND (as the Keys page). Few matches
 *   are fetched and sorted; more are found by walking the sort's index and testing each row, which
 *   fills a page after a few thousand rows at most.
 */
import type { Db } from '../db/database';
import { VENDOR_PREFIX } from '../domain/mac';
import type { Message } from '../messages/catalogue';
import { say } from '../messages/say';
import { bounded, type BoundedCount, boundedCountSql, COUNT_BOUND, outsideOf } from '../list-query/count';
import { dateBounds } from '../list-query/dates';
import { allRows, decodeCursor, keysetCondition, orderBy, pageOf, sortValueColumns } from '../list-query/keyset';
import { lastSyncedAt, StatementCache } from '../list-query/statements';
import { ftsPhrase, prefixHigh, typedText } from '../list-query/text';
import type { OutboxStore } from '../sync/outbox';
import { cachedServerOfRow, type CachedServer, type ServerDbRow } from '../sync/server-writes';
import type { ServerFilter, ServerPage, ServerPendingChange, ServerRow, ServerSearchField, ServerSortColumn } from './contract';

/** Up to this many matches are fetched and sorted; more are found by walking the sort's index. */
export const SMALL_MATCH_SET = 2000;

/** Counting stops here (then `{ count: COUNT_BOUND, exact: false }`); above SMALL_MATCH_SET. */
export { COUNT_BOUND };

export const SHORT_QUERY_NOTE: Message = say('servers.note.shortQuery');

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
  note: Message | null;
  /** The FTS5 query whose matches (`@ids`, a JSON list of rowids) the tests refer to. */
  fts: string | null;
}

export class ServerQuery {
  private readonly statements: StatementCache;
  private readonly lastSuccess;

  constructor(
    db: Db,
    private readonly outbox: Pick<OutboxStore, 'openServerOperations'>,
  ) {
    this.statements = new StatementCache(db);
    this.lastSuccess = lastSyncedAt(db);
  }

  /** One page in the filter's order, after the row `after` points at (null: from the start). */
  page(filter: ServerFilter, after: string | null, limit: number): ServerPage {
    const { rows, nextCursor, count, note } = this.rawPage(filter, after, limit);
    return {
      rows: this.withPending(rows),
      nextCursor,
      total: after === null ? count : null,
      outsideDates:
        after === null && (filter.from || filter.to) && count.exact
          ? outsideOf(this.count({ ...filter, from: null, to: null }), count.count)
          : null,
      note,
      lastSyncedAt: this.lastSuccess(),
    };
  }

  /** How many servers match, exactly up to COUNT_BOUND. */
  count(filter: ServerFilter): BoundedCount {
    return this.countOf(this.conditionOf(filter));
  }

  /** Every matching row in the filter's order: exactly what `page` gives, page after page. */
  iterate(filter: ServerFilter, chunk = 1000): IterableIterator<ServerRow> {
    return allRows((after) => {
      const page = this.rawPage(filter, after, chunk);
      return { rows: this.withPending(page.rows), nextCursor: page.nextCursor };
    });
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
  ): { rows: CachedServer[]; nextCursor: string | null; count: BoundedCount; note: Message | null } {
    const keys = SORTS[filter.sort];
    const cursor = after === null ? null : decodeCursor(after, filter, keys, (i) => numericAt(filter.sort, i));
    const condition = this.conditionOf(filter);
    const count = this.countOf(condition);
    const desc = filter.direction === 'desc';
    const order = orderBy(keys, desc);
    const sortValues = sortValueColumns(keys);
    const params: Record<string, string | number> = { ...condition.params, limit: limit + 1 };
    const keyset: string[] = [];
    if (cursor) {
      // The expanded form: SQLite reads a row-value comparison as a range of an index on an
      // expression (name, company, site) only in that form.
      const condition = keysetCondition(keys, desc, cursor, 'expanded');
      keyset.push(condition.sql);
      Object.assign(params, condition.params);
    }
    let sql: string;
    if (count.exact && count.count <= SMALL_MATCH_SET) {
      sql = `WITH c(id) AS MATERIALIZED (SELECT s.rowid FROM ${condition.from} WHERE ${condition.plain.join(' AND ')})
        SELECT ${LIST_COLUMNS}, ${sortValues} FROM c CROSS JOIN servers s ON s.rowid = c.id
        ${keyset.length ? `WHERE ${keyset.join(' AND ')}` : ''}
        ORDER BY ${order} LIMIT @limit`;
    } else {
      sql = `SELECT ${LIST_COLUMNS}, ${sortValues} FROM servers s
        WHERE ${[...condition.walking, ...keyset].join(' AND ')}
        ORDER BY ${order} LIMIT @limit`;
    }
    const found = this.statements.get(sql).all(params) as (ServerDbRow & Record<string, string | number>)[];
    const { rows, nextCursor } = pageOf(found, limit, filter, keys);
    return { rows: rows.map(cachedServerOfRow), nextCursor, count, note: condition.note };
  }

  private countOf(condition: Condition): BoundedCount {
    const select = `SELECT 1 FROM ${condition.from} WHERE ${condition.plain.join(' AND ')}`;
    return bounded(this.statements.get(boundedCountSql(select)).pluck().get(condition.params) as number);
  }

  /**
   * The filter as SQL. A text search is run once here and its matches passed on as a list, so the
   * count and the page do not each search the index again.
   */
  private conditionOf(filter: ServerFilter): Condition {
    const condition = conditionOf(filter);
    if (condition.fts === null) return condition;
    const ids = this.statements.get('SELECT rowid FROM servers_fts WHERE servers_fts MATCH ?').pluck().all(condition.fts) as number[];
    condition.params.ids = JSON.stringify(ids);
    return condition;
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
  const { from, to } = dateBounds(filter);
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

function textMatch(
  by: ServerSearchField,
  contains: string,
): { test: string; walking: string; params: Record<string, string>; note: Message | null; fts: string | null } | null {
  const typed = typedText(contains);
  if (!typed) return null;
  const { text, compact } = typed;
  if (!typed.long) return prefixMatch(by, text, compact);
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
): { test: string; walking: string; params: Record<string, string>; note: Message; fts: null } {
  const upper = (compact ?? text).toUpperCase();
  const params: Record<string, string> = {
    upLow: upper,
    upHigh: prefixHigh(upper),
    macLow: VENDOR_PREFIX + upper,
    macHigh: prefixHigh(VENDOR_PREFIX + upper),
    textLow: text,
    textHigh: prefixHigh(text),
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
