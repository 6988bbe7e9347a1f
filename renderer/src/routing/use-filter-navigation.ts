// Its one job: how a list page's filter changes move through history. Typing rewrites the history
// entry its search began (Back skips the keystrokes); Enter ends the search in that entry; any
// other change (a choice, a sort) adds one.
import { useCallback, useRef } from 'react';
import { navigate } from './hash-route';

/** `typing`: part of a search being typed; `submit`: the search is done (Enter); `step`: a change of its own. */
export type FilterChange = 'typing' | 'submit' | 'step';

/**
 * `go(href, change)` navigates to a list's new address as `change` asks; `endTyping()` ends a
 * search being typed without navigating (the page is left another way).
 */
export function useFilterNavigation(): { go: (href: string, change: FilterChange) => void; endTyping: () => void } {
  /** True while a search is being typed: its first change added a history entry, the next ones rewrite it. */
  const typing = useRef(false);
  const go = useCallback((href: string, change: FilterChange) => {
    if (change === 'typing') {
      navigate(href, { replace: typing.current });
      typing.current = true;
    } else {
      navigate(href, { replace: change === 'submit' && typing.current });
      typing.current = false;
    }
  }, []);
  const endTyping = useCallback(() => {
    typing.current = false;
  }, []);
  return { go, endTyping };
}
