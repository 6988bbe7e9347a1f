/**
 * The renderer's origin. It is served from a privileged custom scheme instead of file://, so
 * it has a real origin that IPC checks, permission checks and navigation guards can compare.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'fieldkey';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/`;

/** Whether `url` (or an origin such as `app://fieldkey`) belongs to the app itself. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // `host` rather than `hostname`: a port or credentials make it someone else's URL.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
