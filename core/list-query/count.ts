/**
 * Bounded counts: a list counts its matches exactly up to COUNT_BOUND and says "more than" past
 * it, so a broad filter over a million rows costs a bounded amount.
 */

/** Counting stops here (then `{ count: COUNT_BOUND, exact: false }`). */
export const COUNT_BOUND = 10_000;

export interface BoundedCount {
  count: number;
  /** False when there are more than `count` matches. */
  exact: boolean;
}

/** A count read up to `bound + 1` rows as the page shows it. */
export function bounded(counted: number, bound = COUNT_BOUND): BoundedCount {
  return counted > bound ? { count: bound, exact: false } : { count: counted, exact: true };
}

/** `SELECT count(*)` of a SELECT's first `bound + 1` rows (then `bounded` says whether there were more). */
export function boundedCountSql(select: string, bound = COUNT_BOUND): string {
  return `SELECT count(*) FROM (${select} LIMIT ${bound + 1})`;
}

/**
 * Matches outside a date range: all the matches counted without dates (up to the bound), less
 * the `inside` ones.
 */
export function outsideOf(all: BoundedCount, inside: number): BoundedCount {
  return { count: Math.max(0, all.count - inside), exact: all.exact };
}
