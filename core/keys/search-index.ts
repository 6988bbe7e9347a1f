/**
 * `search_index` (migration 003) keeps, per FTS5 index, the rowid up to which the index is built:
 * the triggers keep rows at or below it in step. This value (the largest rowid) means complete.
 * A string: SQLite integers are 64-bit, beyond what a JavaScript number holds exactly.
 */
export const SEARCH_INDEX_COMPLETE = '9223372036854775807';
