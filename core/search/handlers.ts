import type { HandlersOf } from '../rpc/define';
import type { searchMethods, CustomerHit, SearchResults } from './contract';
import type { Db } from '../db/database';
import { parseAuthCode } from '../domain/auth-code';
import type { KeyRow } from '../keys/contract';
import { ROW_COLUMNS, toKeyRow } from '../keys/key-query';
import { anyPhrase, prefixHigh, typedText } from '../list-query/text';
import { SystemSearch } from '../systems/system-search';
import { say } from '../messages/say';

export const SHORT_SEARCH_NOTE = say('searchNote.shortQuery');

/**
 * Search from anywhere: systems (MAC in any format or part of one, name, customer, serial),
 * customers and keys (code with or without dashes, feature key). Exact and prefix matches come
 * first (they walk indexes); 3+ characters are then looked for inside, through the trigram indexes.
 */
export function createSearchHandlers(db: Db): Pick<HandlersOf<typeof searchMethods>, 'search.all'> {
  const systems = new SystemSearch(db);
  const range = (column: string, collate = '') =>
    `${column} >= @low${collate ? ` COLLATE ${collate}` : ''} AND ${column} < @high${collate ? ` COLLATE ${collate}` : ''}`;
  const statements = {
    deferred: db.prepare<[], number>('SELECT deferred FROM search_index WHERE id = 1').pluck(),
    serialPrefix: db
      .prepare<[{ low: string; high: string; limit: number }], string>(`SELECT mac FROM systems WHERE ${range('serial')} LIMIT @limit`)
      .pluck(),
    serialContains: db
      .prepare<[{ query: string; limit: number }], string>(
        'SELECT y.mac FROM systems_fts f JOIN systems y ON y.rowid = f.rowid WHERE systems_fts MATCH @query LIMIT @limit',
      )
      .pluck(),
    systemByMac: db.prepare<
      [string],
      { mac: string; serial: string | null; name: string | null; customer: string | null; keyCount: number }
    >(
      `SELECT mac, serial, name, customer, (SELECT count(*) FROM feature_keys k WHERE k.mac = y.mac) AS keyCount FROM systems y WHERE mac = ?`,
    ),
    customerPrefix: db
      .prepare<[{ low: string; high: string; limit: number }], string>(
        `SELECT DISTINCT customer COLLATE NOCASE FROM systems WHERE ${range('customer', 'NOCASE')} ORDER BY customer COLLATE NOCASE LIMIT @limit`,
      )
      .pluck(),
    customerContains: db
      .prepare<[{ query: string; limit: number }], string>(
        `SELECT DISTINCT y.customer FROM systems_fts f JOIN systems y ON y.rowid = f.rowid
       WHERE systems_fts MATCH @query AND y.customer IS NOT NULL LIMIT @limit`,
      )
      .pluck(),
    customer: db.prepare<[string], { systemCount: number; mac: string }>(
      'SELECT count(*) AS systemCount, min(mac) AS mac FROM systems WHERE customer = ? COLLATE NOCASE',
    ),
    keyByCode: db.prepare<[string], number>('SELECT rowid FROM feature_keys WHERE auth_code = ?').pluck(),
    keyByFeatureKey: db.prepare<[string, number], number>('SELECT rowid FROM feature_keys WHERE feature_key = ? LIMIT ?').pluck(),
    codePrefix: db
      .prepare<[{ low: string; high: string; limit: number }], number>(
        `SELECT rowid FROM feature_keys WHERE ${range('auth_code')} ORDER BY auth_code LIMIT @limit`,
      )
      .pluck(),
    featureKeyPrefix: db
      .prepare<[{ low: string; high: string; limit: number }], number>(
        `SELECT rowid FROM feature_keys WHERE ${range('feature_key')} ORDER BY feature_key LIMIT @limit`,
      )
      .pluck(),
    keyContains: db
      .prepare<[{ query: string; limit: number }], number>(
        'SELECT rowid FROM feature_keys_fts WHERE feature_keys_fts MATCH @query LIMIT @limit',
      )
      .pluck(),
    keyRow: db.prepare<[number], KeyRow>(
      `SELECT ${ROW_COLUMNS} FROM feature_keys k JOIN systems y ON y.mac = k.mac LEFT JOIN skus s ON s.sku = k.sku WHERE k.rowid = ?`,
    ),
  };

  return {
    'search.all': ({ query, limit }): SearchResults => {
      const typed = typedText(query);
      if (!typed) return { systems: [], customers: [], keys: [], note: null };
      const { text, compact } = typed;
      const short = [...text].length < 3;
      const indexed = !short && statements.deferred.get() === 0;
      const phrases = anyPhrase(typed.phrases);
      const bounds = (low: string) => ({ low, high: prefixHigh(low), limit });

      // Systems: SystemSearch ranks exact MAC, MAC prefix, name, customer, then contains; serials after.
      const found = systems.search(text, limit);
      const seen = new Set(found.map((system) => system.mac));
      const addSystem = (mac: string) => {
        if (seen.size >= limit || seen.has(mac)) return;
        const system = statements.systemByMac.get(mac);
        if (system) {
          seen.add(mac);
          found.push(system);
        }
      };
      for (const mac of statements.serialPrefix.all(bounds(text))) addSystem(mac);
      if (indexed && seen.size < limit) {
        for (const mac of statements.serialContains.all({ query: `{serial} : (${phrases})`, limit })) addSystem(mac);
      }

      // Customers: exact, then prefix (case-insensitive), then contains.
      const names = new Map<string, string>();
      const addCustomer = (name: string) => {
        if (names.size < limit && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
      };
      for (const name of statements.customerPrefix.all(bounds(text))) addCustomer(name);
      if (indexed && names.size < limit) {
        for (const name of statements.customerContains.all({ query: `{customer} : (${phrases})`, limit: limit * 4 })) addCustomer(name);
      }
      const exactFirst = [...names.values()].sort((a, b) => rank(a, text) - rank(b, text));
      const customers: CustomerHit[] = exactFirst.map((customer) => ({ customer, ...statements.customer.get(customer)! }));

      // Keys: the code exactly, the feature key exactly, then prefixes, then contains.
      const keyIds = new Set<number>();
      const addKeys = (ids: Iterable<number>) => {
        for (const id of ids) if (keyIds.size < limit) keyIds.add(id);
      };
      const code = parseAuthCode(text);
      if (code.ok) addKeys([statements.keyByCode.get(code.compact)].filter((id): id is number => id !== undefined));
      addKeys(statements.keyByFeatureKey.all(text, limit));
      if (compact) addKeys(statements.codePrefix.all(bounds(compact)));
      addKeys(statements.featureKeyPrefix.all(bounds(text)));
      if (indexed && keyIds.size < limit) {
        addKeys(statements.keyContains.all({ query: `{auth_code feature_key} : (${phrases})`, limit }));
      }
      const keys = [...keyIds]
        .map((id) => statements.keyRow.get(id))
        .filter((row): row is KeyRow => row !== undefined)
        .map(toKeyRow);

      const note = short ? SHORT_SEARCH_NOTE : indexed ? null : say('searchNote.indexBuilding');
      return { systems: found, customers, keys, note };
    },
  };
}

/** 0 exact (any case), 1 starts with the text, 2 contains it. */
function rank(value: string, text: string): number {
  const a = value.toLowerCase();
  const b = text.toLowerCase();
  return a === b ? 0 : a.startsWith(b) ? 1 : 2;
}
