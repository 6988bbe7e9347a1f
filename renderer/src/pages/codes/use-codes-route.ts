// Its one job: the Codes list's search lives in the URL (`#/codes?q=…&status=…&sku=…&sort=…&dir=…`),
// so back, forward and reload land where they were. Typing rewrites the history entry its search
// began (Back skips the keystrokes); Enter, a Status, a SKU or a sort adds one.
import { useCallback, useMemo, useRef } from 'react';
import { navigate, pageHref, useRoute } from '../../routing/hash-route';
import { paramsFromView, viewFromParams, type CodesView } from './codes-filter';

/** `typing`: part of a search being typed; `submit`: the search is done (Enter); `step`: a change of its own. */
export type CodesChange = 'typing' | 'submit' | 'step';

export function useCodesRoute() {
  const route = useRoute('codes');
  const query = route.params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `query` stands for route.params (a new object per hash change)
  const view = useMemo(() => viewFromParams(route.params), [query]);
  /** True while a search is being typed: its first change added a history entry, the next ones rewrite it. */
  const typing = useRef(false);

  const update = useCallback((next: CodesView, change: CodesChange) => {
    const href = pageHref('codes', [], paramsFromView(next));
    if (change === 'typing') {
      navigate(href, { replace: typing.current });
      typing.current = true;
    } else {
      navigate(href, { replace: change === 'submit' && typing.current });
      typing.current = false;
    }
  }, []);

  return { view, update };
}
