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
];
