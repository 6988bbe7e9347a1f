// @vitest-environment jsdom
import { ACCESS_TOKEN_STORAGE_KEY, forgetAccessToken, takeAccessToken } from '../../../renderer/src/api/access-token';

/** An address bar and a tab's sessionStorage, as takeAccessToken sees them. */
function tab(href: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const env = {
    location: { href },
    history: {
      state: { kept: true },
      replaced: [] as { state: unknown; url: string }[],
      replaceState(state: unknown, _unused: string, url?: string | URL | null) {
        this.replaced.push({ state, url: String(url) });
        env.location.href = new URL(String(url), env.location.href).href;
      },
    },
    storage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
      removeItem: (key: string) => void storage.delete(key),
    },
  };
  return { env, storage };
}

describe('takeAccessToken', () => {
  it.each([
    ['http://127.0.0.1:4000/?token=abc', 'http://127.0.0.1:4000/'],
    ['http://127.0.0.1:4000/?token=abc#/settings', 'http://127.0.0.1:4000/#/settings'],
    ['http://127.0.0.1:4000/?lang=en&token=abc&x=1', 'http://127.0.0.1:4000/?lang=en&x=1'],
    ['http://127.0.0.1:4000/deep/path?token=abc', 'http://127.0.0.1:4000/deep/path'],
  ])('takes the token out of %s, leaving %s', (href, expected) => {
    const { env, storage } = tab(href);
    expect(takeAccessToken(env)).toBe('abc');
    expect(env.location.href).toBe(expected);
    expect(storage.get(ACCESS_TOKEN_STORAGE_KEY)).toBe('abc');
    // The history entry is replaced (not pushed) and keeps its state.
    expect(env.history.replaced).toEqual([{ state: { kept: true }, url: expected.replace('http://127.0.0.1:4000', '') }]);
  });

  it('keeps the token for a reload of the same tab', () => {
    const { env } = tab('http://127.0.0.1:4000/?token=abc');
    takeAccessToken(env);
    env.location.href = 'http://127.0.0.1:4000/#/about';
    expect(takeAccessToken(env)).toBe('abc');
  });

  it('prefers a new token in the address over an older stored one', () => {
    const { env, storage } = tab('http://127.0.0.1:4000/?token=new', { [ACCESS_TOKEN_STORAGE_KEY]: 'old' });
    expect(takeAccessToken(env)).toBe('new');
    expect(storage.get(ACCESS_TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('returns null when neither the address nor the tab has a token, and leaves the address alone', () => {
    const { env } = tab('http://127.0.0.1:4000/#/settings');
    expect(takeAccessToken(env)).toBeNull();
    expect(env.history.replaced).toEqual([]);
  });

  it('treats an empty token parameter as no token, but still cleans the address', () => {
    const { env } = tab('http://127.0.0.1:4000/?token=');
    expect(takeAccessToken(env)).toBeNull();
    expect(env.location.href).toBe('http://127.0.0.1:4000/');
  });

  it('still works for this page load when storage is refused', () => {
    const { env } = tab('http://127.0.0.1:4000/?token=abc');
    env.storage.setItem = () => {
      throw new Error('SecurityError');
    };
    env.storage.getItem = () => {
      throw new Error('SecurityError');
    };
    expect(takeAccessToken(env)).toBe('abc');
    expect(takeAccessToken(env)).toBeNull();
  });

  it('forgetAccessToken drops the stored token', () => {
    const { env, storage } = tab('http://127.0.0.1:4000/', { [ACCESS_TOKEN_STORAGE_KEY]: 'abc' });
    forgetAccessToken(env.storage);
    expect(storage.has(ACCESS_TOKEN_STORAGE_KEY)).toBe(false);
    expect(takeAccessToken(env)).toBeNull();
  });

  it('works on the real jsdom location, history and sessionStorage', () => {
    window.history.replaceState(null, '', '/?token=real-token#/about');
    expect(takeAccessToken({ location: window.location, history: window.history, storage: window.sessionStorage })).toBe('real-token');
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#/about');
    expect(window.sessionStorage.getItem(ACCESS_TOKEN_STORAGE_KEY)).toBe('real-token');
  });
});
