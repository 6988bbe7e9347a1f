/**
 * ServerQuery against a reference written in plain TypeScript: 3,000 servers (so both the
 * fetch-and-sort and the index-walking plans run), every sort column both ways paged through
 * with cursors, each filter alone and together, counts, Contains in every field (MACs in any
 * format, literal FTS syntax, 1–2 characters as prefixes with a note), bad cursors and dates.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../core/db/database';
import type { Db } from '../../../core/db/database';
import { SERVER_MODELS, SERVER_STATUSES } from '../../../core/domain/servers';
import { serverFilter, SERVER_SORT_COLUMNS, type ServerFilterInput, type ServerRow } from '../../../core/servers/contract';
import { COUNT_BOUND, SHORT_QUERY_NOTE, ServerQuery, SMALL_MATCH_SET } from '../../../core/servers/server-query';
import { OutboxStore } from '../../../core/sync/outbox';
import { ChangeApplier } from '../../../core/sync/pull';
import type { PortalServer } from '../../../core/portal-api/schemas';
import { EMPTY_REGISTRATION, portalServer, serversPage } from './server-fixture';

const COMPANIES = ['Acme Parts', 'acme parts', 'Widget Components', 'Components, Inc.', "Misha's Office Supply", '100% "Quoted" Co', null];
const NAMES = ['Dallas', 'dallas', 'Sacramento', 'Acme 324', 'Front_desk', null, 'Zeta'];

function makeServers(n: number): PortalServer[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const mac = `000ADD${(0x100000 + i * 7).toString(16).toUpperCase().padStart(6, '0')}`;
    const day = 1 + Math.floor(random() * 28);
    return portalServer({
      mac,
      serial: `SN-${pick(['A', 'B', 'C'])}${String(i).padStart(5, '0')}`,
      model: pick(SERVER_MODELS),
      status: pick(SERVER_STATUSES),
      hidden: random() < 0.1,
      siteId: random() < 0.2 ? null : String(pick([7, 95, 100, 10020, 10019, 9999, 123456])),
      // Duplicated times, so ties are broken by rowid.
      addedAt: `2026-10-${String(day).padStart(2, '0')}T${pick(['00:00:00.000', '12:30:00.000', '23:59:59.999'])}Z`,
      registration: { ...EMPTY_REGISTRATION, systemName: pick(NAMES), company: pick(COMPANIES) },
    });
  });
}

interface Ref extends ServerRow {
  rowid: number;
}

const ci = (value: string | null) => (value ?? '').toLowerCase();

function reference(all: Ref[], input: ServerFilterInput): Ref[] {
  const f = serverFilter.parse(input);
  const from = f.from ? (f.from.length === 10 ? `${f.from}T00:00:00.000Z` : new Date(f.from).toISOString()) : null;
  const to = f.to
    ? f.to.length === 10
      ? new Date(Date.parse(`${f.to}T00:00:00.000Z`) + 86_400_000).toISOString()
      : new Date(f.to).toISOString()
    : null;
  const text = f.contains.trim();
  const compact = /^[0-9A-Za-z]+(?:[:.\-\s]+[0-9A-Za-z]+)*$/.test(text) ? text.replace(/[:.\-\s]/g, '').toUpperCase() : null;
  const columns = (r: Ref): Record<string, string | null> => ({
    mac: r.mac,
    serial: r.serial,
    systemName: r.systemName,
    company: r.company,
    siteId: r.siteId,
  });
  const matchesText = (r: Ref) => {
    if (text === '') return true;
    const cols = columns(r);
    const chosen = f.by === 'all' ? Object.keys(cols) : [f.by];
    if (text.length < 3 && !(compact && compact.length >= 3)) {
      const upper = (compact ?? text).toUpperCase();
      return chosen.some((c) => {
        const v = cols[c] ?? null;
        if (v === null) return false;
        if (c === 'mac') return v.startsWith(upper) || v.startsWith(`000ADD${upper}`);
        if (c === 'serial') return v.startsWith(upper);
        if (c === 'siteId') return v.startsWith(text);
        return v.toLowerCase().startsWith(text.toLowerCase());
      });
    }
    if (text.length >= 3 && chosen.some((c) => ci(cols[c]!).includes(text.toLowerCase()))) return true;
    return (
      compact !== null &&
      compact.length >= 3 &&
      chosen.some((c) => (c === 'mac' || c === 'serial') && (cols[c] ?? '').toUpperCase().includes(compact))
    );
  };
  const rows = all.filter(
    (r) =>
      r.hidden === f.hidden &&
      (!f.model || r.model === f.model) &&
      (!f.status || r.status === f.status) &&
      (!from || r.addedAt >= from) &&
      (!to || r.addedAt < to) &&
      matchesText(r),
  );
  const key = (r: Ref): (string | number)[] => {
    switch (f.sort) {
      case 'mac':
        return [r.mac];
      case 'model':
        return [r.model, r.rowid];
      case 'systemName':
        return [ci(r.systemName), r.rowid];
      case 'company':
        return [ci(r.company), r.rowid];
      case 'siteId':
        return [r.siteId === null ? -1 : Number(r.siteId), r.rowid];
      case 'status':
        return [r.status, r.rowid];
      case 'addedAt':
        return [r.addedAt, r.rowid];
    }
  };
  const compare = (a: Ref, b: Ref) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      if (ka[i]! < kb[i]!) return -1;
      if (ka[i]! > kb[i]!) return 1;
    }
    return 0;
  };
  rows.sort((a, b) => (f.direction === 'asc' ? compare(a, b) : compare(b, a)));
  return rows;
}

describe('ServerQuery', () => {
  let db: Db;
  let query: ServerQuery;
  let all: Ref[];

  beforeAll(() => {
    db = openDatabase({ file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-srvq-')), 'fieldkey.db') }).db;
    new ChangeApplier(db).applyPage(serversPage(makeServers(3000)), { portalUrl: 'http://p', clearCache: false, now: new Date() });
    query = new ServerQuery(db, new OutboxStore(db));
    const rowids = new Map(
      (db.prepare('SELECT rowid, mac FROM servers').all() as { rowid: number; mac: string }[]).map((r) => [r.mac, r.rowid]),
    );
    all = [...query.iterate(serverFilter.parse({}), 500), ...query.iterate(serverFilter.parse({ hidden: true }), 500)].map((r) => ({
      ...r,
      rowid: rowids.get(r.mac)!,
    }));
    expect(all).toHaveLength(3000);
  });
  afterAll(() => db.close());

  it('counts up to COUNT_BOUND and then says "more than", as the Keys list does; pages stay whole', () => {
    const big = openDatabase({ file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-srvq-')), 'fieldkey.db') }).db;
    try {
      new ChangeApplier(big).applyPage(serversPage(makeServers(COUNT_BOUND + 50)), {
        portalUrl: 'http://p',
        clearCache: false,
        now: new Date(),
      });
      const bigQuery = new ServerQuery(big, new OutboxStore(big));
      const shown = (big.prepare('SELECT count(*) FROM servers WHERE hidden = 0').pluck().get() as number) > COUNT_BOUND;
      const filter = serverFilter.parse({});
      const first = bigQuery.page(filter, null, 50);
      expect(first.rows).toHaveLength(50);
      expect(first.total).toEqual(shown ? { count: COUNT_BOUND, exact: false } : { count: expect.any(Number), exact: true });
      expect(bigQuery.count(filter).exact).toBe(!shown);
      // Within dates and still past the bound: how many lie outside is not known, and not said.
      const dated = bigQuery.page(serverFilter.parse({ from: '2000-01-01' }), null, 10);
      if (!dated.total!.exact) expect(dated.outsideDates).toBeNull();
      let n = 0;
      for (const _ of bigQuery.iterate(filter, 2000)) n++;
      expect(n).toBe(big.prepare('SELECT count(*) FROM servers WHERE hidden = 0').pluck().get());
    } finally {
      big.close();
    }
  });

  /** Every page of a filter, through its cursors. */
  const walk = (input: ServerFilterInput, limit: number) => {
    const filter = serverFilter.parse(input);
    const macs: string[] = [];
    let after: string | null = null;
    let first = null;
    let pages = 0;
    do {
      const page = query.page(filter, after, limit);
      if (after === null) first = page;
      macs.push(...page.rows.map((r) => r.mac));
      after = page.nextCursor;
      pages++;
    } while (after !== null && pages < 1000);
    return { macs, first: first! };
  };

  const check = (input: ServerFilterInput, limit = 97) => {
    const expected = reference(all, input).map((r) => r.mac);
    const { macs, first } = walk(input, limit);
    expect(macs).toEqual(expected);
    expect(first.total).toEqual({ count: expected.length, exact: true });
    expect(query.count(serverFilter.parse(input))).toEqual({ count: expected.length, exact: true });
    return expected.length;
  };

  it.each(SERVER_SORT_COLUMNS.flatMap((sort) => (['asc', 'desc'] as const).map((direction) => ({ sort, direction }))))(
    'pages through every server by $sort $direction (index walk) in the reference order',
    ({ sort, direction }) => {
      expect(check({ sort, direction }, 250)).toBeGreaterThan(SMALL_MATCH_SET);
    },
  );

  it.each(SERVER_SORT_COLUMNS.flatMap((sort) => (['asc', 'desc'] as const).map((direction) => ({ sort, direction }))))(
    'filters (model, status, dates, hidden) sorted by $sort $direction (fetch and sort) match the reference',
    ({ sort, direction }) => {
      expect(check({ sort, direction, model: 'Connect 731', status: 'registered' }, 13)).toBeGreaterThan(0);
      expect(check({ sort, direction, from: '2026-10-05', to: '2026-10-09', hidden: true }, 7)).toBeGreaterThan(0);
      expect(check({ sort, direction, status: 'saved' }, 300)).toBeGreaterThan(0);
    },
  );

  it.each<ServerFilterInput>([
    { contains: 'acme' },
    { contains: 'ACME PARTS', by: 'company' },
    { contains: 'dallas', by: 'systemName', sort: 'company', direction: 'asc' },
    { contains: '00:0A:DD:10:00', by: 'mac' },
    { contains: '00-0a-dd-10-01', sort: 'mac', direction: 'asc' },
    { contains: '000a.dd10', by: 'mac' },
    { contains: 'sn-a00', by: 'serial' },
    { contains: '100% "Quoted"' },
    { contains: 'Front_desk' },
    { contains: '*' },
    { contains: 'NEAR(' },
    { contains: '10020', by: 'siteId', sort: 'siteId', direction: 'asc' },
    { contains: 'Components', model: '24x', status: 'saved', from: '2026-10-10' },
  ])('Contains %o matches the reference, literally and in any MAC format', (input) => {
    check(input, 50);
  });

  it('a search within dates says how many more servers it finds outside them', () => {
    for (const input of [
      { from: '2026-10-10', to: '2026-10-12' },
      { contains: 'acme', from: '2026-10-20' },
      { contains: 'Components', model: '24x' as const, to: '2026-10-05' },
    ]) {
      const { from: _from, to: _to, ...undated } = input;
      const expected = reference(all, undated).length - reference(all, input).length;
      expect(expected).toBeGreaterThan(0);
      expect(query.page(serverFilter.parse(input), null, 10).outsideDates).toEqual({ count: expected, exact: true });
    }
    expect(query.page(serverFilter.parse({ contains: 'acme' }), null, 10).outsideDates).toBeNull();
  });

  it('1–2 characters match at the start of the columns and the page says so', () => {
    for (const input of [
      { contains: 'ac' },
      { contains: '10', by: 'siteId' as const },
      { contains: 'S', by: 'serial' as const },
      { contains: '1', by: 'mac' as const },
    ]) {
      check(input, 40);
      expect(query.page(serverFilter.parse(input), null, 10).note).toBe(SHORT_QUERY_NOTE);
    }
    expect(query.page(serverFilter.parse({ contains: 'acme' }), null, 10).note).toBeNull();
  });

  it('refuses a cursor of another sort, a damaged cursor and a malformed or reversed date range', () => {
    const page = query.page(serverFilter.parse({ sort: 'company' }), null, 10);
    expect(() => query.page(serverFilter.parse({ sort: 'mac' }), page.nextCursor, 10)).toThrow(/another sort order/);
    expect(() => query.page(serverFilter.parse({ sort: 'company' }), 'not-a-cursor', 10)).toThrow(/not valid/);
    const forged = Buffer.from(JSON.stringify({ s: 'company', d: 'desc', v: ['x', 'not a rowid'] })).toString('base64url');
    expect(() => query.page(serverFilter.parse({ sort: 'company' }), forged, 10)).toThrow(/not valid/);
    expect(() => query.page(serverFilter.parse({ from: '2026-02-30' }), null, 10)).toThrow(/not a date/);
    expect(() => query.page(serverFilter.parse({ from: '2026-11-02', to: '2026-10-31' }), null, 10)).toThrow(/after the end date/);
  });

  it('keeps servers_fts consistent with the table', () => {
    expect(() => db.exec("INSERT INTO servers_fts (servers_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
  });
});
