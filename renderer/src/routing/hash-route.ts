import { useSyncExternalStore } from 'react';

/** The app's pages. Only real pages are listed; a new feature adds its own here. */
export const PAGE_IDS = ['redeem', 'sync', 'settings', 'about', 'sign-in'] as const;
export type PageId = (typeof PAGE_IDS)[number];

export const DEFAULT_PAGE: PageId = 'about';

export function pageHref(page: PageId): string {
  return `#/${page}`;
}

/**
 * Routing is keyed on location.hash (`#/settings`): it works the same whether the page comes from
 * the browser host or the desktop app's custom protocol, with no server-side routes to keep in step.
 */
export function pageFromHash(hash: string): PageId | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (PAGE_IDS as readonly string[]).includes(name) ? (name as PageId) : null;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The page shown now; an empty or unknown hash shows `fallback` (the default page unless given). */
export function useCurrentPage(fallback: PageId = DEFAULT_PAGE): PageId {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return pageFromHash(hash) ?? fallback;
}
