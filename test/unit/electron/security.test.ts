const { standIn, electronModule, StandInWebContents, StandInSession } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import type { Session, WebContents } from 'electron';
import {
  applySessionPermissions,
  DOCS_HOSTS,
  externalUrlAllowList,
  handlePermissionCheck,
  handlePermissionRequest,
  hardenWebContents,
  isAllowedExternalUrl,
} from '../../../electron/security';

const PORTAL = 'https://portal.example.com';

function hardenedContents(portalUrl: string | null = PORTAL) {
  const contents = new StandInWebContents(new StandInSession());
  contents.mainFrame.url = 'app://fieldkey/';
  hardenWebContents(contents as unknown as WebContents, { allowedExternalHosts: () => externalUrlAllowList(portalUrl) });
  return contents;
}

describe('navigation and new windows (stand-in electron)', () => {
  beforeEach(() => {
    standIn.reset();
    vi.spyOn(console, 'error').mockImplementation(() => {}); // Refusals are logged; keep the output readable.
  });

  it.each(['app://fieldkey/', 'app://fieldkey/settings', 'app://fieldkey/index.html#about'])(
    'allows navigation within the app: %s',
    (url) => {
      expect(hardenedContents().tryNavigate(url)).toBe(true);
    },
  );

  it.each([
    'https://evil.example/',
    'http://portal.example.com/',
    'file:///etc/passwd',
    'app://other/',
    'app://fieldkey.evil.example/',
    'app://user@fieldkey/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
  ])('prevents navigation to another origin: %s', (url) => {
    const contents = hardenedContents();
    expect(contents.tryNavigate(url)).toBe(false);
    expect(contents.getURL()).toBe('app://fieldkey/');
    // Not on the allow-list, so not handed to the system browser either.
    expect(standIn.shell.openExternal).not.toHaveBeenCalled();
  });

  it('prevents redirects and subframe navigation away from the app, allows them within it', () => {
    const contents = hardenedContents();
    expect(contents.tryRedirect('https://evil.example/')).toBe(false);
    expect(contents.tryFrameNavigate('https://evil.example/')).toBe(false);
    expect(contents.tryRedirect('app://fieldkey/index.html')).toBe(true);
    expect(contents.tryFrameNavigate('app://fieldkey/index.html')).toBe(true);
  });

  it('refuses to attach a <webview>', () => {
    expect(hardenedContents().tryAttachWebview()).toBe(false);
  });

  it('denies window.open always, and opens only allow-listed https pages in the system browser', () => {
    const contents = hardenedContents();
    expect(contents.tryOpenWindow(`${PORTAL}/account`)).toBe('deny');
    expect(contents.tryOpenWindow(`https://${DOCS_HOSTS[0]}/redeem`)).toBe('deny');
    expect(standIn.shell.openExternal.mock.calls.map((call) => call[0])).toEqual([`${PORTAL}/account`, `https://${DOCS_HOSTS[0]}/redeem`]);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://portal.example.com/account',
    'https://evil.example/',
    'https://portal.example.com.evil.example/',
    'https://user:pass@portal.example.com/',
    'https://portal.example.com:8443/',
    'smb://portal.example.com/share',
    'app://fieldkey/',
  ])('denies window.open and does not open %s externally', (url) => {
    const contents = hardenedContents();
    expect(contents.tryOpenWindow(url)).toBe('deny');
    expect(standIn.shell.openExternal).not.toHaveBeenCalled();
  });

  it('opens an allow-listed link the page tried to navigate to in the browser, not in the app', () => {
    const contents = hardenedContents();
    expect(contents.tryNavigate(`${PORTAL}/help`)).toBe(false);
    expect(standIn.shell.openExternal).toHaveBeenCalledWith(`${PORTAL}/help`);
  });

  it('follows the portal setting: no portal or an http portal adds nothing to the allow-list', () => {
    expect(externalUrlAllowList(null)).toEqual([...DOCS_HOSTS]);
    expect(externalUrlAllowList('http://127.0.0.1:4000')).toEqual([...DOCS_HOSTS]);
    expect(externalUrlAllowList('https://portal.example.com:8443/x')).toEqual([...DOCS_HOSTS, 'portal.example.com:8443']);
    const contents = hardenedContents(null);
    contents.tryOpenWindow(`${PORTAL}/account`);
    expect(standIn.shell.openExternal).not.toHaveBeenCalled();
  });

  it('isAllowedExternalUrl: table', () => {
    const hosts = ['portal.example.com'];
    expect(isAllowedExternalUrl('https://portal.example.com/a?b=c', hosts)).toBe(true);
    expect(isAllowedExternalUrl('https://PORTAL.example.com/', hosts)).toBe(true);
    expect(isAllowedExternalUrl('not a url', hosts)).toBe(false);
    expect(isAllowedExternalUrl('https://sub.portal.example.com/', hosts)).toBe(false);
  });
});

describe('session permissions (stand-in electron)', () => {
  let session: InstanceType<typeof StandInSession>;
  let page: InstanceType<typeof StandInWebContents>;
  let foreign: InstanceType<typeof StandInWebContents>;

  beforeEach(() => {
    standIn.reset();
    vi.spyOn(console, 'error').mockImplementation(() => {}); // Denials are logged; keep the output readable.
    session = new StandInSession();
    applySessionPermissions(session as unknown as Session);
    page = new StandInWebContents(session);
    page.mainFrame.url = 'app://fieldkey/';
    foreign = new StandInWebContents(session);
    foreign.mainFrame.url = 'https://evil.example/';
  });

  it('grants the camera (video only) to the app origin', async () => {
    await expect(session.requestPermission(page, 'media', { mediaTypes: ['video'], securityOrigin: 'app://fieldkey/' })).resolves.toBe(
      true,
    );
    expect(session.checkPermission(page, 'media', 'app://fieldkey', { mediaType: 'video', securityOrigin: 'app://fieldkey/' })).toBe(true);
  });

  it('denies the microphone, alone or with the camera', async () => {
    await expect(session.requestPermission(page, 'media', { mediaTypes: ['audio'], securityOrigin: 'app://fieldkey/' })).resolves.toBe(
      false,
    );
    await expect(
      session.requestPermission(page, 'media', { mediaTypes: ['video', 'audio'], securityOrigin: 'app://fieldkey/' }),
    ).resolves.toBe(false);
    expect(session.checkPermission(page, 'media', 'app://fieldkey', { mediaType: 'audio' })).toBe(false);
  });

  it('grants clipboard writes (Copy buttons) to the app origin only, never clipboard reads', async () => {
    await expect(session.requestPermission(page, 'clipboard-sanitized-write', {})).resolves.toBe(true);
    expect(session.checkPermission(page, 'clipboard-sanitized-write', 'app://fieldkey', {})).toBe(true);
    await expect(session.requestPermission(foreign, 'clipboard-sanitized-write', {})).resolves.toBe(false);
    expect(session.checkPermission(foreign, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
    await expect(session.requestPermission(page, 'clipboard-read', {})).resolves.toBe(false);
  });

  it('installs exactly the app’s request, check and device handlers', () => {
    expect(session.permissionRequestHandler).toBe(handlePermissionRequest);
    expect(session.permissionCheckHandler).toBe(handlePermissionCheck);
    expect(session.checkDevice({ deviceType: 'usb', origin: 'app://fieldkey', device: {} })).toBe(false);
  });

  // Each row changes one thing from a granted camera request, so dropping any one condition of
  // the rule lets a row through.
  const CAMERA = { mediaTypes: ['video'], requestingUrl: 'app://fieldkey/', securityOrigin: 'app://fieldkey/' };
  it.each([
    ['a foreign requesting frame', { ...CAMERA, requestingUrl: 'https://evil.example/frame' }, 'app'],
    ['a foreign security origin', { ...CAMERA, securityOrigin: 'https://evil.example/' }, 'app'],
    ['a foreign page', CAMERA, 'foreign'],
  ] as const)('denies the camera for %s alone', async (_case, details, who) => {
    await expect(session.requestPermission(page, 'media', CAMERA)).resolves.toBe(true);
    await expect(session.requestPermission(who === 'app' ? page : foreign, 'media', details)).resolves.toBe(false);
  });

  it.each([
    ['a foreign requesting frame', { requestingUrl: 'https://evil.example/frame' }, 'app'],
    ['a foreign page', { requestingUrl: 'app://fieldkey/' }, 'foreign'],
  ] as const)('denies clipboard writes for %s alone', async (_case, details, who) => {
    await expect(session.requestPermission(page, 'clipboard-sanitized-write', { requestingUrl: 'app://fieldkey/' })).resolves.toBe(true);
    await expect(session.requestPermission(who === 'app' ? page : foreign, 'clipboard-sanitized-write', details)).resolves.toBe(false);
  });

  it.each([
    ['a foreign requesting origin', 'https://evil.example', {}],
    ['a foreign security origin', 'app://fieldkey', { securityOrigin: 'https://evil.example/' }],
    ['a foreign embedding origin', 'app://fieldkey', { embeddingOrigin: 'https://evil.example' }],
  ] as const)('the permission check refuses %s alone, for the camera and clipboard writes', (_case, origin, details) => {
    for (const [permission, extra] of [
      ['media', { mediaType: 'video' }],
      ['clipboard-sanitized-write', {}],
    ] as const) {
      expect(session.checkPermission(page, permission, 'app://fieldkey', { ...extra })).toBe(true);
      expect(session.checkPermission(page, permission, origin, { ...extra, ...details })).toBe(false);
    }
  });

  it('denies media with no media types named', async () => {
    await expect(session.requestPermission(page, 'media', { mediaTypes: [] })).resolves.toBe(false);
    await expect(session.requestPermission(page, 'media', {})).resolves.toBe(false);
  });

  it.each(['geolocation', 'notifications', 'display-capture', 'clipboard-read', 'midiSysex', 'openExternal', 'fullscreen', 'pointerLock'])(
    'denies %s to the app itself',
    async (permission) => {
      await expect(session.requestPermission(page, permission, {})).resolves.toBe(false);
      expect(session.checkPermission(page, permission, 'app://fieldkey', {})).toBe(false);
    },
  );

  it('denies the camera to another origin', async () => {
    await expect(
      session.requestPermission(foreign, 'media', { mediaTypes: ['video'], securityOrigin: 'https://evil.example/' }),
    ).resolves.toBe(false);
    // An app page whose request comes from a foreign frame inside it.
    await expect(
      session.requestPermission(page, 'media', {
        mediaTypes: ['video'],
        requestingUrl: 'https://evil.example/frame',
        securityOrigin: 'https://evil.example/',
      }),
    ).resolves.toBe(false);
    // Even when Chromium names no security origin, the requesting frame decides.
    await expect(
      session.requestPermission(page, 'media', { mediaTypes: ['video'], requestingUrl: 'https://evil.example/frame' }),
    ).resolves.toBe(false);
    expect(session.checkPermission(foreign, 'media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
    expect(session.checkPermission(page, 'media', 'app://fieldkey', { mediaType: 'video', embeddingOrigin: 'https://evil.example' })).toBe(
      false,
    );
  });

  it('denies every USB, HID, serial or Bluetooth device', () => {
    expect(session.checkDevice({ deviceType: 'usb', origin: 'app://fieldkey', device: {} })).toBe(false);
    expect(session.checkDevice({ deviceType: 'hid', origin: 'app://fieldkey', device: {} })).toBe(false);
    expect(session.checkDevice({ deviceType: 'serial', origin: 'app://fieldkey', device: {} })).toBe(false);
  });
});
