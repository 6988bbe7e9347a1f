import { ApiError } from '../../../core/rpc/errors';
import type { Db } from '../../../core/db/database';
import { KEY_SORT_COLUMNS, keyFilter, type KeyFilterInput, type KeyRow, type KeySortColumn } from '../../../core/keys/contract';
import { COUNT_BOUND, INDEX_BUILDING_MESSAGE, KeyQuery, SHORT_QUERY_NOTE } from '../../../core/keys/key-query';
import { rejectionOf } from '../../support/rejection';
import { addKey, addSystem, codeOf, openTestDb, tiedCache } from './cache-fixture';

const filterOf = (input: KeyFilterInput = {}) => keyFilter.parse(input);

/** The value a sort compares (as the page query does: nulls as '', names without case). */
function sortValue(row: KeyRow, column: KeySortColumn): string {
  switch (column) {
    case 'systemName':
      return (row.systemName ?? '').toLowerCase();
    case 'distributor':
      return row.distributor ?? '';
    default:
      return row[column];
  }
}

function walk(query: KeyQuery, filter: ReturnType<typeof filterOf>, limit: number): KeyRow[] {
  const rows: KeyRow[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const page = query.page(filter, after, limit);
    rows.push(...page.rows);
    after = page.nextCursor;
    if (++pages > 10_000) throw new Error('the cursor does not advance');
  } while (after);
  return rows;
}

function expectSortedAndComplete(rows: KeyRow[], column: KeySortColumn, direction: 'asc' | 'desc', all: Set<string>): void {
  const codes = rows.map((r) => r.authCode);
  expect(new Set(codes).size).toBe(codes.length); // no duplicates
  expect(new Set(codes)).toEqual(all); // no gaps
  for (let i = 1; i < rows.length; i++) {
    const a = sortValue(rows[i - 1]!, column);
    const b = sortValue(rows[i]!, column);
    if (direction === 'asc') expect(a <= b, `${column} asc at ${i}: ${a} then ${b}`).toBe(true);
    else expect(a >= b, `${column} desc at ${i}: ${a} then ${b}`).toBe(true);
  }
}

describe('KeyQuery: keyset pages', () => {
  describe.each([
    ['a few keys with many ties (fetched and sorted)', 61, 4],
    ['more keys than the count bound (the sort index walked)', COUNT_BOUND + 150, 997],
  ])('%s', (_name, keys, limit) => {
    let db: Db;
    let query: KeyQuery;
    let all: Set<string>;
    beforeAll(() => {
      db = openTestDb();
      tiedCache(db, keys);
      query = new KeyQuery(db);
      all = new Set(walk(query, filterOf({ sort: 'authCode', direction: 'asc' }), 500).map((r) => r.authCode));
    }, 120_000);
    afterAll(() => db.close());

    it('holds every key', () => {
      expect(all.size).toBe(keys);
    });

    for (const column of KEY_SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        it(`sorted by ${column} ${direction}: the pages join into the whole sorted list, no gaps or duplicates, ties included`, {
          timeout: 60_000,
        }, () => {
          const filter = filterOf({ sort: column, direction });
          const paged = walk(query, filter, limit);
          expectSortedAndComplete(paged, column, direction, all);
          // iterate() gives exactly the same rows in the same order.
          expect([...query.iterate(filter, limit + 1)].map((r) => r.authCode)).toEqual(paged.map((r) => r.authCode));
          // A search every key matches walks the same way.
          const searched = walk(query, filterOf({ sort: column, direction, contains: 'Customer', by: 'customer' }), limit);
          expectSortedAndComplete(searched, column, direction, all);
        });
      }
    }
  });
});

describe('KeyQuery: filters', () => {
  let db: Db;
  let query: KeyQuery;
  beforeAll(() => {
    db = openTestDb();
    addSystem(db, '000ADD023F8F', 'Lincoln Elementary', 'Lincoln School District', 'SN-1001');
    addSystem(db, '000ADD11AA22', 'Odd 100%_off "quoted" *star* NEAR( AND ^-: it\'s', 'Acme');
    addSystem(db, '000ADD3F8F00', 'Warehouse', 'Beta Logistics');
    db.prepare("INSERT INTO skus (sku, description, updated_at) VALUES ('8210010', '8210010 - 6x Internet Call Access Key', '')").run();
    db.prepare("INSERT INTO skus (sku, description, updated_at) VALUES ('8400100', '8400100 - SIP Trunk Channel License', '')").run();
    addKey(db, {
      authCode: '43XC9868WTGBCWMH53YS4RA9',
      featureKey: '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK',
      mac: '000ADD023F8F',
      redeemedAt: '2026-11-01T00:00:00.000Z',
    });
    addKey(db, { authCode: codeOf(2), mac: '000ADD023F8F', sku: '8400100', redeemedAt: '2026-11-15T23:59:59.999Z' });
    addKey(db, { authCode: codeOf(3), mac: '000ADD11AA22', redeemedAt: '2026-11-16T00:00:00.000Z', distributor: 'Fabrikam Comms' });
    addKey(db, { authCode: codeOf(4), mac: '000ADD3F8F00', redeemedAt: '2026-10-31T23:59:59.999Z' });
    query = new KeyQuery(db);
  });
  afterAll(() => db.close());

  const codes = (input: KeyFilterInput) => query.page(filterOf(input), null, 100).rows.map((r) => r.authCode.replaceAll('-', ''));

  it('from and to as dates take whole UTC days; full ISO times are instants', () => {
    expect(codes({ from: '2026-11-01', to: '2026-11-15', sort: 'redeemedAt', direction: 'asc' })).toEqual([
      '43XC9868WTGBCWMH53YS4RA9',
      codeOf(2),
    ]);
    expect(codes({ from: '2026-11-16' })).toEqual([codeOf(3)]);
    expect(codes({ to: '2026-10-31' })).toEqual([codeOf(4)]);
    expect(codes({ from: '2026-11-15T23:00:00+01:00', to: '2026-11-16T00:00:00Z' })).toEqual([codeOf(2)]);
  });

  it('a search within dates says how many more keys it finds outside them (a code redeemed before the range)', () => {
    const first = (input: KeyFilterInput) => query.page(filterOf(input), null, 100);
    // The code of a key redeemed on 31 October, searched in November: none inside, one outside.
    const byCode = first({ from: '2026-11-01', to: '2026-11-30', by: 'authCode', contains: codeOf(4) });
    expect(byCode.rows).toEqual([]);
    expect(byCode.total).toEqual({ count: 0, exact: true });
    expect(byCode.outsideDates).toEqual({ count: 1, exact: true });
    // Every key: three in November, one outside.
    expect(first({ from: '2026-11-01', to: '2026-11-30' }).outsideDates).toEqual({ count: 1, exact: true });
    expect(first({ from: '2026-11-16' }).outsideDates).toEqual({ count: 3, exact: true });
    // All inside: nothing more to say; no dates: not asked.
    expect(first({ from: '2026-10-01', to: '2026-11-30' }).outsideDates).toEqual({ count: 0, exact: true });
    expect(first({ contains: codeOf(4) }).outsideDates).toBeNull();
    // Later pages do not count again.
    expect(query.page(filterOf({ from: '2026-11-01' }), null, 1).nextCursor).not.toBeNull();
    const next = query.page(filterOf({ from: '2026-11-01' }), query.page(filterOf({ from: '2026-11-01' }), null, 1).nextCursor, 1);
    expect(next.outsideDates).toBeNull();
  });

  it.each([[{ from: '2026-13-01' }], [{ to: 'yesterday' }], [{ from: '2026-02-30' }], [{ from: '2026-11-20', to: '2026-11-01' }]])(
    'a bad date %j is refused with VALIDATION',
    (input) => {
      const err = (() => {
        try {
          query.page(filterOf(input), null, 10);
        } catch (e) {
          return e as ApiError;
        }
        return null;
      })();
      expect(err).toBeInstanceOf(ApiError);
      expect(err!.code).toBe('VALIDATION');
    },
  );

  it.each([
    ['a MAC with colons', 'all', '00:0A:DD:02:3F:8F', ['43XC9868WTGBCWMH53YS4RA9', codeOf(2)]],
    ['a MAC fragment with a separator', 'mac', '3F:8F', ['43XC9868WTGBCWMH53YS4RA9', codeOf(2), codeOf(4)]],
    ['a MAC with dots', 'all', '000a.dd02.3f8f', ['43XC9868WTGBCWMH53YS4RA9', codeOf(2)]],
    ['a code with dashes', 'all', '43xc98-68wt', ['43XC9868WTGBCWMH53YS4RA9']],
    ['a code fragment by auth code', 'authCode', 'WTGBCW', ['43XC9868WTGBCWMH53YS4RA9']],
    ['a feature key fragment with dashes', 'featureKey', 'ncjw-Foeb', ['43XC9868WTGBCWMH53YS4RA9']],
    ['a system name', 'systemName', 'elementary', ['43XC9868WTGBCWMH53YS4RA9', codeOf(2)]],
    ['a customer', 'customer', 'logistics', [codeOf(4)]],
    ['a SKU description', 'all', 'sip trunk', [codeOf(2)]],
    ['a SKU by number', 'sku', '8400', [codeOf(2)]],
    ['a distributor', 'all', 'fabrikam', [codeOf(3)]],
  ] as const)('contains: %s', (_name, by, contains, expected) => {
    const page = query.page(filterOf({ by, contains, sort: 'authCode', direction: 'asc' }), null, 100);
    expect(page.rows.map((r) => r.authCode.replaceAll('-', '')).sort()).toEqual([...expected].sort());
    expect(page.note).toBeNull();
    expect(page.total).toEqual({ count: expected.length, exact: true });
  });

  it.each(['100%', '%_off', '"quoted"', '*star*', 'NEAR(', 'AND ^', '^-:', "it's", '"quoted" *star* NEAR( AND', '"', '%', '_', '*'])(
    'odd characters %j are found literally and never throw',
    (contains) => {
      // One character matches at the start only (and nothing here starts with these).
      expect(codes({ contains })).toEqual(contains.length >= 3 ? [codeOf(3)] : []);
      for (const by of ['all', 'systemName', 'customer', 'mac', 'sku', 'authCode', 'featureKey'] as const) {
        expect(() => query.page(filterOf({ by, contains }), null, 10)).not.toThrow();
      }
    },
  );

  it('1–2 characters match at the start of codes, keys, MACs, SKUs, names and customers, with a note saying so', () => {
    const page = query.page(filterOf({ contains: 'wa' }), null, 100);
    expect(page.rows.map((r) => r.authCode.replaceAll('-', ''))).toEqual([codeOf(4)]);
    expect(page.note).toBe(SHORT_QUERY_NOTE);
    expect(codes({ by: 'authCode', contains: '43' })).toEqual(['43XC9868WTGBCWMH53YS4RA9']);
    expect(codes({ by: 'featureKey', contains: '$Z' })).toEqual(['43XC9868WTGBCWMH53YS4RA9']);
    // A MAC fragment after the vendor prefix.
    expect(codes({ by: 'mac', contains: '3F' }).sort()).toEqual([codeOf(4)]);
    expect(codes({ by: 'customer', contains: 'ac' })).toEqual([codeOf(3)]);
  });

  it('a tampered or foreign cursor is refused with VALIDATION', () => {
    const filter = filterOf({ sort: 'mac', direction: 'asc' });
    const first = query.page(filter, null, 1);
    expect(first.nextCursor).not.toBeNull();
    for (const bad of [
      'garbage',
      'eyJ4IjoxfQ',
      Buffer.from('{"s":"mac","d":"asc","v":[1,2]}').toString('base64url'),
      `${first.nextCursor}x!`,
    ]) {
      expect(() => query.page(filter, bad, 1)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    }
    expect(() => query.page(filterOf({ sort: 'sku', direction: 'asc' }), first.nextCursor, 1)).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(query.page(filter, first.nextCursor, 1).rows).toHaveLength(1);
  });

  it('while a first sync builds the index, contains still answers (a scan) and says results may be incomplete', () => {
    db.prepare('UPDATE search_index SET keys_indexed_to = 0').run();
    try {
      const page = query.page(filterOf({ contains: 'Elementary' }), null, 100);
      expect(page.rows).toHaveLength(2);
      expect(page.note).toEqual(INDEX_BUILDING_MESSAGE);
      expect(page.note?.code).toBe('keys.note.indexBuilding');
    } finally {
      db.prepare('UPDATE search_index SET keys_indexed_to = 9223372036854775807').run();
    }
  });
});

describe('KeyQuery: count', () => {
  it('is exact up to the bound, then says it stopped counting', { timeout: 60_000 }, () => {
    const db = openTestDb();
    tiedCache(db, COUNT_BOUND + 5);
    const query = new KeyQuery(db);
    expect(query.count(filterOf())).toEqual({ count: COUNT_BOUND, exact: false });
    expect(query.count(filterOf({ contains: 'Customer 1' }))).toEqual({ count: expect.any(Number), exact: true });
    const page = query.page(filterOf({ contains: 'Customer 1' }), null, 10);
    expect(page.total).toEqual(query.count(filterOf({ contains: 'Customer 1' })));
    db.close();
  });
});

describe('KeyQuery through the API', () => {
  it('keys.list refuses a malformed cursor with VALIDATION', async () => {
    const { makeTestCore } = await import('../../support/contract-suite');
    const core = makeTestCore();
    try {
      const err = await rejectionOf(core.server.dispatch('keys.list', { filter: {}, after: 'not-a-cursor' }), ApiError);
      expect(err.code).toBe('VALIDATION');
      const page = (await core.server.dispatch('keys.list', { filter: {} })) as { rows: unknown[]; total: unknown; lastSyncedAt: unknown };
      expect(page).toMatchObject({ rows: [], total: { count: 0, exact: true }, lastSyncedAt: null });
    } finally {
      core.close();
    }
  });
});
