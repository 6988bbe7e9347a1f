import type { Migration } from './types';

/**
 * Search and sort over the cache (the Keys page, Quick Lookup, search from anywhere):
 *
 * - every `redeemed_at` becomes UTC ISO-8601 with milliseconds (`2026-01-02T03:04:05.000Z`, as
 *   `Date#toISOString` writes it) whatever offset the portal sent, so text order is time order;
 * - `feature_keys.origin` says where a key came from: `portal` (pull or redemption answer) or
 *   `import` (the portal's own Excel export, until a sync confirms it);
 * - two FTS5 `trigram` indexes with external content: one over keys (code, key, SKU,
 *   distributor), one over systems (MAC, serial, name, customer). Triggers keep them in step in the
 *   same transaction as every write, for rows at or below `search_index`'s frontiers. A first
 *   full sync sets them to 0 so the triggers stand aside, and once it has caught up the core
 *   builds both indexes in chunks, moving the frontiers up (see ChangeApplier.buildSearchIndex);
 * - indexes for keyset pagination on every sortable column.
 *
 * Keys and systems are found by their rowid in the indexes: nothing may VACUUM these tables in
 * place (a VACUUM may renumber rowids of tables without INTEGER PRIMARY KEY).
 */
export const migration003: Migration = {
  version: 3,
  name: 'search index, UTC times, key origin',
  up(db) {
    db.exec(`
      UPDATE feature_keys SET redeemed_at = coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', redeemed_at), redeemed_at);

      ALTER TABLE feature_keys ADD COLUMN origin TEXT NOT NULL DEFAULT 'portal' CHECK (origin IN ('portal', 'import'));

      -- One row: how far each index has been built, by rowid. A trigger keeps a row in step only
      -- when its rowid is at or below the frontier; rows above it are the builder's. Fully built
      -- is the largest rowid (9223372036854775807). A first full sync sets both to 0 and empties
      -- the indexes; after it the builder fills them in chunks (the core stays responsive) while
      -- every write below the frontier is still indexed by the triggers. deferred = 1 until both
      -- are built: searches then scan instead, and say so.
      CREATE TABLE search_index (
        id                  INTEGER PRIMARY KEY CHECK (id = 1),
        keys_indexed_to     INTEGER NOT NULL DEFAULT 9223372036854775807,
        systems_indexed_to  INTEGER NOT NULL DEFAULT 9223372036854775807,
        deferred            INTEGER GENERATED ALWAYS AS (
                              keys_indexed_to < 9223372036854775807 OR systems_indexed_to < 9223372036854775807
                            ) VIRTUAL
      ) STRICT;
      INSERT INTO search_index (id) VALUES (1);

      CREATE VIRTUAL TABLE feature_keys_fts USING fts5(
        auth_code, feature_key, sku, distributor,
        content = 'feature_keys', content_rowid = 'rowid', tokenize = 'trigram'
      );
      CREATE VIRTUAL TABLE systems_fts USING fts5(
        mac, serial, name, customer,
        content = 'systems', content_rowid = 'rowid', tokenize = 'trigram'
      );

      CREATE TRIGGER feature_keys_fts_insert AFTER INSERT ON feature_keys
      WHEN new.rowid <= (SELECT keys_indexed_to FROM search_index WHERE id = 1) BEGIN
        INSERT INTO feature_keys_fts (rowid, auth_code, feature_key, sku, distributor)
        VALUES (new.rowid, new.auth_code, new.feature_key, new.sku, new.distributor);
      END;
      CREATE TRIGGER feature_keys_fts_delete AFTER DELETE ON feature_keys
      WHEN old.rowid <= (SELECT keys_indexed_to FROM search_index WHERE id = 1) BEGIN
        INSERT INTO feature_keys_fts (feature_keys_fts, rowid, auth_code, feature_key, sku, distributor)
        VALUES ('delete', old.rowid, old.auth_code, old.feature_key, old.sku, old.distributor);
      END;
      CREATE TRIGGER feature_keys_fts_update AFTER UPDATE OF auth_code, feature_key, sku, distributor ON feature_keys
      WHEN old.rowid <= (SELECT keys_indexed_to FROM search_index WHERE id = 1) BEGIN
        INSERT INTO feature_keys_fts (feature_keys_fts, rowid, auth_code, feature_key, sku, distributor)
        VALUES ('delete', old.rowid, old.auth_code, old.feature_key, old.sku, old.distributor);
        INSERT INTO feature_keys_fts (rowid, auth_code, feature_key, sku, distributor)
        VALUES (new.rowid, new.auth_code, new.feature_key, new.sku, new.distributor);
      END;

      CREATE TRIGGER systems_fts_insert AFTER INSERT ON systems
      WHEN new.rowid <= (SELECT systems_indexed_to FROM search_index WHERE id = 1) BEGIN
        INSERT INTO systems_fts (rowid, mac, serial, name, customer) VALUES (new.rowid, new.mac, new.serial, new.name, new.customer);
      END;
      CREATE TRIGGER systems_fts_delete AFTER DELETE ON systems
      WHEN old.rowid <= (SELECT systems_indexed_to FROM search_index WHERE id = 1) BEGIN
        INSERT INTO systems_fts (systems_fts, rowid, mac, serial, name, customer)
        VALUES ('delete', old.rowid, old.mac, old.serial, old.name, old.customer);
      END;
      CREATE TRIGGER systems_fts_update AFTER UPDATE OF mac, serial, name, customer ON systems
      WHEN old.rowid <= (SELECT systems_indexed_to FROM search_index WHERE id = 1) BEGIN
        INSERT INTO systems_fts (systems_fts, rowid, mac, serial, name, customer)
        VALUES ('delete', old.rowid, old.mac, old.serial, old.name, old.customer);
        INSERT INTO systems_fts (rowid, mac, serial, name, customer) VALUES (new.rowid, new.mac, new.serial, new.name, new.customer);
      END;

      INSERT INTO feature_keys_fts (feature_keys_fts) VALUES ('rebuild');
      INSERT INTO systems_fts (systems_fts) VALUES ('rebuild');

      -- Keyset pagination: (sort column, rowid) for every sortable column of the Keys page.
      -- An index on (x) already ends in the rowid; feature_keys_mac was (mac, redeemed_at). The
      -- nullable columns sort as '' so a cursor never has to compare with NULL.
      CREATE INDEX feature_keys_distributor ON feature_keys (ifnull(distributor, ''));
      CREATE INDEX systems_name_sort ON systems (ifnull(name, '') COLLATE NOCASE);
      CREATE INDEX feature_keys_feature_key ON feature_keys (feature_key);
      CREATE INDEX feature_keys_mac_only ON feature_keys (mac);
      CREATE INDEX feature_keys_origin ON feature_keys (origin) WHERE origin <> 'portal';
    `);
  },
};
