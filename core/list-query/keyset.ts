/**
 * Keyset paging over a sort spec: the expressions of a sort's index, the last one unique (a rowid
 * or a unique column), so every sort is a total order and page N costs what page 1 costs. The
 * cursor (keyset-cursor.ts) carries the last row's values of those expressions.
 */
import { decodeKeysetCursor, encodeKeysetCursor, type KeysetSort } from './keyset-cursor';

/** SQL expressions of the sort's index, in order; the last one unique. */
export type SortKeys = readonly string[];

export function orderBy(keys: SortKeys, desc: boolean): string {
  return keys.map((key) => `${key} ${desc ? 'DESC' : 'ASC'}`).join(', ');
}

/** The sort values of each row, as columns `sv0`, `sv1`…, for the next cursor. */
export function sortValueColumns(keys: SortKeys): string {
  return keys.map((key, i) => `${key.replace(' COLLATE NOCASE', '')} AS sv${i}`).join(', ');
}

/**
 * Rows after the cursor's: `(k0, k1) > (@c0, @c1)` (`<` descending), or with `expanded`,
 * `k0 >= @c0 AND (k0 > @c0 OR k1 > @c1)`: SQLite reads a row-value comparison as a range of an
 * index on an expression only in that second form.
 */
export function keysetCondition(
  keys: SortKeys,
  desc: boolean,
  values: readonly (string | number)[],
  form: 'rowValue' | 'expanded' = 'rowValue',
): { sql: string; params: Record<string, string | number> } {
  const op = desc ? '<' : '>';
  const params: Record<string, string | number> = {};
  values.forEach((value, i) => {
    params[`c${i}`] = value;
  });
  if (keys.length === 1) return { sql: `${keys[0]} ${op} @c0`, params };
  if (form === 'expanded') return { sql: `${keys[0]} ${op}= @c0 AND (${keys[0]} ${op} @c0 OR ${keys[1]} ${op} @c1)`, params };
  return { sql: `(${keys.join(', ')}) ${op} (${keys.map((_, i) => `@c${i}`).join(', ')})`, params };
}

/** The cursor's values; by default the keys ending in `rowid` are numbers, the others text. */
export function decodeCursor(
  after: string,
  filter: KeysetSort,
  keys: SortKeys,
  numeric: (index: number) => boolean = (i) => keys[i]!.endsWith('rowid'),
): (string | number)[] {
  return decodeKeysetCursor(after, filter, keys.length, numeric);
}

/**
 * A page from `limit + 1` rows read (each with its `sv<i>` columns): the first `limit`, and the
 * cursor after the last of them when there were more.
 */
export function pageOf<Row>(
  found: readonly (Row & Record<string, unknown>)[],
  limit: number,
  filter: KeysetSort,
  keys: SortKeys,
): { rows: Row[]; nextCursor: string | null } {
  const rows = found.slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    rows,
    nextCursor:
      found.length > limit && last
        ? encodeKeysetCursor(
            filter,
            keys.map((_, i) => last[`sv${i}`] as string | number),
          )
        : null,
  };
}

/** Every row of a keyset-paged list, page after page (no statement stays open in between). */
export function* allRows<Row>(page: (after: string | null) => { rows: readonly Row[]; nextCursor: string | null }): IterableIterator<Row> {
  let after: string | null = null;
  do {
    const next = page(after);
    yield* next.rows;
    after = next.nextCursor;
  } while (after !== null);
}
