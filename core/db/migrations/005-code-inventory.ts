import type { Migration } from './types';

/**
 * The code inventory (issue 12): every authorization code FieldKey has seen before it was
 * redeemed (from a distributor's spreadsheet, as text or as a barcode picture), with where it came
 * from, and what the portal last said of it.
 *
 * - `code_import_batches`: one row per confirmed import of a file, with its counts.
 * - `code_inventory`: one row per code (24 characters, no dashes, as `feature_keys` stores it).
 *   `status`: `unchecked` (not yet looked up: imported offline), `available` (the portal says
 *   unredeemed), `redeemed` (with the MAC and time the portal gave), `queued` (reserved by an
 *   outbox operation or a bulk job), `unknown` (the portal does not know it). Times are UTC
 *   ISO-8601 with milliseconds, so text order is time order.
 * - indexes for the balance (unredeemed codes by SKU: count and oldest import, read from the
 *   index alone) and for keyset pages of the Codes list on each sortable column.
 * - `code_inventory_fts`: FTS5 trigram over code, SKU, description and distributor, external
 *   content kept in step by triggers in the same transaction as every write (an inventory is
 *   thousands of codes, not millions of keys: no deferred build, unlike migration 003).
 *
 * Stands on its own: it reads and changes no table of the earlier migrations.
 */
export const migration005: Migration = {
  version: 5,
  name: 'code inventory',
  up(db) {
    db.exec(`
      CREATE TABLE code_import_batches (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        file_name      TEXT NOT NULL,
        imported_at    TEXT NOT NULL,
        -- What the import report said when it was confirmed.
        codes_found    INTEGER NOT NULL DEFAULT 0 CHECK (codes_found >= 0),
        codes_added    INTEGER NOT NULL DEFAULT 0 CHECK (codes_added >= 0),
        already_known  INTEGER NOT NULL DEFAULT 0 CHECK (already_known >= 0),
        duplicates     INTEGER NOT NULL DEFAULT 0 CHECK (duplicates >= 0),
        not_codes      INTEGER NOT NULL DEFAULT 0 CHECK (not_codes >= 0),
        pictures       INTEGER NOT NULL DEFAULT 0 CHECK (pictures >= 0)
      ) STRICT;

      CREATE TABLE code_inventory (
        auth_code        TEXT PRIMARY KEY CHECK (length(auth_code) = 24 AND auth_code NOT GLOB '*[^0-9A-Z]*'),
        sku              TEXT,
        description      TEXT,
        distributor      TEXT,
        batch_id         INTEGER REFERENCES code_import_batches (id),
        source_file      TEXT,
        source_sheet     TEXT,
        -- 1-based, as the spreadsheet numbers rows; the column as a number (A = 1).
        source_row       INTEGER CHECK (source_row IS NULL OR source_row >= 1),
        source_column    INTEGER CHECK (source_column IS NULL OR source_column >= 1),
        source_kind      TEXT NOT NULL CHECK (source_kind IN ('text', 'picture', 'both')),
        imported_at      TEXT NOT NULL,
        status           TEXT NOT NULL DEFAULT 'unchecked'
                         CHECK (status IN ('unchecked', 'available', 'redeemed', 'queued', 'unknown')),
        redeemed_mac     TEXT CHECK (redeemed_mac IS NULL OR (length(redeemed_mac) = 12 AND redeemed_mac NOT GLOB '*[^0-9A-F]*')),
        redeemed_at      TEXT,
        last_checked_at  TEXT,
        -- Only a redeemed code has a MAC and a time, and a redeemed one has both.
        CHECK ((status = 'redeemed') = (redeemed_mac IS NOT NULL AND redeemed_at IS NOT NULL)),
        CHECK (status = 'redeemed' OR (redeemed_mac IS NULL AND redeemed_at IS NULL))
      ) STRICT;

      -- The balance: by status, then SKU, with the import time for "oldest" (a covering index).
      CREATE INDEX code_inventory_balance ON code_inventory (status, sku, imported_at);
      -- Keyset pages: (sort column, rowid) for each sortable column of the Codes list.
      CREATE INDEX code_inventory_by_imported ON code_inventory (imported_at);
      CREATE INDEX code_inventory_by_sku ON code_inventory (ifnull(sku, ''));
      CREATE INDEX code_inventory_by_status ON code_inventory (status);
      CREATE INDEX code_inventory_by_distributor ON code_inventory (ifnull(distributor, ''));
      CREATE INDEX code_inventory_by_checked ON code_inventory (ifnull(last_checked_at, ''));
      CREATE INDEX code_inventory_batch ON code_inventory (batch_id) WHERE batch_id IS NOT NULL;

      CREATE VIRTUAL TABLE code_inventory_fts USING fts5(
        auth_code, sku, description, distributor,
        content = 'code_inventory', content_rowid = 'rowid', tokenize = 'trigram'
      );
      CREATE TRIGGER code_inventory_fts_insert AFTER INSERT ON code_inventory BEGIN
        INSERT INTO code_inventory_fts (rowid, auth_code, sku, description, distributor)
        VALUES (new.rowid, new.auth_code, new.sku, new.description, new.distributor);
      END;
      CREATE TRIGGER code_inventory_fts_delete AFTER DELETE ON code_inventory BEGIN
        INSERT INTO code_inventory_fts (code_inventory_fts, rowid, auth_code, sku, description, distributor)
        VALUES ('delete', old.rowid, old.auth_code, old.sku, old.description, old.distributor);
      END;
      CREATE TRIGGER code_inventory_fts_update AFTER UPDATE OF auth_code, sku, description, distributor ON code_inventory BEGIN
        INSERT INTO code_inventory_fts (code_inventory_fts, rowid, auth_code, sku, description, distributor)
        VALUES ('delete', old.rowid, old.auth_code, old.sku, old.description, old.distributor);
        INSERT INTO code_inventory_fts (rowid, auth_code, sku, description, distributor)
        VALUES (new.rowid, new.auth_code, new.sku, new.description, new.distributor);
      END;
    `);
  },
};
