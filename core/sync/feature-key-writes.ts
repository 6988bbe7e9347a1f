import type { Db } from '../db/database';
import { toUtcIso } from '../domain/utc-time';

/**
 * The statements that put one feature key into the local cache together with the SKU and system
 * it names: shared by the pull (a change-feed page) and the push (a redemption's answer), so a key
 * lands the same way whichever brought it. Prepare once per database and reuse.
 */
export function prepareFeatureKeyWrites(db: Db) {
  // A key from the portal is the portal's: an imported row it confirms stops being "imported".
  const upsert = db.prepare<[string, string, string, string, string | null, string, string]>(
    `INSERT INTO feature_keys (auth_code, feature_key, sku, mac, distributor, redeemed_at, updated_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, 'portal')
     ON CONFLICT (auth_code) DO UPDATE SET feature_key = excluded.feature_key, sku = excluded.sku, mac = excluded.mac,
       distributor = excluded.distributor, redeemed_at = excluded.redeemed_at, updated_at = excluded.updated_at, origin = 'portal'`,
  );
  return {
    // A key names its SKU's description too; keep a known description if there is one.
    ensureSku: db.prepare<[string, string, string]>(
      `INSERT INTO skus (sku, description, updated_at) VALUES (?, ?, ?) ON CONFLICT (sku) DO NOTHING`,
    ),
    // A key may come for a system the cache does not know (yet): keep the foreign key satisfied.
    ensureSystem: db.prepare<[string, string, string]>(
      `INSERT INTO systems (mac, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (mac) DO NOTHING`,
    ),
    /** Stores `redeemedAt` in UTC (`…Z`, milliseconds) whatever offset the portal sent. */
    upsertKey: {
      run(
        authCode: string,
        featureKey: string,
        sku: string,
        mac: string,
        distributor: string | null,
        redeemedAt: string,
        updatedAt: string,
      ) {
        // The portal's schema only lets ISO times with an offset through; keep anything else as sent.
        return upsert.run(authCode, featureKey, sku, mac, distributor, toUtcIso(redeemedAt) ?? redeemedAt, updatedAt);
      },
    },
  };
}

export type FeatureKeyWrites = ReturnType<typeof prepareFeatureKeyWrites>;
