// Its one job: where the Servers page is, from the URL. `#/servers?…` is the list (its filter in
// the parameters, so back, forward and reload land where they were); `#/servers/<MAC>` a server's
// registration details, `#/servers/<MAC>/history` its history, `#/servers/site/<ID>` a site's
// history. The list's parameters ride along on the others, so "Back to Server Management" returns
// to the same list.
import { useCallback, useMemo } from 'react';
import { navigate, pageHref, useRoute } from '../../routing/hash-route';
import { paramsFromView, viewFromParams, type ServersView } from './servers-filter';

export type ServersScreen =
  | { kind: 'list' }
  | { kind: 'details'; mac: string }
  | { kind: 'history'; mac: string }
  | { kind: 'site'; siteId: string };

export function screenFromSegments(segments: readonly string[]): ServersScreen {
  const [first, second] = segments;
  if (first === 'site' && second) return { kind: 'site', siteId: second };
  if (first && second === 'history') return { kind: 'history', mac: first };
  if (first) return { kind: 'details', mac: first };
  return { kind: 'list' };
}

export function useServersRoute() {
  const route = useRoute('servers');
  const query = route.params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `query` stands for route.params (a new object per hash change)
  const view = useMemo(() => viewFromParams(route.params), [query]);
  const segmentsKey = route.segments.join('/');
  // biome-ignore lint/correctness/useExhaustiveDependencies: segmentsKey stands for route.segments
  const screen = useMemo(() => screenFromSegments(route.segments), [segmentsKey]);

  /** A new list: Search, Reset, a sort or Show Only Hidden each add a history entry. */
  const update = useCallback((next: ServersView) => navigate(pageHref('servers', [], paramsFromView(next))), []);

  /** The href of another screen, keeping the list's filter. */
  const hrefTo = useCallback(
    (target: ServersScreen) => {
      const segments =
        target.kind === 'list'
          ? []
          : target.kind === 'details'
            ? [target.mac]
            : target.kind === 'history'
              ? [target.mac, 'history']
              : ['site', target.siteId];
      return pageHref('servers', segments, paramsFromView(view));
    },
    [view],
  );

  return { view, screen, update, hrefTo };
}
