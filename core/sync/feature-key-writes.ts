import type { Db } from '../db/database';

/**
 * The statements that put one feature key into the local cache together with the SKU and system
 * it names: shared by the pull (a change-feed page) and the push (a redemption's answer), so a key
 * lands the same way whichever brought it. Prepare once per database and reuse.
 */
export function prepareFeatureKeyWrites(db: Db) {
  return {
    // A key names its SKU's description too; keep a known description if there is one.
    ensureSku: db.prepare<[string, string, string]>(
      `INSERT INTO skus (sku, description, updated_at) VALUES (?, ?, ?) ON CONFLICT (sku) DO NOTHING`,
    ),
    // A key may come for a system the cache does not know (yet): keep the foreign key satisfied.
    ensureSystem: db.prepare<[string, string, string]>(
      `INSERT INTO systems (mac, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (mac) DO NOTHING`,
    ),
    upsertKey: db.prepare<[string, string, string, string, string | null, string, string]>(
      `INSERT INTO feature_keys (auth_code, feature_key, sku, mac, distributor, redeemed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (auth_code) DO UPDATE SET feature_key = excluded.feature_key, sku = excluded.sku, mac = excluded.mac,
         distributor = excluded.distributor, redeemed_at = excluded.redeemed_at, updated_at = excluded.updated_at`,
    ),
  };
}

export type FeatureKeyWrites = ReturnType<typeof prepareFeatureKeyWrites>;
