/**
 * What other features may know of the bulk jobs' rows, without reading `bulk_job_rows` (migration
 * 007) themselves: the bulk feature owns that table and its shape.
 */

/**
 * A SELECT of the codes (`auth_code`, compact) that rows of draft bulk jobs hold: codes set aside
 * for a job not yet started, which nothing else may pick. For `auth_code NOT IN (…)` in a query of
 * the caller's own, so the planner still sees one statement.
 */
export function codesInDraftJobsSql(): string {
  return `SELECT r.auth_code FROM bulk_job_rows r JOIN bulk_jobs j ON j.id = r.job_id WHERE j.state = 'draft'`;
}
