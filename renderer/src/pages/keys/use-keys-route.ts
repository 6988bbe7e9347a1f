// Its one job: the Keys page's state lives in the URL (`#/keys[/<AUTH CODE>]?from=…&to=…&by=…&q=…&sort=…&dir=…`),
// so back, forward and reload land where they were. Typing rewrites the history entry its search
// began (Back skips the keystrokes); a submitted search, a new By or a sort adds one.
import { useCallback, useMemo, useRef } from 'react';
import { navigate, pageHref, useRoute } from '../../routing/hash-route';
import { type FilterChange, useFilterNavigation } from '../../routing/use-filter-navigation';
import { paramsFromView, viewFromParams, type KeysView } from './keys-filter';

/** A change of the filter (By and sort are `step`s): see use-filter-navigation. */
export type KeysChange = FilterChange;

export function useKeysRoute(now: () => Date) {
  const route = useRoute('keys');
  const query = route.params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `query` stands for route.params (a new object per hash change)
  const view = useMemo(() => viewFromParams(route.params, now()), [query, now]);
  const detailCode = route.segments[0] ?? null;
  const { go, endTyping } = useFilterNavigation();
  /** Details was opened from the list in this visit, so Close can step back to that list entry. */
  const openedFromList = useRef(false);

  const update = useCallback((next: KeysView, change: KeysChange) => go(pageHref('keys', [], paramsFromView(next)), change), [go]);

  const openDetails = useCallback(
    (authCode: string) => {
      endTyping();
      openedFromList.current = true;
      navigate(pageHref('keys', [authCode], paramsFromView(view)));
    },
    [view, endTyping],
  );

  const closeDetails = useCallback(() => {
    if (openedFromList.current) {
      openedFromList.current = false;
      window.history.back();
    } else {
      // Opened from a link or a reload: there is no list entry behind it to go back to.
      navigate(pageHref('keys', [], paramsFromView(view)), { replace: true });
    }
  }, [view]);

  return { view, detailCode, update, openDetails, closeDetails };
}
