import { useSyncExternalStore } from 'react';

/** The app's pages. Only real pages are listed; a new feature adds its own here. */
export const PAGE_IDS = [
  'redeem',
  'codes',
  'bulk',
  'keys',
  'lookup',
  'systems',
  'servers',
  'sync',
  'settings',
  'about',
  'sign-in',
] as const;
export type PageId = (typeof PAGE_IDS)[number];

/** The first page while signed out: a new user's first step is signing in to the portal. */
export const DEFAULT_PAGE: PageId = 'sign-in';
/** The first page once signed in: redeeming is the technician's main job. */
export const SIGNED_IN_PAGE: PageId = 'redeem';

/**
 * Where the app is: a page, the path segments after it and the query parameters, all read from
 * location.hash (`#/keys?by=mac&q=3F8F`, `#/systems/000ADD023F8F`). Routing is keyed on the hash:
 * it works the same from the browser host and the desktop app's custom protocol, with no
 * server-side routes to keep in step, and back, forward and reload land where they were.
 */
export interface Route {
  page: PageId;
  /** Decoded path segments after the page name: `#/systems/000ADD023F8F` → `['000ADD023F8F']`. */
  segments: string[];
  params: URLSearchParams;
}

export type RouteParams = Record<string, string | number | null | undefined>;

/** `#/page[/segment…][?k=v…]`, every part percent-encoded; null and empty params are left out. */
export function pageHref(page: PageId, segments: readonly string[] = [], params: RouteParams = {}): string {
  const path = [page, ...segments].map((part) => encodeURIComponent(part)).join('/');
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  }
  const search = query.toString();
  return `#/${path}${search ? `?${search}` : ''}`;
}

/** The route a hash names, or null for an empty or unknown page. Malformed percent-encoding is kept as typed. */
export function routeFromHash(hash: string): Route | null {
  const body = hash.replace(/^#\/?/, '');
  const queryAt = body.indexOf('?');
  const path = queryAt === -1 ? body : body.slice(0, queryAt);
  const [name = '', ...rest] = path.split('/');
  if (!(PAGE_IDS as readonly string[]).includes(name)) return null;
  const segments = rest.filter((part) => part !== '').map(safeDecode);
  return { page: name as PageId, segments, params: new URLSearchParams(queryAt === -1 ? '' : body.slice(queryAt + 1)) };
}

export function pageFromHash(hash: string): PageId | null {
  return routeFromHash(hash)?.page ?? null;
}

/**
 * Goes to `href` (from pageHref). `replace` rewrites the current history entry instead of adding
 * one: for state that changes as the user types (a filter), so Back leaves the page rather than
 * stepping through every keystroke.
 */
export function navigate(href: string, { replace = false }: { replace?: boolean } = {}): void {
  if (window.location.hash === href) return;
  if (replace) {
    window.history.replaceState(window.history.state, '', href);
    // replaceState fires no hashchange: tell the subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

/** The route shown now; an empty or unknown hash shows `fallback` (the default page unless given). */
export function useRoute(fallback: PageId = DEFAULT_PAGE): Route {
  const hash = useHash();
  return routeFromHash(hash) ?? { page: fallback, segments: [], params: new URLSearchParams() };
}

/** The page shown now; an empty or unknown hash shows `fallback` (the default page unless given). */
export function useCurrentPage(fallback: PageId = DEFAULT_PAGE): PageId {
  return useRoute(fallback).page;
}
