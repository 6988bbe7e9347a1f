import type { Migration } from './types';

/**
 * The first schema: the local cache of the portal (SKUs, systems, servers, feature keys), the
 * sync cursor, the durable outbox and the audit log. Foreign keys are deferred so a sync page
 * can apply keys and the systems they belong to in any order within its transaction.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE skus (
        sku          TEXT PRIMARY KEY,
        description  TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      ) STRICT;

      -- A customer's phone system, identified by its MAC (12 upper-case hex digits, no separators).
      CREATE TABLE systems (
        mac          TEXT PRIMARY KEY CHECK (length(mac) = 12 AND mac NOT GLOB '*[^0-9A-F]*'),
        serial       TEXT,
        name         TEXT,
        customer     TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX systems_name ON systems (name COLLATE NOCASE);
      CREATE INDEX systems_customer ON systems (customer COLLATE NOCASE);

      -- The server-dashboard view of a system: model, site, registration status.
      CREATE TABLE servers (
        mac           TEXT PRIMARY KEY REFERENCES systems (mac) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        model         TEXT,
        site_id       TEXT,
        status        TEXT NOT NULL DEFAULT 'saved' CHECK (status IN ('saved', 'registered', 'activated')),
        hidden        INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
        registration  TEXT CHECK (registration IS NULL OR json_valid(registration)),
        added_at      TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      ) STRICT;

      -- One redeemed authorization code and the feature key it produced. The code is single use,
      -- so it is the key. Feature keys are case-sensitive and stored exactly as received.
      CREATE TABLE feature_keys (
        auth_code     TEXT PRIMARY KEY CHECK (length(auth_code) = 24 AND auth_code NOT GLOB '*[^0-9A-Z]*'),
        feature_key   TEXT NOT NULL,
        sku           TEXT NOT NULL,
        mac           TEXT NOT NULL REFERENCES systems (mac) DEFERRABLE INITIALLY DEFERRED,
        distributor   TEXT,
        redeemed_at   TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX feature_keys_mac ON feature_keys (mac, redeemed_at);
      CREATE INDEX feature_keys_redeemed_at ON feature_keys (redeemed_at);
      CREATE INDEX feature_keys_sku ON feature_keys (sku);

      -- Per-portal sync position and timestamps (cursor, last success, ...).
      CREATE TABLE sync_state (
        portal_url   TEXT NOT NULL,
        name         TEXT NOT NULL,
        value        TEXT NOT NULL,
        PRIMARY KEY (portal_url, name)
      ) STRICT;

      -- Operations waiting to reach the portal. The idempotency key is made when the row is
      -- written and never changes, so a replay after a crash or timeout cannot act twice.
      CREATE TABLE outbox (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key  TEXT NOT NULL UNIQUE,
        kind             TEXT NOT NULL,
        payload          TEXT NOT NULL CHECK (json_valid(payload)),
        status           TEXT NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'in_flight', 'in_doubt', 'done', 'needs_attention', 'dismissed')),
        attempts         INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  TEXT,
        last_error       TEXT,
        result           TEXT CHECK (result IS NULL OR json_valid(result)),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outbox_status ON outbox (status, id);

      -- Who did what and when, for the technician's own record and for support.
      CREATE TABLE audit_log (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        at         TEXT NOT NULL,
        action     TEXT NOT NULL,
        entity     TEXT,
        entity_id  TEXT,
        details    TEXT CHECK (details IS NULL OR json_valid(details))
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log (at);
    `);
  },
};
