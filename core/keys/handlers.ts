import type { HandlersOf } from '../rpc/define';
import type { keysMethods, KeyDetails, KeyHistoryEntry, KeyRow, LicenceCount, QuickLookupResult } from './contract';
import { invalidArgument } from '../rpc/errors';
import type { Db } from '../db/database';
import { parseAuthCode } from '../domain/auth-code';
import { formatMac, parseMac } from '../domain/mac';
import { say } from '../messages/say';
import type { SystemSummary } from '../systems/contract';
import { KeyQuery, ROW_COLUMNS, toKeyRow } from './key-query';

type KeysQueryHandlers = Pick<HandlersOf<typeof keysMethods>, 'keys.list' | 'keys.get' | 'keys.lookup'>;

const KEY_FROM = 'feature_keys k JOIN systems y ON y.mac = k.mac LEFT JOIN skus s ON s.sku = k.sku';

/** The Keys page, a key's details and Quick Lookup: answered from the cache, offline, without signing in. */
export function createKeysHandlers(db: Db): KeysQueryHandlers {
  const query = new KeyQuery(db);
  const statements = {
    key: db.prepare<[string], KeyRow & { updatedAt: string }>(
      `SELECT ${ROW_COLUMNS}, k.updated_at AS updatedAt FROM ${KEY_FROM} WHERE k.auth_code = ?`,
    ),
    system: db.prepare<[string], SystemSummary>(
      `SELECT mac, serial, name, customer, (SELECT count(*) FROM feature_keys k WHERE k.mac = y.mac) AS keyCount FROM systems y WHERE mac = ?`,
    ),
    systemKeys: db.prepare<[string], KeyRow>(
      `SELECT ${ROW_COLUMNS} FROM ${KEY_FROM} WHERE k.mac = ? ORDER BY k.sku, k.redeemed_at, k.auth_code`,
    ),
    // The outbox is the user's own queue (hundreds of rows, not millions): scanned.
    redeemedHere: db.prepare<[string], { id: number; updatedAt: string; mac: string }>(
      `SELECT o.id, o.updated_at AS updatedAt, json_extract(o.payload, '$.mac') AS mac FROM outbox o
       WHERE o.kind = 'redemption' AND o.result IS NOT NULL AND EXISTS (
         SELECT 1 FROM json_each(o.result) r
         WHERE replace(json_extract(r.value, '$.authCode'), '-', '') = ? AND json_extract(r.value, '$.status') = 'redeemed')
       ORDER BY o.id`,
    ),
  };

  return {
    'keys.list': ({ filter, after, limit }) => query.page(filter, after, limit),

    'keys.get': ({ authCode }): KeyDetails | null => {
      const parsed = parseAuthCode(authCode);
      if (!parsed.ok) throw invalidArgument('keys.get', 'authCode', parsed);
      const found = statements.key.get(parsed.compact);
      if (!found) return null;
      const { updatedAt, ...row } = found;
      const key = toKeyRow(row);
      const mac = formatMac(key.mac);
      const history: KeyHistoryEntry[] = [{ at: key.redeemedAt, event: 'redeemed', description: say('keys.history.redeemed', { mac }) }];
      const here = statements.redeemedHere.all(parsed.compact);
      for (const operation of here) {
        history.push({
          at: operation.updatedAt,
          event: 'redeemed_here',
          description: say('keys.history.redeemedHere', { mac: formatMac(operation.mac), id: operation.id }),
        });
      }
      if (key.origin === 'import') {
        history.push({
          at: updatedAt,
          event: 'imported',
          description: say('keys.history.imported'),
        });
      } else if (!here.some((operation) => operation.updatedAt === updatedAt)) {
        history.push({ at: updatedAt, event: 'synced', description: say('keys.history.synced') });
      }
      history.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
      return { key, system: statements.system.get(key.mac) ?? null, history };
    },

    'keys.lookup': ({ mac, serial }): QuickLookupResult => {
      const parsed = parseMac(mac);
      if (!parsed.ok) throw invalidArgument('keys.lookup', 'mac', parsed);
      const system = statements.system.get(parsed.mac) ?? null;
      const keys = system ? statements.systemKeys.all(parsed.mac).map(toKeyRow) : [];
      const inventory = new Map<string, LicenceCount>();
      for (const key of keys) {
        const entry = inventory.get(key.sku) ?? { sku: key.sku, description: key.skuDescription, count: 0 };
        entry.count++;
        inventory.set(key.sku, entry);
      }
      const given = serial?.trim() ?? '';
      const serialWarning =
        system && given && system.serial && given.toUpperCase() !== system.serial.trim().toUpperCase()
          ? say('keys.lookup.serialMismatch', { given, mac: parsed.display, serial: system.serial })
          : null;
      return { system, keys, inventory: [...inventory.values()], totalFeatures: keys.length, serialWarning };
    },
  };
}
