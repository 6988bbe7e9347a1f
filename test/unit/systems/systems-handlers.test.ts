import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../core/rpc/errors';
import { openDatabase, type Db } from '../../../core/db/database';
import { createSystemsHandlers } from '../../../core/systems/handlers';
import { macFragment } from '../../../core/systems/system-search';

const T0 = '2026-11-01T00:00:00.000Z';

function openDb(): Db {
  return openDatabase({ file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-systems-')), 'fieldkey.db') }).db;
}

function addSystem(db: Db, mac: string, name: string | null, customer: string | null = null, serial: string | null = null): void {
  db.prepare('INSERT INTO systems (mac, serial, name, customer, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    mac,
    serial,
    name,
    customer,
    T0,
    T0,
  );
}

let codeCounter = 0;
function addKey(db: Db, mac: string, redeemedAt: string): void {
  const code = `K${String(++codeCounter).padStart(23, '0')}`;
  db.prepare(
    'INSERT INTO feature_keys (auth_code, feature_key, sku, mac, distributor, redeemed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(code, 'abcd-EFGH-ijkl-MNOP-qrst-UVWX', '8210010', mac, null, redeemedAt, T0);
}

/** A small cache with names and MACs chosen so each ranking rule decides something. */
function seeded() {
  const db = openDb();
  addSystem(db, '000ADD023F8F', 'Lincoln Elementary', 'Lincoln School District', 'SN-1001');
  addSystem(db, '000ADD11AA22', 'Office 3f8f annex', 'Acme');
  addSystem(db, '000ADD3F8F00', 'Warehouse', 'Beta Logistics');
  addSystem(db, '001122334455', 'Other vendor', null);
  addSystem(db, '000ADD777777', 'Acme HQ', 'Zeta Corp');
  addSystem(db, '000ADD888888', 'Branch', 'acme subsidiary 100%_off');
  addKey(db, '000ADD023F8F', '2026-11-20T10:00:00.000Z');
  addKey(db, '000ADD023F8F', '2026-11-21T10:00:00.000Z');
  addKey(db, '000ADD777777', '2026-11-22T10:00:00.000Z');
  return { db, handlers: createSystemsHandlers(db) };
}

const macsOf = (result: { systems: { mac: string }[] }) => result.systems.map((s) => s.mac);

describe('macFragment', () => {
  it.each([
    ['00:0A:DD:02:3F:8F', '000ADD023F8F'],
    ['000a.dd02.3f8f', '000ADD023F8F'],
    ['02:3F', '023F'],
    ['3f8f', '3F8F'],
    [' 02-3f-8f ', '023F8F'],
    ['ace', 'ACE'],
    ['a', null],
    ['Office', null],
    ['3f8g', null],
    ['000ADD023F8F00', null],
  ])('%j → %j', (query, fragment) => {
    expect(macFragment(query)).toBe(fragment);
  });
});

describe('systems.search', () => {
  it.each([
    ['a full MAC with colons', '00:0A:DD:02:3F:8F'],
    ['a full MAC with dashes', '00-0a-dd-02-3f-8f'],
    ['a full MAC with dots', '000a.dd02.3f8f'],
    ['a compact MAC', '000ADD023F8F'],
    ['the last six digits', '023f8f'],
    ['the last three bytes with colons', '02:3F:8F'],
  ])('finds a system by %s, that system first', (_case, query) => {
    const { handlers } = seeded();
    expect(macsOf(handlers['systems.search']({ query, limit: 20 }) as { systems: { mac: string }[] })[0]).toBe('000ADD023F8F');
  });

  it('a MAC fragment: prefix matches (after the vendor prefix) come before names and before matches inside a MAC', () => {
    const { handlers } = seeded();
    const result = handlers['systems.search']({ query: '3f8f', limit: 20 }) as { systems: { mac: string; name: string | null }[] };
    // 000ADD3F8F00 starts with the fragment after the prefix; 023F8F has it inside; the office has it in its name.
    expect(macsOf(result)).toEqual(['000ADD3F8F00', '000ADD023F8F', '000ADD11AA22']);
  });

  it('a fragment typed with separators (02:3F) matches what follows the vendor prefix', () => {
    const { handlers } = seeded();
    expect(macsOf(handlers['systems.search']({ query: '02:3F', limit: 20 }) as never)).toEqual(['000ADD023F8F']);
  });

  it('by name and by customer, case-insensitively: name prefix, then customer prefix, then contains', () => {
    const { handlers } = seeded();
    const result = handlers['systems.search']({ query: 'ACME', limit: 20 }) as { systems: { mac: string }[] };
    expect(macsOf(result)).toEqual(['000ADD777777', '000ADD11AA22', '000ADD888888']);
    expect(macsOf(handlers['systems.search']({ query: 'lincoln', limit: 20 }) as never)).toEqual(['000ADD023F8F']);
    expect(macsOf(handlers['systems.search']({ query: 'school', limit: 20 }) as never)).toEqual(['000ADD023F8F']);
  });

  it('% and _ in a query are literal text, not wildcards', () => {
    const { handlers } = seeded();
    expect(macsOf(handlers['systems.search']({ query: '100%_off', limit: 20 }) as never)).toEqual(['000ADD888888']);
    expect(macsOf(handlers['systems.search']({ query: '%', limit: 20 }) as never)).toEqual(['000ADD888888']);
    expect(macsOf(handlers['systems.search']({ query: 'zzz', limit: 20 }) as never)).toEqual([]);
  });

  it('returns the summary with serial, customer and the number of cached keys', () => {
    const { handlers } = seeded();
    expect((handlers['systems.search']({ query: 'Lincoln', limit: 20 }) as { systems: unknown[] }).systems).toEqual([
      { mac: '000ADD023F8F', serial: 'SN-1001', name: 'Lincoln Elementary', customer: 'Lincoln School District', keyCount: 2 },
    ]);
  });

  it('an empty query lists systems that got keys most recently, then the ones added last', () => {
    const { handlers } = seeded();
    expect(macsOf(handlers['systems.search']({ query: '  ', limit: 4 }) as never)).toEqual([
      '000ADD777777',
      '000ADD023F8F',
      '000ADD888888',
      '001122334455',
    ]);
  });

  it('never returns more than the limit', () => {
    const { db, handlers } = seeded();
    for (let i = 0; i < 30; i++) addSystem(db, `000ADDAB${String(i).padStart(4, '0')}`, `Site ${i}`);
    expect((handlers['systems.search']({ query: 'Site', limit: 7 }) as { systems: unknown[] }).systems).toHaveLength(7);
    expect((handlers['systems.search']({ query: 'AB', limit: 5 }) as { systems: unknown[] }).systems).toHaveLength(5);
    expect((handlers['systems.search']({ query: '', limit: 3 }) as { systems: unknown[] }).systems).toHaveLength(3);
  });

  it('prefix searches walk an index instead of scanning the table', () => {
    const { db } = seeded();
    const plan = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join('; ');
    expect(plan('SELECT mac FROM systems WHERE mac >= ? AND mac < ? ORDER BY mac LIMIT 5', 'A', 'B')).toMatch(
      /SEARCH systems USING .*INDEX/,
    );
    expect(
      plan(
        'SELECT mac FROM systems WHERE name >= ? COLLATE NOCASE AND name < ? COLLATE NOCASE ORDER BY name COLLATE NOCASE LIMIT 5',
        'a',
        'b',
      ),
    ).toMatch(/SEARCH systems USING .*INDEX systems_name/);
    expect(plan('SELECT mac FROM feature_keys ORDER BY redeemed_at DESC')).toMatch(/feature_keys_redeemed_at/);
  });
});

describe('systems.get', () => {
  it.each(['00:0A:DD:02:3F:8F', '000add023f8f', '02-3F-8F'])('finds a known system by %s', (mac) => {
    const { handlers } = seeded();
    expect(handlers['systems.get']({ mac })).toEqual({
      mac: '000ADD023F8F',
      serial: 'SN-1001',
      name: 'Lincoln Elementary',
      customer: 'Lincoln School District',
      keyCount: 2,
    });
  });

  it('is null for a MAC the cache does not know', () => {
    const { handlers } = seeded();
    expect(handlers['systems.get']({ mac: '00:0A:DD:99:99:99' })).toBeNull();
  });

  it('refuses a malformed MAC with VALIDATION naming the field and saying why', () => {
    const { handlers } = seeded();
    let error: unknown;
    try {
      handlers['systems.get']({ mac: '00:0A:DD:02:3F' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('VALIDATION');
    expect((error as ApiError).details).toEqual({
      fields: [{ field: 'mac', code: 'mac.wrongLength', message: expect.stringMatching(/12 hex digits.*has 10/), params: { digits: 10 } }],
    });
  });
});
