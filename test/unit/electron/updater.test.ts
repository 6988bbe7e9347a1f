/**
 * The main process's updater against a real local HTTP feed, with electron-updater's real
 * NsisUpdater and generic provider: the real latest.yml parsing, version comparison, download
 * and checksum run. Only the Electron app it would run in is stood in (an AppAdapter, and Node's
 * http instead of Electron's net module), since Electron's binary cannot run here.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UpdateState } from '../../../core/updates/contract';
import { classifyUpdateError, feedUrlOrNull, UpdateController, type AutoUpdaterLike } from '../../../electron/updater';
import { closedPort, latestYml, realNsisUpdater, RUNNING_VERSION, startFeed, type StandInElectronApp } from '../../support/update-feed';

describe('updater: real NsisUpdater and generic provider against a local latest.yml feed (stand-in Electron app)', () => {
  let dir: string;
  let feed: Awaited<ReturnType<typeof startFeed>> | null = null;
  let logged: Array<{ message: string; error?: unknown }>;
  const installer = { name: 'FieldKey-Setup-0.2.0.exe', bytes: randomBytes(3 * 1024 * 1024) };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-updater-'));
    logged = [];
  });
  afterEach(async () => {
    await feed?.close();
    feed = null;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function makeController(): { controller: UpdateController; app: StandInElectronApp; states: UpdateState[] } {
    const { updater, app } = realNsisUpdater(dir);
    const controller = new UpdateController({
      updater,
      now: () => new Date('2026-12-04T12:00:00.000Z'),
      log: (message, error) => logged.push({ message, error }),
    });
    const states: UpdateState[] = [];
    controller.onChange((state) => states.push(state));
    return { controller, app, states };
  }

  async function settled(controller: UpdateController, status: UpdateState['status']): Promise<UpdateState> {
    await vi.waitFor(async () => expect((await controller.state()).status).toBe(status), { timeout: 15_000, interval: 20 });
    return controller.state();
  }

  it('with no feed address it makes no request and says so (not-configured)', async () => {
    const { controller } = makeController();
    expect(await controller.state()).toEqual({ status: 'not-configured' });
    expect(await controller.check()).toEqual({ status: 'not-configured' });
    expect(await controller.setFeed('ftp://updates.example.com/')).toEqual({ status: 'not-configured' });
  });

  it('a newer version in latest.yml: available, then a download with progress, then ready to restart', async () => {
    feed = await startFeed(
      new Map<string, string | Buffer>([
        ['/feed/latest.yml', latestYml('0.2.0', installer)],
        [`/feed/${installer.name}`, installer.bytes],
      ]),
    );
    const { controller, states } = makeController();
    expect(await controller.setFeed(feed.url)).toEqual({ status: 'idle' });

    expect(await controller.check()).toEqual({ status: 'checking' });
    expect(await settled(controller, 'available')).toEqual({ status: 'available', version: '0.2.0' });
    expect(feed.requests).toContain('/feed/latest.yml');

    expect(await controller.download()).toEqual({ status: 'downloading', version: '0.2.0', percent: 0 });
    expect(await settled(controller, 'downloaded')).toEqual({ status: 'downloaded', version: '0.2.0' });
    expect(feed.requests).toContain(`/feed/${installer.name}`);
    const downloading = states.filter((s) => s.status === 'downloading').map((s) => (s as { percent: number }).percent);
    expect(downloading[0]).toBe(0);
    expect(downloading).toEqual([...downloading].sort((a, b) => a - b));
    // The file electron-updater kept for the installer is the one the feed served, checksum and all.
    const pending = path.join(dir, 'cache', 'fieldkey-updater', 'pending', installer.name);
    expect(fs.readFileSync(pending).equals(installer.bytes)).toBe(true);
  });

  it('the same version as the running one: up to date, with the version and when it was checked', async () => {
    feed = await startFeed(new Map([['/feed/latest.yml', latestYml(RUNNING_VERSION, installer)]]));
    const { controller } = makeController();
    await controller.setFeed(feed.url);
    await controller.check();
    expect(await settled(controller, 'up-to-date')).toEqual({
      status: 'up-to-date',
      version: RUNNING_VERSION,
      checkedAt: '2026-12-04T12:00:00.000Z',
    });
    // Nothing to download: the call changes nothing.
    expect(await controller.download()).toMatchObject({ status: 'up-to-date' });
  });

  it.each([
    ['YAML that does not parse', 'version: [0.2.0\nfiles: {{{\n'],
    ['a version that is not a version', latestYml('soon', installer)],
    ['a web page instead of YAML', '<!doctype html><html><body>Moved</body></html>\n'],
  ])('a damaged latest.yml (%s): error feed-damaged, and a later check can succeed', async (_case, body) => {
    const files = new Map<string, string | Buffer>([['/feed/latest.yml', body]]);
    feed = await startFeed(files);
    const { controller } = makeController();
    await controller.setFeed(feed.url);
    await controller.check();
    expect(await settled(controller, 'error')).toEqual({ status: 'error', error: 'feed-damaged' });
    expect(logged.some((entry) => entry.message.includes('check failed'))).toBe(true);

    files.set('/feed/latest.yml', latestYml(RUNNING_VERSION, installer));
    await controller.check();
    expect(await settled(controller, 'up-to-date')).toMatchObject({ version: RUNNING_VERSION });
  });

  it('an address with no latest.yml: error feed-not-found', async () => {
    feed = await startFeed(new Map());
    const { controller } = makeController();
    await controller.setFeed(feed.url);
    await controller.check();
    expect(await settled(controller, 'error')).toEqual({ status: 'error', error: 'feed-not-found' });
  });

  it('a port nothing listens on: error feed-unreachable (after electron-updater’s own retries), never a crash', async () => {
    const { controller } = makeController();
    await controller.setFeed(`http://127.0.0.1:${await closedPort()}/feed/`);
    await controller.check();
    expect(await settled(controller, 'error')).toEqual({ status: 'error', error: 'feed-unreachable' });
  });

  it('an installer that does not match the checksum in latest.yml: error download-damaged, and the download can be retried', async () => {
    const files = new Map<string, string | Buffer>([
      ['/feed/latest.yml', latestYml('0.2.0', installer)],
      [`/feed/${installer.name}`, randomBytes(64 * 1024)],
    ]);
    feed = await startFeed(files);
    const { controller } = makeController();
    await controller.setFeed(feed.url);
    await controller.check();
    await settled(controller, 'available');
    await controller.download();
    expect(await settled(controller, 'error')).toEqual({ status: 'error', error: 'download-damaged', version: '0.2.0' });

    files.set(`/feed/${installer.name}`, installer.bytes);
    expect(await controller.download()).toMatchObject({ status: 'downloading', version: '0.2.0' });
    expect(await settled(controller, 'downloaded')).toEqual({ status: 'downloaded', version: '0.2.0' });
  });

  it('clearing the feed address goes back to not-configured; a new address to idle', async () => {
    feed = await startFeed(new Map([['/feed/latest.yml', latestYml(RUNNING_VERSION, installer)]]));
    const { controller } = makeController();
    await controller.setFeed(feed.url);
    await controller.check();
    await settled(controller, 'up-to-date');
    expect(await controller.setFeed(null)).toEqual({ status: 'not-configured' });
    expect(await controller.setFeed(feed.url)).toEqual({ status: 'idle' });
  });
});

/** electron-updater's updater reduced to its events (installing would run the installer, which cannot happen here). */
class StandInAutoUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = false;
  disableWebInstaller = false;
  logger: unknown = console;
  feeds: unknown[] = [];
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  installThrows: Error | null = null;
  setFeedURL(options: unknown) {
    this.feeds.push(options);
  }
  async checkForUpdates() {
    this.emit('checking-for-update');
    this.emit('update-available', { version: '0.2.0' });
    return { isUpdateAvailable: true };
  }
  async downloadUpdate() {
    this.emit('download-progress', { percent: 40.7 });
    this.emit('download-progress', { percent: 12 });
    this.emit('update-downloaded', { version: '0.2.0' });
    return [];
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    if (this.installThrows) throw this.installThrows;
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

describe('updater state machine (stand-in autoUpdater)', () => {
  const make = () => {
    const updater = new StandInAutoUpdater();
    const controller = new UpdateController({ updater: updater as unknown as AutoUpdaterLike, log: () => {} });
    return { updater, controller };
  };

  it('configures electron-updater as FieldKey needs: no automatic download, a generic feed', async () => {
    const { updater, controller } = make();
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.disableWebInstaller).toBe(true);
    await controller.setFeed('https://updates.example.com/fieldkey');
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://updates.example.com/fieldkey' }]);
    // The same address again is not a change.
    await controller.setFeed('https://updates.example.com/fieldkey');
    expect(updater.feeds).toHaveLength(1);
  });

  it('progress only moves forward, and Restart installs once downloaded (not silent, FieldKey runs again after)', async () => {
    const { updater, controller } = make();
    await controller.setFeed('https://updates.example.com/');
    expect(await controller.restart()).toEqual({ status: 'idle' });
    await controller.check();
    await vi.waitFor(async () => expect((await controller.state()).status).toBe('available'));
    const seen: UpdateState[] = [];
    controller.onChange((state) => seen.push(state));
    await controller.download();
    await vi.waitFor(async () => expect((await controller.state()).status).toBe('downloaded'));
    expect(seen.filter((s) => s.status === 'downloading').map((s) => (s as { percent: number }).percent)).toEqual([0, 40]);
    await controller.restart();
    expect(updater.installs).toEqual([[false, true]]);
  });

  it('an installer that cannot start: error install-failed, no exception', async () => {
    const { updater, controller } = make();
    await controller.setFeed('https://updates.example.com/');
    await controller.check();
    await vi.waitFor(async () => expect((await controller.state()).status).toBe('available'));
    await controller.download();
    await vi.waitFor(async () => expect((await controller.state()).status).toBe('downloaded'));
    updater.installThrows = new Error('spawn EACCES');
    expect(await controller.restart()).toEqual({ status: 'error', error: 'install-failed', version: '0.2.0' });
  });

  it('an updater that throws inside checkForUpdates still ends in a clear state', async () => {
    const { updater, controller } = make();
    updater.checkForUpdates = () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND updates.example.com'), { code: 'ENOTFOUND' });
    };
    await controller.setFeed('https://updates.example.com/');
    await controller.check();
    await vi.waitFor(async () => expect(await controller.state()).toEqual({ status: 'error', error: 'feed-unreachable' }));
  });

  it('with no updater (run from its sources) every call answers unavailable', async () => {
    const controller = new UpdateController({ updater: null });
    for (const call of [() => controller.state(), () => controller.setFeed('https://x.example/'), () => controller.check()]) {
      expect(await call()).toEqual({ status: 'unavailable', reason: 'not-installed' });
    }
  });
});

describe('classifyUpdateError', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, 'check', { error: 'feed-unreachable' }],
    [new Error('net::ERR_NAME_NOT_RESOLVED'), 'check', { error: 'feed-unreachable' }],
    [{ code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' }, 'check', { error: 'feed-not-found' }],
    [{ statusCode: 403 }, 'check', { error: 'feed-refused', httpStatus: 403 }],
    [{ code: 'ERR_UPDATER_INVALID_UPDATE_INFO' }, 'check', { error: 'feed-damaged' }],
    [{ code: 'ERR_UPDATER_INVALID_VERSION' }, 'check', { error: 'feed-damaged' }],
    [{ code: 'ERR_CHECKSUM_MISMATCH' }, 'download', { error: 'download-damaged' }],
    [{ code: 'ECONNRESET' }, 'download', { error: 'download-failed' }],
    [new Error('spawn EACCES'), 'install', { error: 'install-failed' }],
    [new TypeError('x is not a function'), 'check', { error: 'unexpected' }],
    ['a string', 'check', { error: 'unexpected' }],
  ] as const)('%o during %s → %o', (error, phase, expected) => {
    expect(classifyUpdateError(error, phase)).toEqual(expected);
  });

  it.each([
    ['https://updates.example.com/fk/', 'https://updates.example.com/fk/'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['ftp://updates.example.com/', null],
    ['file:///etc/', null],
    ['not a url', null],
    ['', null],
    [null, null],
  ])('feed address %o → %o', (value, expected) => {
    expect(feedUrlOrNull(value)).toBe(expected);
  });
});
