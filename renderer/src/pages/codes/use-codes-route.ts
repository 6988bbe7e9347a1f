// Its one job: the Codes list's search lives in the URL (`#/codes?q=…&status=…&sku=…&sort=…&dir=…`),
// so back, forward and reload land where they were. Typing rewrites the history entry its search
// began (Back skips the keystrokes); Enter, a Status, a SKU or a sort adds one.
import { useCallback, useMemo } from 'react';
import { pageHref, useRoute } from '../../routing/hash-route';
import { type FilterChange, useFilterNavigation } from '../../routing/use-filter-navigation';
import { paramsFromView, viewFromParams, type CodesView } from './codes-filter';

export type CodesChange = FilterChange;

export function useCodesRoute() {
  const route = useRoute('codes');
  const query = route.params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `query` stands for route.params (a new object per hash change)
  const view = useMemo(() => viewFromParams(route.params), [query]);
  const { go } = useFilterNavigation();
  const update = useCallback((next: CodesView, change: CodesChange) => go(pageHref('codes', [], paramsFromView(next)), change), [go]);

  return { view, update };
}
