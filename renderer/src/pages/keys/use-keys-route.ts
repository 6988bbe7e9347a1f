// Its one job: the Keys page's state lives in the URL (`#/keys[/<AUTH CODE>]?from=…&to=…&by=…&q=…&sort=…&dir=…`),
// so back, forward and reload land where they were. Typing rewrites the history entry its search
// began (Back skips the keystrokes); a submitted search, a new By or a sort adds one.
import { useCallback, useMemo, useRef } from 'react';
import { navigate, pageHref, useRoute } from '../../routing/hash-route';
import { paramsFromView, viewFromParams, type KeysView } from './keys-filter';

/** `typing`: part of a search being typed; `submit`: the search is done (Enter); `step`: a change of its own (By, sort). */
export type KeysChange = 'typing' | 'submit' | 'step';

export function useKeysRoute(now: () => Date) {
  const route = useRoute('keys');
  const query = route.params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `query` stands for route.params (a new object per hash change)
  const view = useMemo(() => viewFromParams(route.params, now()), [query, now]);
  const detailCode = route.segments[0] ?? null;
  /** True while a search is being typed: its first change added a history entry, the next ones rewrite it. */
  const typing = useRef(false);
  /** Details was opened from the list in this visit, so Close can step back to that list entry. */
  const openedFromList = useRef(false);

  const update = useCallback((next: KeysView, change: KeysChange) => {
    const href = pageHref('keys', [], paramsFromView(next));
    if (change === 'typing') {
      navigate(href, { replace: typing.current });
      typing.current = true;
    } else {
      navigate(href, { replace: change === 'submit' && typing.current });
      typing.current = false;
    }
  }, []);

  const openDetails = useCallback(
    (authCode: string) => {
      typing.current = false;
      openedFromList.current = true;
      navigate(pageHref('keys', [authCode], paramsFromView(view)));
    },
    [view],
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
