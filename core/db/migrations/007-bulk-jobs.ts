import type { Migration } from './types';

/**
 * Bulk redemption jobs (issue 12): a job made from a bulk file or from the code inventory, its
 * state (`draft` → `in_progress` → `completed`), and one row per code with the MAC it goes to.
 *
 * - `bulk_jobs`: the job; `started_at` is set exactly when it left `draft`, `completed_at` exactly
 *   when it is `completed`; a job from a file names the file.
 * - `bulk_job_rows`: one row per code (24 characters, no dashes, as `feature_keys` stores it),
 *   numbered as the file numbers its rows (header = 1) or 1, 2, 3 … for the inventory; a code
 *   appears once per job. `outbox_id` is the outbox redemption carrying the code once the job is
 *   started (set in the same transaction as the operation is queued); the outcome is read from
 *   that operation's results, so it cannot disagree with the outbox.
 * - indexes: a job's rows are its primary key's range; a job is found from an outbox operation
 *   (every answer) by `bulk_job_rows_outbox`, and a code's open jobs by `bulk_job_rows_code`.
 *
 * Stands on its own: it reads and changes no table of the earlier migrations.
 */
export const migration007: Migration = {
  version: 7,
  name: 'bulk redemption jobs',
  up(db) {
    db.exec(`
      CREATE TABLE bulk_jobs (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        state         TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'in_progress', 'completed')),
        source        TEXT NOT NULL CHECK (source IN ('file', 'inventory')),
        file_name     TEXT,
        created_at    TEXT NOT NULL,
        started_at    TEXT,
        completed_at  TEXT,
        CHECK ((source = 'file') = (file_name IS NOT NULL)),
        CHECK ((state = 'draft') = (started_at IS NULL)),
        CHECK ((state = 'completed') = (completed_at IS NOT NULL))
      ) STRICT;

      CREATE TABLE bulk_job_rows (
        job_id       INTEGER NOT NULL REFERENCES bulk_jobs (id) ON DELETE CASCADE,
        row_no       INTEGER NOT NULL CHECK (row_no >= 1),
        mac          TEXT NOT NULL CHECK (length(mac) = 12 AND mac NOT GLOB '*[^0-9A-F]*'),
        system_name  TEXT CHECK (system_name IS NULL OR length(system_name) <= 200),
        auth_code    TEXT NOT NULL CHECK (length(auth_code) = 24 AND auth_code NOT GLOB '*[^0-9A-Z]*'),
        sku          TEXT,
        outbox_id    INTEGER REFERENCES outbox (id),
        PRIMARY KEY (job_id, row_no),
        UNIQUE (job_id, auth_code)
      ) STRICT;
      CREATE INDEX bulk_job_rows_outbox ON bulk_job_rows (outbox_id) WHERE outbox_id IS NOT NULL;
      CREATE INDEX bulk_job_rows_code ON bulk_job_rows (auth_code);
    `);
  },
};
