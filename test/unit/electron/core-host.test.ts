import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Mock } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../core/db/migrations';
import { createCore, DATABASE_FILE_NAME, type CoreConfig } from '../../../core/core';
import { defaultSettings } from '../../../core/settings/contract';
import { runCoreHost, type ParentPortLike } from '../../../electron/core-host';

/** process.parentPort as the core sees it: messages in as { data }, everything it posts recorded. */
class FakeParentPort implements ParentPortLike {
  private listener: ((event: { data: unknown }) => void) | null = null;
  readonly posted: any[] = [];
  private waiters: Array<{ match: (m: any) => boolean; resolve: (m: any) => void }> = [];

  on(_event: 'message', listener: (event: { data: unknown }) => void) {
    this.listener = listener;
    return this;
  }
  postMessage(message: unknown) {
    const copy = structuredClone(message);
    this.posted.push(copy);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(copy)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(copy);
      }
    }
  }
  fromParent(data: unknown) {
    this.listener!({ data: structuredClone(data) });
  }
  next(match: (m: any) => boolean): Promise<any> {
    const found = this.posted.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-core-host-'));

describe('core host in the utility process (parentPort faked, no Electron)', () => {
  let port: FakeParentPort;
  let exit: Mock<(code: number) => void>;
  let dataDir: string;

  beforeEach(() => {
    port = new FakeParentPort();
    exit = vi.fn<(code: number) => void>();
    dataDir = tempDir();
    runCoreHost(port, { exit, log: () => {}, info: () => {} });
  });
  afterEach(() => {
    port.fromParent({ type: 'shutdown' });
  });

  const init = (extra: Record<string, unknown> = {}) =>
    port.fromParent({ type: 'init', config: { dataDir, version: '1.2.3', settings: defaultSettings, ...extra } });

  it('answers init with ready, then serves the API with host "electron"', async () => {
    init();
    await port.next((m) => m.type === 'ready');
    port.fromParent({ type: 'invoke', id: 1, method: 'app.info', args: {} });
    const result = await port.next((m) => m.type === 'result' && m.id === 1);
    expect(result.ok).toBe(true);
    expect(result.result).toMatchObject({ version: '1.2.3', host: 'electron', schemaVersion: LATEST_SCHEMA_VERSION, dataDir });
  });

  it('logs to <data folder>/logs/core.log: start, an unexpected failure with method, stack and the reference the answer carried, and stop', async () => {
    init();
    await port.next((m) => m.type === 'ready');
    const db = new Database(path.join(dataDir, DATABASE_FILE_NAME));
    db.exec('ALTER TABLE outbox RENAME TO outbox_taken_away');
    db.close();
    port.fromParent({ type: 'invoke', id: 7, method: 'sync.outbox', args: {} });
    const failed = await port.next((m) => m.type === 'result' && m.id === 7);
    expect(failed.error.code).toBe('INTERNAL');
    const reference = failed.error.details.reference;
    expect(failed.error.message).toContain(`Reference ${reference}`);
    port.fromParent({ type: 'shutdown' });
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));

    const lines = fs
      .readFileSync(path.join(dataDir, 'logs', 'core.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.event)).toEqual(
      expect.arrayContaining(['host.starting', 'host.started', 'host.stopping', 'host.stopped']),
    );
    const internal = lines.find((line) => line.event === 'api.unexpected_error');
    expect(internal).toMatchObject({ level: 'error', process: 'core', method: 'sync.outbox', reference });
    expect(internal.err.stack).toContain('no such table: outbox');
  });

  it('answers init-failed with DB_TOO_NEW for a database from a newer FieldKey, and leaves it alone', async () => {
    const file = path.join(dataDir, DATABASE_FILE_NAME);
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const before = fs.readFileSync(file);
    init();
    const failed = await port.next((m) => m.type === 'init-failed');
    expect(failed.error.code).toBe('DB_TOO_NEW');
    expect(failed.error.message).toContain('newer version of FieldKey');
    expect(port.posted.some((m) => m.type === 'ready')).toBe(false);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('answers init-failed with DB_CORRUPT for an unreadable file, and starts fresh when told to', async () => {
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE_NAME), 'this is not a database, it is a shopping list');
    init();
    expect((await port.next((m) => m.type === 'init-failed')).error.code).toBe('DB_CORRUPT');

    init({ recreateCorruptDatabase: true });
    await port.next((m) => m.type === 'ready');
    expect(fs.readdirSync(dataDir).some((name) => name.includes('.corrupt-'))).toBe(true);
  });

  it('answers init-failed with DATA_DIR_UNUSABLE, in one sentence, for a data folder that cannot be made (under a file)', async () => {
    // A path under a regular file fails for root too, unlike a chmod-ed folder.
    const file = path.join(dataDir, 'not-a-folder');
    fs.writeFileSync(file, '');
    port.fromParent({ type: 'init', config: { dataDir: path.join(file, 'FieldKey'), version: '1.2.3', settings: defaultSettings } });
    const failed = await port.next((m) => m.type === 'init-failed');
    expect(failed.error.code).toBe('DATA_DIR_UNUSABLE');
    expect(failed.error.message).toBe(
      `FieldKey cannot write to its data folder ${path.join(file, 'FieldKey')} (part of that path is a file, not a folder). Make it writable, or start FieldKey with --data-dir DIR (or FIELDKEY_DATA_DIR) to use another folder.`,
    );
    expect(fs.readdirSync(dataDir)).toEqual(['not-a-folder']);
  });

  it('refuses a damaged database before the embedded sandbox starts: nothing is written beside it', async () => {
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE_NAME), 'this is not a database, it is a shopping list');
    init();
    expect((await port.next((m) => m.type === 'init-failed')).error.code).toBe('DB_CORRUPT');
    expect(fs.readdirSync(dataDir)).toEqual([DATABASE_FILE_NAME]);
  });

  it('starts with the settings it was given and sends settings.set to the parent as settings.write', async () => {
    init({ settings: { ...defaultSettings, theme: 'light' } });
    await port.next((m) => m.type === 'ready');
    port.fromParent({ type: 'invoke', id: 1, method: 'settings.get', args: {} });
    expect((await port.next((m) => m.type === 'result' && m.id === 1)).result.theme).toBe('light');

    port.fromParent({ type: 'invoke', id: 2, method: 'settings.set', args: { patch: { theme: 'dark', connectivityCheckSeconds: 120 } } });
    const write = await port.next((m) => m.type === 'settings.write');
    expect(write.settings).toEqual({ ...defaultSettings, theme: 'dark', connectivityCheckSeconds: 120 });
    expect((await port.next((m) => m.type === 'result' && m.id === 2)).ok).toBe(true);
  });

  it('forwards core events to the parent', async () => {
    init();
    await port.next((m) => m.type === 'ready');
    port.fromParent({ type: 'invoke', id: 1, method: 'settings.set', args: { patch: { theme: 'dark' } } });
    const event = await port.next((m) => m.type === 'event' && m.name === 'settings.changed');
    expect(event.payload.theme).toBe('dark');
  });

  it('reads stored settings leniently: a bad value falls back to its default, the rest is kept', async () => {
    init({ settings: { theme: 'purple', connectivityCheckSeconds: 300 } });
    await port.next((m) => m.type === 'ready');
    port.fromParent({ type: 'invoke', id: 1, method: 'settings.get', args: {} });
    const { result } = await port.next((m) => m.type === 'result' && m.id === 1);
    expect(result).toEqual({ ...defaultSettings, connectivityCheckSeconds: 300 });
  });

  it('refuses calls that arrive before init without crashing', async () => {
    port.fromParent({ type: 'invoke', id: 7, method: 'app.info', args: {} });
    const result = await port.next((m) => m.type === 'result' && m.id === 7);
    expect(result).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
  });

  it('refuses a malformed init config with a message, not a crash', async () => {
    port.fromParent({ type: 'init', config: { version: '1.2.3' } });
    const failed = await port.next((m) => m.type === 'init-failed');
    expect(failed.error.code).toBe('VALIDATION');
    expect(failed.error.message).toContain('dataDir');
  });

  it('with no portal configured, runs the sandbox portal beside the core as the embedded default', async () => {
    init();
    await port.next((m) => m.type === 'ready');
    expect(fs.existsSync(path.join(dataDir, 'sandbox-portal'))).toBe(true);
    port.fromParent({ type: 'invoke', id: 7, method: 'app.info', args: {} });
    const info = (await port.next((m) => m.type === 'result' && m.id === 7)).result;
    expect(info.portalUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.embeddedPortalUrl).toBe(info.portalUrl);
    const login = await fetch(`${info.portalUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: 'demo' }),
    });
    expect(login.status).toBe(200);
  });

  it.skipIf(process.platform === 'win32')('tightens a data folder left readable: the folder 0700, its files 0600', async () => {
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, 'old.log'), '');
    fs.chmodSync(path.join(dataDir, 'old.log'), 0o644);
    init();
    await port.next((m) => m.type === 'ready');
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const file of ['old.log', DATABASE_FILE_NAME, path.join('sandbox-portal', 'sandbox-portal.sqlite')]) {
      expect([file, fs.statSync(path.join(dataDir, file)).mode & 0o777]).toEqual([file, 0o600]);
    }
  });

  it('with a portal configured, starts no sandbox', async () => {
    init({ settings: { ...defaultSettings, portalUrl: 'https://portal.example.com' } });
    await port.next((m) => m.type === 'ready');
    expect(fs.existsSync(path.join(dataDir, 'sandbox-portal'))).toBe(false);
  });

  it('with a portal given at launch (npm start -- --portal), uses it over the setting and starts no sandbox', async () => {
    init({ portalUrlOverride: 'http://127.0.0.1:8731' });
    await port.next((m) => m.type === 'ready');
    expect(fs.existsSync(path.join(dataDir, 'sandbox-portal'))).toBe(false);
    port.fromParent({ type: 'invoke', id: 8, method: 'app.info', args: {} });
    const info = (await port.next((m) => m.type === 'result' && m.id === 8)).result;
    expect(info).toMatchObject({ portalUrl: 'http://127.0.0.1:8731', embeddedPortalUrl: null });
  });

  it("gives the core the system's preferred languages from the main process (what Settings → Language `system` follows)", async () => {
    const own = new FakeParentPort();
    const configs: CoreConfig[] = [];
    runCoreHost(own, {
      exit: () => {},
      log: () => {},
      info: () => {},
      createCore: (config) => {
        configs.push(config);
        return createCore(config);
      },
    });
    own.fromParent({
      type: 'init',
      config: {
        dataDir: tempDir(),
        version: '1.2.3',
        settings: defaultSettings,
        portalUrlOverride: 'http://127.0.0.1:9',
        systemLocales: ['fr-CA', 'en-US'],
      },
    });
    await own.next((m) => m.type === 'ready');
    expect(configs[0]?.systemLocales).toEqual(['fr-CA', 'en-US']);
    own.fromParent({ type: 'shutdown' });
  });

  it('refuses system languages that are not a list of short strings', async () => {
    init({ systemLocales: 'fr-FR' });
    expect((await port.next((m) => m.type === 'init-failed')).error.code).toBe('VALIDATION');
  });

  it('refuses a launch portal that is not an http(s) address', async () => {
    init({ portalUrlOverride: 'file:///etc/passwd' });
    const failed = await port.next((m) => m.type === 'init-failed');
    expect(failed.error.code).toBe('VALIDATION');
  });

  it('on shutdown closes the database and exits cleanly', async () => {
    init();
    await port.next((m) => m.type === 'ready');
    port.fromParent({ type: 'shutdown' });
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    // The database was closed: the WAL was checkpointed away.
    expect(fs.existsSync(path.join(dataDir, `${DATABASE_FILE_NAME}-wal`))).toBe(false);
  });
});
