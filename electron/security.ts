/**
 * The Electron security checklist applied to every web contents and session: no navigation
 * away from the app, no new windows, no webviews, external links only to vetted hosts, and
 * permissions limited to the camera (barcode scanning) for the app's own origin.
 */
import { shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import { log } from './log';

/**
 * Documentation hosts FieldKey may open in the system browser, besides the configured portal.
 * A placeholder until the vendor's documentation address is settled.
 */
export const DOCS_HOSTS: readonly string[] = ['docs.fieldkey.app'];

/** The hosts whose https:// pages may open in the system browser. */
export function externalUrlAllowList(portalUrl: string | null): string[] {
  const hosts = [...DOCS_HOSTS];
  if (portalUrl) {
    try {
      const portal = new URL(portalUrl);
      if (portal.protocol === 'https:') hosts.push(portal.host);
    } catch {
      // A portal setting that does not parse allows nothing.
    }
  }
  return hosts;
}

/** Only https, no credentials in the URL, and a host on the list (port included). */
export function isAllowedExternalUrl(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  return allowedHosts.some((host) => host.toLowerCase() === parsed.host);
}

export interface HardeningOptions {
  /** Read on every request: the portal setting can change while the app runs. */
  allowedExternalHosts: () => readonly string[];
}

/** Applied from app 'web-contents-created', so no web contents escapes it. */
export function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  const openIfAllowed = (url: string) => {
    if (isAllowedExternalUrl(url, options.allowedExternalHosts())) {
      shell.openExternal(url).catch((err: unknown) => log(`Could not open ${url} in the browser.`, err));
      return true;
    }
    log(`Refused to open ${url}: not on the allow-list.`);
    return false;
  };

  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    // A plain link to an allowed page still reaches the user, in their browser.
    openIfAllowed(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
}

type PermissionRequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>;
type PermissionCheckHandler = NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>;

/**
 * Writing to the clipboard (the Copy buttons for paths and feature keys) is granted to the app's
 * own page; reading it never is (pasting goes through the paste event, which needs no permission).
 */
const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

/** Grants the camera alone (no microphone) and clipboard writes, only to the app's own page. */
export const handlePermissionRequest: PermissionRequestHandler = (contents, permission, callback, details) => {
  const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
  const securityOrigin = 'securityOrigin' in details ? details.securityOrigin : undefined;
  const clipboardWrite = permission === CLIPBOARD_WRITE && isAppUrl(details.requestingUrl) && isAppUrl(contents.getURL());
  const granted =
    clipboardWrite ||
    (permission === 'media' &&
      mediaTypes.length > 0 &&
      mediaTypes.every((type) => type === 'video') &&
      isAppUrl(details.requestingUrl) &&
      (securityOrigin === undefined || isAppUrl(securityOrigin)) &&
      isAppUrl(contents.getURL()));
  if (!granted) log(`Denied the ${permission} permission to ${details.requestingUrl}.`);
  callback(granted);
};

/** The synchronous check Chromium makes (e.g. before enumerating devices): same rule. */
export const handlePermissionCheck: PermissionCheckHandler = (_contents, permission, requestingOrigin, details) =>
  (permission === 'media' ? details.mediaType === 'video' : permission === CLIPBOARD_WRITE) &&
  isAppUrl(requestingOrigin) &&
  (details.securityOrigin === undefined || isAppUrl(details.securityOrigin)) &&
  (details.embeddingOrigin === undefined || isAppUrl(details.embeddingOrigin));

const hardenedSessions = new WeakSet<Session>();

export function applySessionPermissions(session: Session): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);
  session.setPermissionRequestHandler(handlePermissionRequest);
  session.setPermissionCheckHandler(handlePermissionCheck);
  // No USB, HID or serial device is ever handed to the page. (Web Bluetooth requests are cancelled
  // because nothing listens for 'select-bluetooth-device'.)
  session.setDevicePermissionHandler(() => false);
}
