// Its one job: the rows of the Keys table for a filter, loaded a page at a time with the core's
// keyset cursors as the user scrolls (page N costs what page 1 costs, so a million keys stay
// smooth; there is no jumping to page N, only reading on), reloaded when the filter changes or the
// core says the cache changed (`keys.changed`).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../core/api/errors';
import type { KeyCount, KeyFilter, KeyPage, KeyRow } from '../../../../core/keys/contract';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';

export const KEYS_PAGE_SIZE = 100;
/** A refresh re-reads what is loaded in requests this large (the contract's maximum). */
const REFRESH_CHUNK = 500;

export interface KeyPagesState {
  /** Every row loaded so far, in the filter's order. */
  rows: KeyRow[];
  /** The cursor each loaded page was asked with (null for the first): where each visited page starts. */
  pageCursors: (string | null)[];
  /** Where the next page starts; null once the last page is loaded. */
  nextCursor: string | null;
  total: KeyCount | null;
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

const empty: KeyPagesState = {
  rows: [],
  pageCursors: [],
  nextCursor: null,
  total: null,
  note: null,
  lastSyncedAt: null,
  loading: true,
  loadingMore: false,
  error: null,
  moreError: null,
};

/** `filter` null: the page cannot search (e.g. the dates are reversed); nothing is asked. */
export function useKeyPages(filter: KeyFilter | null) {
  const api = useApi();
  const [state, setState] = useState<KeyPagesState>(empty);
  const stateRef = useRef(state);
  stateRef.current = state;
  // Answers for an older filter (or an older refresh) are dropped.
  const generation = useRef(0);
  const filterKey = filter ? JSON.stringify(filter) : null;
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const refreshing = useRef<{ again: boolean } | null>(null);

  const loadFirst = useCallback(async () => {
    const current = filterRef.current;
    const mine = ++generation.current;
    if (!current) {
      setState({ ...empty, loading: false });
      return;
    }
    // The old rows stay on screen (under a progress bar) until the new ones arrive.
    setState((previous) => ({ ...previous, loading: true, error: null, moreError: null }));
    try {
      const page = await api.invoke('keys.list', { filter: current, after: null, limit: KEYS_PAGE_SIZE });
      if (mine !== generation.current) return;
      setState({
        ...empty,
        rows: page.rows,
        pageCursors: [null],
        nextCursor: page.nextCursor,
        total: page.total,
        note: page.note,
        lastSyncedAt: page.lastSyncedAt,
        loading: false,
      });
    } catch (err) {
      if (mine !== generation.current) return;
      setState({ ...empty, loading: false, error: toApiError(err) });
    }
  }, [api]);

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
      const page = await api.invoke('keys.list', { filter: current, after: nextCursor, limit: KEYS_PAGE_SIZE });
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
  }, [api]);

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
        const wanted = Math.max(shown.length, KEYS_PAGE_SIZE);
        const rows: KeyRow[] = [];
        const pageCursors: (string | null)[] = [];
        let after: string | null = null;
        let first: KeyPage | null = null;
        let nextCursor: string | null = null;
        try {
          do {
            const page: KeyPage = await api.invoke('keys.list', {
              filter: current,
              after,
              limit: Math.min(REFRESH_CHUNK, wanted - rows.length),
            });
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
          ...empty,
          rows,
          pageCursors,
          nextCursor,
          total: first.total,
          note: first.note,
          lastSyncedAt: first.lastSyncedAt,
          loading: false,
        });
      } while (run.again);
    } finally {
      refreshing.current = null;
    }
  }, [api, loadFirst]);

  useEffect(() => api.on('keys.changed', () => void refresh()), [api, refresh]);

  return { ...state, loadMore, refresh, retry: loadFirst };
}
