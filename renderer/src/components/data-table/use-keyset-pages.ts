// Its one job: the rows of a list the core pages with keyset cursors, for a filter, loaded a page
// at a time as the user scrolls (page N costs what page 1 costs, so a hundred thousand rows stay
// smooth; there is no jumping to page N, only reading on), as one infinite query: read again when
// the filter changes, or — every loaded page, from the first row on, since old cursors may no
// longer start where they did — when an event in INVALIDATED_BY names the list's method.
import type { CoreMessage } from '../../i18n/messages';
import { keepPreviousData, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import type { MethodName } from '../../../../core/api/contract';
import type { ApiError } from '../../../../core/rpc/errors';
import { useApi } from '../../api/CoreProvider';
import { toApiError } from '../../api/core-store';
import type { ApiClient } from '../../../../core/api/client';

export const LIST_PAGE_SIZE = 100;

/** What every keyset-paged list method answers. */
export interface KeysetPage<Row> {
  rows: Row[];
  nextCursor: string | null;
  /** Only on the first page. */
  total: { count: number; exact: boolean } | null;
  /** Only on the first page of a list with dates: how many more the same search finds outside them. */
  outsideDates?: { count: number; exact: boolean } | null;
  /** The core's note on the search (a Message; a plain string from a list not yet saying codes). */
  note: CoreMessage | string | null;
  lastSyncedAt: string | null;
}

export interface KeysetPagesState<Row> {
  /** Every row loaded so far, in the filter's order. */
  rows: Row[];
  /** Where the next page starts; null once the last page is loaded. */
  nextCursor: string | null;
  total: { count: number; exact: boolean } | null;
  /** The first page's `outsideDates` (null when the list has no dates). */
  outsideDates: { count: number; exact: boolean } | null;
  /** The core's note on the search (a Message; a plain string from a list not yet saying codes). */
  note: CoreMessage | string | null;
  lastSyncedAt: string | null;
  /** The first page of this filter has not arrived yet (the old rows stay shown meanwhile). */
  loading: boolean;
  loadingMore: boolean;
  /** The first page failed (nothing to show). */
  error: ApiError | null;
  /** A later page (or a read again) failed; the rows loaded so far stay. */
  moreError: ApiError | null;
}

/** Reads one page of `filter`'s list after `after` (null: the first). */
export type FetchPage<Filter, Row> = (api: ApiClient, filter: Filter, after: string | null, limit: number) => Promise<KeysetPage<Row>>;

const NOTHING: KeysetPagesState<never> = {
  rows: [],
  nextCursor: null,
  total: null,
  outsideDates: null,
  note: null,
  lastSyncedAt: null,
  loading: false,
  loadingMore: false,
  error: null,
  moreError: null,
};

/**
 * `method` is the list's core method (its query key, and what INVALIDATED_BY names); `filter` null:
 * the page cannot search (e.g. the dates are reversed), nothing is asked and nothing shown.
 */
export function useKeysetPages<Filter, Row>(method: MethodName, filter: Filter | null, fetchPage: FetchPage<Filter, Row>) {
  const api = useApi();
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const query = useInfiniteQuery<
    KeysetPage<Row>,
    ApiError,
    InfiniteData<KeysetPage<Row>, string | null>,
    readonly unknown[],
    string | null
  >({
    queryKey: ['core', method, { filter }],
    queryFn: async ({ pageParam }) => {
      try {
        return await fetchRef.current(api, filter as Filter, pageParam, LIST_PAGE_SIZE);
      } catch (err) {
        throw toApiError(err);
      }
    },
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: filter !== null,
    // The old rows stay on screen (under a progress bar) until the new filter's arrive.
    placeholderData: keepPreviousData,
  });

  const { data, isFetching, hasNextPage, fetchNextPage, refetch } = query;
  // isFetching is in the deps so the table asks again for more once a read again is over.
  const loadMore = useCallback(async () => {
    if (!hasNextPage || isFetching) return;
    await fetchNextPage();
  }, [hasNextPage, isFetching, fetchNextPage]);
  const retry = useCallback(async () => {
    await refetch();
  }, [refetch]);

  if (filter === null) return { ...(NOTHING as KeysetPagesState<Row>), loadMore, retry };

  const pages = data?.pages ?? [];
  const first = pages[0];
  const last = pages[pages.length - 1];
  const firstPageFailed = query.isLoadingError;
  const laterFailed = query.isFetchNextPageError || query.isRefetchError;
  const state: KeysetPagesState<Row> = {
    rows: pages.length === 1 ? (first?.rows ?? []) : pages.flatMap((page) => page.rows),
    nextCursor: last?.nextCursor ?? null,
    total: first?.total ?? null,
    outsideDates: first?.outsideDates ?? null,
    note: first?.note ?? null,
    lastSyncedAt: last?.lastSyncedAt ?? null,
    loading: query.isPending || query.isPlaceholderData || (firstPageFailed && isFetching),
    loadingMore: query.isFetchingNextPage,
    error: firstPageFailed && !isFetching ? query.error : null,
    moreError: laterFailed && !isFetching ? query.error : null,
  };
  return { ...state, loadMore, retry };
}
