// Its one job: the rows of a list the core pages with keyset cursors, for a filter, loaded a page
// at a time as the user scrolls (page N costs what page 1 costs, so a hundred thousand rows stay
// smooth; there is no jumping to page N, only reading on), reloaded when the filter changes or the
// core says the cache changed. The Keys page (`keys.list`) and the Servers page (`servers.list`)
// each pass their method and their change event.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../core/rpc/errors';
import { toApiError } from '../../api/core-store';

export const LIST_PAGE_SIZE = 100;
/** A refresh re-reads what is loaded in requests this large (the contracts' maximum). */
const REFRESH_CHUNK = 500;

/** What every keyset-paged list method answers. */
export interface KeysetPage<Row> {
  rows: Row[];
  nextCursor: string | null;
  /** Only on the first page. */
  total: { count: number; exact: boolean } | null;
  /** Only on the first page of a list with dates: how many more the same search finds outside them. */
  outsideDates?: { count: number; exact: boolean } | null;
  note: string | null;
  lastSyncedAt: string | null;
}

export interface KeysetPagesState<Row> {
  /** Every row loaded so far, in the filter's order. */
  rows: Row[];
  /** The cursor each loaded page was asked with (null for the first): where each visited page starts. */
  pageCursors: (string | null)[];
  /** Where the next page starts; null once the last page is loaded. */
  nextCursor: string | null;
  total: { count: number; exact: boolean } | null;
  /** The first page's `outsideDates` (null when the list has no dates). */
  outsideDates: { count: number; exact: boolean } | null;
  note: string | null;
  lastSyncedAt: string | null;
  /** The first page of this filter has not arrived yet. */
  loading: boolean;
  loadingMore: boolean;
  /** The first page failed (nothing to show). */
  error: ApiError | null;
  /** A later page failed; the rows loaded so far stay. */
  moreError: ApiError | null;
}

function emptyState<Row>(): KeysetPagesState<Row> {
  return {
    rows: [],
    pageCursors: [],
    nextCursor: null,
    total: null,
    outsideDates: null,
    note: null,
    lastSyncedAt: null,
    loading: true,
    loadingMore: false,
    error: null,
    moreError: null,
  };
}

export type FetchPage<Filter, Row> = (filter: Filter, after: string | null, limit: number) => Promise<KeysetPage<Row>>;
/** Calls `onChange` whenever the core says the listed data changed; returns the unsubscribe. */
export type SubscribeToChanges = (onChange: () => void) => () => void;

/** `filter` null: the page cannot search (e.g. the dates are reversed); nothing is asked. */
export function useKeysetPages<Filter, Row>(filter: Filter | null, fetchPage: FetchPage<Filter, Row>, subscribe: SubscribeToChanges) {
  const [state, setState] = useState<KeysetPagesState<Row>>(emptyState);
  const stateRef = useRef(state);
  stateRef.current = state;
  // Answers for an older filter (or an older refresh) are dropped.
  const generation = useRef(0);
  const filterKey = filter ? JSON.stringify(filter) : null;
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const refreshing = useRef<{ again: boolean } | null>(null);

  const loadFirst = useCallback(async () => {
    const current = filterRef.current;
    const mine = ++generation.current;
    if (!current) {
      setState({ ...emptyState<Row>(), loading: false });
      return;
    }
    // The old rows stay on screen (under a progress bar) until the new ones arrive.
    setState((previous) => ({ ...previous, loading: true, error: null, moreError: null }));
    try {
      const page = await fetchRef.current(current, null, LIST_PAGE_SIZE);
      if (mine !== generation.current) return;
      setState({
        ...emptyState<Row>(),
        rows: page.rows,
        pageCursors: [null],
        nextCursor: page.nextCursor,
        total: page.total,
        outsideDates: page.outsideDates ?? null,
        note: page.note,
        lastSyncedAt: page.lastSyncedAt,
        loading: false,
      });
    } catch (err) {
      if (mine !== generation.current) return;
      setState({ ...emptyState<Row>(), loading: false, error: toApiError(err) });
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey stands for the filter's value (a new object each render)
  useEffect(() => {
    void loadFirst();
  }, [filterKey, loadFirst]);

  const loadMore = useCallback(async () => {
    const current = filterRef.current;
    const { nextCursor, loading, loadingMore } = stateRef.current;
    if (!current || nextCursor === null || loading || loadingMore) return;
    const mine = generation.current;
    setState((previous) => ({ ...previous, loadingMore: true, moreError: null }));
    try {
      const page = await fetchRef.current(current, nextCursor, LIST_PAGE_SIZE);
      if (mine !== generation.current) return;
      setState((previous) => ({
        ...previous,
        rows: previous.rows.concat(page.rows),
        pageCursors: [...previous.pageCursors, nextCursor],
        nextCursor: page.nextCursor,
        lastSyncedAt: page.lastSyncedAt,
        loadingMore: false,
      }));
    } catch (err) {
      if (mine !== generation.current) return;
      setState((previous) => ({ ...previous, loadingMore: false, moreError: toApiError(err) }));
    }
  }, []);

  /**
   * Reads again as many rows as are loaded (so the table does not jump back to the top), from the
   * first row on: after a change the old cursors may no longer start where they did. Calls while one
   * runs are folded into one more run after it.
   */
  const refresh = useCallback(async () => {
    if (refreshing.current) {
      refreshing.current.again = true;
      return;
    }
    const run = { again: false };
    refreshing.current = run;
    try {
      do {
        run.again = false;
        const current = filterRef.current;
        const { rows: shown, error, loading } = stateRef.current;
        if (!current || loading) break;
        if (error) {
          await loadFirst();
          continue;
        }
        const mine = ++generation.current;
        const wanted = Math.max(shown.length, LIST_PAGE_SIZE);
        const rows: Row[] = [];
        const pageCursors: (string | null)[] = [];
        let after: string | null = null;
        let first: KeysetPage<Row> | null = null;
        let nextCursor: string | null = null;
        try {
          do {
            const page: KeysetPage<Row> = await fetchRef.current(current, after, Math.min(REFRESH_CHUNK, wanted - rows.length));
            first ??= page;
            pageCursors.push(after);
            rows.push(...page.rows);
            nextCursor = page.nextCursor;
            after = page.nextCursor;
          } while (after !== null && rows.length < wanted);
        } catch (err) {
          if (mine === generation.current) setState((previous) => ({ ...previous, moreError: toApiError(err) }));
          break;
        }
        if (mine !== generation.current || !first) break;
        setState({
          ...emptyState<Row>(),
          rows,
          pageCursors,
          nextCursor,
          total: first.total,
          outsideDates: first.outsideDates ?? null,
          note: first.note,
          lastSyncedAt: first.lastSyncedAt,
          loading: false,
        });
      } while (run.again);
    } finally {
      refreshing.current = null;
    }
  }, [loadFirst]);

  useEffect(() => subscribe(() => void refresh()), [subscribe, refresh]);

  return { ...state, loadMore, refresh, retry: loadFirst };
}
