/**
 * The browser host refuses every API call without its per-launch access token, which
 * `npm run serve` prints as part of the address to open. The renderer takes the token out of the
 * address bar (so it is not left in history, bookmarks or screenshots) and keeps it in this tab's
 * sessionStorage so a reload still works.
 */
export const ACCESS_TOKEN_PARAM = 'token';
export const ACCESS_TOKEN_STORAGE_KEY = 'fieldkey.accessToken';

export interface AccessTokenEnvironment {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/** Returns the access token from the address (removing it from there) or from this tab's storage. */
export function takeAccessToken(env: AccessTokenEnvironment): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get(ACCESS_TOKEN_PARAM);
  if (fromUrl !== null) {
    url.searchParams.delete(ACCESS_TOKEN_PARAM);
    env.history.replaceState(env.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    if (fromUrl !== '') {
      // A token in the address is the newest one (the host may have restarted): it wins.
      safely(() => env.storage.setItem(ACCESS_TOKEN_STORAGE_KEY, fromUrl));
      return fromUrl;
    }
  }
  return safely(() => env.storage.getItem(ACCESS_TOKEN_STORAGE_KEY)) || null;
}

/** Drops a token the host refused, so a reload does not keep presenting it. */
export function forgetAccessToken(storage: AccessTokenEnvironment['storage']): void {
  safely(() => storage.removeItem(ACCESS_TOKEN_STORAGE_KEY));
}

/** Storage can be disabled by browser policy; the token then only lives for this page load. */
function safely<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    return undefined;
  }
}
