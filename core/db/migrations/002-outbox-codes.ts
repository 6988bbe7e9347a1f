import type { Migration } from './types';

/**
 * The outbox learns which portal each operation is for (a portal switch must never send a
 * queued redemption to another portal), and which codes are held by an open operation: one row
 * per code, so "a queued code cannot be queued again" is a PRIMARY KEY, not a check-then-insert.
 */
export const migration002: Migration = {
  version: 2,
  name: 'outbox portal and code reservations',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN portal_url TEXT;

      -- Codes held by a pending, in-flight, in-doubt or needs-attention operation (24 characters).
      CREATE TABLE outbox_codes (
        auth_code  TEXT PRIMARY KEY CHECK (length(auth_code) = 24 AND auth_code NOT GLOB '*[^0-9A-Z]*'),
        outbox_id  INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE
      ) STRICT;
      CREATE INDEX outbox_codes_outbox ON outbox_codes (outbox_id);
    `);
  },
};
