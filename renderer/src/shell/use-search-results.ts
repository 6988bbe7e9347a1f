// Its one job: as the user types, search.all over the cache a moment after the typing pauses;
// the last answer stays up while the next is asked, so the list does not flicker.
import { useEffect, useState } from 'react';
import type { SearchResults } from '../../../core/search/contract';
import { useApi } from '../api/CoreProvider';
import { searchQuery } from './search-options';

export const SEARCH_DELAY_MS = 100;
export const SEARCH_LIMIT = 8;

export interface SearchAnswer {
  /** The query these results answer. */
  query: string;
  results: SearchResults | null;
  /** A sentence when the search itself failed (the cache could not be read). */
  failure: string | null;
}

export function useSearchResults(text: string) {
  const api = useApi();
  const query = searchQuery(text);
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);

  useEffect(() => {
    if (query === null) return;
    let current = true;
    const timer = setTimeout(() => {
      api.invoke('search.all', { query, limit: SEARCH_LIMIT }).then(
        (results) => current && setAnswer({ query, results, failure: null }),
        (err: unknown) =>
          current && setAnswer({ query, results: null, failure: err instanceof Error && err.message ? err.message : String(err) }),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query]);

  /** The answer for exactly this query, now (Enter typed faster than the pause). */
  const searchNow = async (text: string): Promise<SearchResults | null> => {
    const now = searchQuery(text);
    if (now === null) return null;
    if (answer?.query === now && answer.results) return answer.results;
    return api.invoke('search.all', { query: now, limit: SEARCH_LIMIT });
  };

  return {
    query,
    answer: query === null ? null : answer,
    /** True while the shown answer is for an earlier query than the one typed. */
    searching: query !== null && answer?.query !== query,
    searchNow,
  };
}
