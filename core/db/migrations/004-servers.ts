import type { Migration } from './types';

/**
 * The Server Management Dashboard's cache (Portal API v1.2):
 *
 * - `servers` is rebuilt (001's table was never written): one row per server on the partner's
 *   dashboard, keyed by MAC, with its serial, model, registration (system name, end customer
 *   company, address, contact), Site/Server ID, status, hidden flag and RMA. `origin` is `local`
 *   while a server saved here has not yet come back from the portal. A server is not a system:
 *   its keys are found by MAC in `feature_keys`.
 * - `server_history`: the portal's history records (Server History by MAC, Site History by site),
 *   each with the registration as it stood.
 * - `outbox_servers`: which open outbox operation concerns which server, so a page of the
 *   Servers table shows the changes waiting on its rows without reading every payload. A row
 *   goes when its operation is done or dismissed.
 * - `server_base`: the portal's own version of a server while changes made here are open (null
 *   when the portal has never had it). The `servers` row is always that version with the open
 *   operations applied on top, oldest first: a pull, an answer or a dismissal rebuilds it from
 *   here, so a pull never hides a queued change and a dismissed one leaves no trace.
 * - `servers_fts`: an FTS5 trigram index over MAC, serial, system name, company and site, kept in
 *   step by triggers (a dashboard holds thousands, not millions: no deferred build).
 * - keyset indexes for every sortable column, under the hidden flag every listing filters by
 *   (the rowid, implicit at the end of each, breaks ties). The Site/Server ID sorts as a number.
 */
export const migration004: Migration = {
  version: 4,
  name: 'server dashboard',
  up(db) {
    db.exec(`
      DROP TABLE servers;
      CREATE TABLE servers (
        mac                  TEXT PRIMARY KEY CHECK (length(mac) = 12 AND mac NOT GLOB '*[^0-9A-F]*'),
        serial               TEXT NOT NULL,
        model                TEXT NOT NULL,
        site_id              TEXT,
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
        -- UTC ISO-8601 with milliseconds, so text order is time order.
        added_at             TEXT NOT NULL,
        updated_at           TEXT NOT NULL,
        origin               TEXT NOT NULL DEFAULT 'portal' CHECK (origin IN ('portal', 'local'))
      ) STRICT;
      CREATE INDEX servers_serial ON servers (serial);
      CREATE INDEX servers_by_added ON servers (hidden, added_at);
      CREATE INDEX servers_by_mac ON servers (hidden, mac);
      CREATE INDEX servers_by_model ON servers (hidden, model);
      CREATE INDEX servers_by_name ON servers (hidden, ifnull(system_name, '') COLLATE NOCASE);
      CREATE INDEX servers_by_company ON servers (hidden, ifnull(company, '') COLLATE NOCASE);
      CREATE INDEX servers_by_site ON servers (hidden, ifnull(CAST(site_id AS INTEGER), -1));
      CREATE INDEX servers_by_status ON servers (hidden, status);
      CREATE INDEX servers_site ON servers (site_id) WHERE site_id IS NOT NULL;
      -- Machine Type and Server Status together: the count reads the index alone.
      CREATE INDEX servers_by_model_status ON servers (hidden, model, status, added_at);

      CREATE TABLE server_history (
        id            TEXT PRIMARY KEY,
        mac           TEXT NOT NULL,
        site_id       TEXT,
        at            TEXT NOT NULL,
        action        TEXT NOT NULL,
        status        TEXT NOT NULL,
        model         TEXT NOT NULL,
        registration  TEXT NOT NULL CHECK (json_valid(registration)),
        note          TEXT
      ) STRICT;
      CREATE INDEX server_history_mac ON server_history (mac, at);
      CREATE INDEX server_history_site ON server_history (site_id, at) WHERE site_id IS NOT NULL;

      CREATE TABLE outbox_servers (
        outbox_id  INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
        mac        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outbox_servers_mac ON outbox_servers (mac);

      CREATE TABLE server_base (
        mac     TEXT PRIMARY KEY,
        server  TEXT CHECK (server IS NULL OR json_valid(server))
      ) STRICT;

      CREATE VIRTUAL TABLE servers_fts USING fts5(
        mac, serial, system_name, company, site_id,
        content = 'servers', content_rowid = 'rowid', tokenize = 'trigram'
      );
      CREATE TRIGGER servers_fts_insert AFTER INSERT ON servers BEGIN
        INSERT INTO servers_fts (rowid, mac, serial, system_name, company, site_id)
        VALUES (new.rowid, new.mac, new.serial, new.system_name, new.company, new.site_id);
      END;
      CREATE TRIGGER servers_fts_delete AFTER DELETE ON servers BEGIN
        INSERT INTO servers_fts (servers_fts, rowid, mac, serial, system_name, company, site_id)
        VALUES ('delete', old.rowid, old.mac, old.serial, old.system_name, old.company, old.site_id);
      END;
      CREATE TRIGGER servers_fts_update AFTER UPDATE OF mac, serial, system_name, company, site_id ON servers BEGIN
        INSERT INTO servers_fts (servers_fts, rowid, mac, serial, system_name, company, site_id)
        VALUES ('delete', old.rowid, old.mac, old.serial, old.system_name, old.company, old.site_id);
        INSERT INTO servers_fts (rowid, mac, serial, system_name, company, site_id)
        VALUES (new.rowid, new.mac, new.serial, new.system_name, new.company, new.site_id);
      END;
    `);
  },
};
