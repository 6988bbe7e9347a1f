import type { Migration } from '../core/db/migrations/types';

/**
 * The sandbox portal's own schema (its own database file, never the app's). Forward only, like
 * the app's migrations: add the next one, never edit a shipped one.
 */
export const sandboxMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'sandbox portal',
    up(db) {
      db.exec(`
        CREATE TABLE meta (
          key    TEXT PRIMARY KEY,
          value  TEXT NOT NULL
        ) STRICT;

        CREATE TABLE partners (
          id             TEXT PRIMARY KEY,
          username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
          name           TEXT NOT NULL,
          password_salt  BLOB NOT NULL,
          password_hash  BLOB NOT NULL
        ) STRICT;

        -- Only a hash of each bearer token is kept, so a copy of this file logs nobody in.
        CREATE TABLE sessions (
          token_hash  TEXT PRIMARY KEY,
          partner_id  TEXT NOT NULL REFERENCES partners (id),
          expires_at  TEXT NOT NULL
        ) STRICT;

        CREATE TABLE skus (
          sku          TEXT PRIMARY KEY,
          description  TEXT NOT NULL
        ) STRICT;

        -- Vouchers sold by distributors: not tied to a partner or a system until redeemed.
        CREATE TABLE auth_codes (
          code         TEXT PRIMARY KEY,
          sku          TEXT NOT NULL REFERENCES skus (sku),
          distributor  TEXT
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE systems (
          partner_id  TEXT NOT NULL REFERENCES partners (id),
          mac         TEXT NOT NULL,
          serial      TEXT,
          name        TEXT,
          customer    TEXT,
          created_at  TEXT NOT NULL,
          PRIMARY KEY (partner_id, mac)
        ) STRICT, WITHOUT ROWID;

        -- The primary key on auth_code is what makes a code single-use under any concurrency.
        CREATE TABLE feature_keys (
          auth_code    TEXT PRIMARY KEY REFERENCES auth_codes (code),
          feature_key  TEXT NOT NULL,
          partner_id   TEXT NOT NULL REFERENCES partners (id),
          mac          TEXT NOT NULL,
          redeemed_at  TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX feature_keys_by_system ON feature_keys (partner_id, mac);

        -- The change feed. AUTOINCREMENT so a seq is never reused, even after compaction.
        -- partner_id NULL = visible to every partner (SKUs).
        CREATE TABLE changes (
          seq         INTEGER PRIMARY KEY AUTOINCREMENT,
          partner_id  TEXT,
          entity      TEXT NOT NULL CHECK (entity IN ('sku', 'system', 'featureKey')),
          entity_id   TEXT NOT NULL,
          op          TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
          data        TEXT
        ) STRICT;

        -- Completed responses of idempotent requests, kept indefinitely, per partner.
        CREATE TABLE idempotency (
          partner_id     TEXT NOT NULL REFERENCES partners (id),
          key            TEXT NOT NULL,
          request_hash   TEXT NOT NULL,
          status         INTEGER NOT NULL,
          response_body  TEXT NOT NULL,
          created_at     TEXT NOT NULL,
          PRIMARY KEY (partner_id, key)
        ) STRICT, WITHOUT ROWID;
      `);
    },
  },
  {
    version: 2,
    name: 'servers (Portal API v1.2)',
    up(db) {
      // The change log's CHECK must accept the new entities, and SQLite cannot alter a CHECK: the
      // table is rebuilt with its rows and seqs. sqlite_sequence follows the rename, and is then
      // set to what it was, so a seq is never reused even when the newest entries were compacted.
      const lastSeq = (db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'changes'`).get() as { seq: number } | undefined)?.seq ?? 0;
      db.exec(`
        CREATE TABLE changes_v2 (
          seq         INTEGER PRIMARY KEY AUTOINCREMENT,
          partner_id  TEXT,
          entity      TEXT NOT NULL CHECK (entity IN ('sku', 'system', 'featureKey', 'server', 'serverHistory')),
          entity_id   TEXT NOT NULL,
          op          TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
          data        TEXT
        ) STRICT;
        INSERT INTO changes_v2 (seq, partner_id, entity, entity_id, op, data) SELECT seq, partner_id, entity, entity_id, op, data FROM changes;
        DROP TABLE changes;
        ALTER TABLE changes_v2 RENAME TO changes;
      `);
      db.prepare(`DELETE FROM sqlite_sequence WHERE name IN ('changes', 'changes_v2')`).run();
      if (lastSeq > 0) db.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES ('changes', ?)`).run(lastSeq);

      db.exec(`
        -- The portal's inventory of manufactured servers: what a serial number says (model, MAC).
        CREATE TABLE known_serials (
          serial  TEXT PRIMARY KEY,
          model   TEXT NOT NULL,
          mac     TEXT NOT NULL UNIQUE
        ) STRICT, WITHOUT ROWID;

        -- Sites (Site/Server IDs), numbered by the portal across all partners from 10016 on.
        CREATE TABLE sites (
          site_id     INTEGER PRIMARY KEY,
          partner_id  TEXT NOT NULL REFERENCES partners (id),
          created_at  TEXT NOT NULL
        ) STRICT;
        CREATE INDEX sites_by_partner ON sites (partner_id);

        -- The servers on each partner's dashboard, keyed by MAC; a serial appears once per dashboard.
        CREATE TABLE servers (
          partner_id           TEXT NOT NULL REFERENCES partners (id),
          mac                  TEXT NOT NULL,
          serial               TEXT NOT NULL,
          model                TEXT NOT NULL,
          site_id              INTEGER REFERENCES sites (site_id),
          status               TEXT NOT NULL CHECK (status IN ('saved', 'registered', 'activated')),
          hidden               INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
          system_name          TEXT,
          company              TEXT,
          street               TEXT,
          city                 TEXT,
          region               TEXT,
          postal_code          TEXT,
          country              TEXT,
          contact_name         TEXT,
          contact_phone        TEXT,
          contact_email        TEXT,
          rma_state            TEXT CHECK (rma_state IS NULL OR rma_state IN ('requested', 'completed')),
          rma_reason           TEXT,
          rma_replacement_mac  TEXT,
          rma_requested_at     TEXT,
          rma_completed_at     TEXT,
          added_at             TEXT NOT NULL,
          updated_at           TEXT NOT NULL,
          PRIMARY KEY (partner_id, mac),
          UNIQUE (partner_id, serial)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX servers_by_site ON servers (site_id);

        -- Every record of a server's history, with the registration as it stood (JSON).
        CREATE TABLE server_history (
          id            INTEGER PRIMARY KEY AUTOINCREMENT,
          partner_id    TEXT NOT NULL REFERENCES partners (id),
          mac           TEXT NOT NULL,
          site_id       INTEGER,
          at            TEXT NOT NULL,
          action        TEXT NOT NULL,
          status        TEXT NOT NULL,
          model         TEXT NOT NULL,
          registration  TEXT NOT NULL,
          note          TEXT
        ) STRICT;
        CREATE INDEX server_history_by_server ON server_history (partner_id, mac);
      `);
    },
  },
];
