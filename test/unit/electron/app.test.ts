const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE_NAME } from '../../../core/core';
import { nativeBindingPath, startApp } from '../../../electron/app';
import { runCoreHost } from '../../../electron/core-host';

type Window = InstanceType<typeof standIn.BrowserWindow>;

describe('app start-up (stand-in electron)', () => {
  let distDir: string;
  let userData: string;

  beforeEach(() => {
    standIn.reset();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    distDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-app-')), 'dist', 'electron');
    userData = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-userdata-'));
    standIn.app.setPath('userData', userData);
    standIn.utilityProcess.onFork = (child) => runCoreHost(child.parentPort, { exit: () => child.exit(0), log: () => {} });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  const ourWindows = () => standIn.BrowserWindow.getAllWindows().filter((w) => w.options.webPreferences?.preload);

  it('registers the app:// scheme before ready and asks for the single-instance lock', () => {
    startApp({ distDir });
    expect(standIn.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(standIn.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('a second instance quits at once and touches nothing', async () => {
    standIn.app.requestSingleInstanceLock.mockReturnValue(false);
    startApp({ distDir });
    standIn.app.becomeReady();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(standIn.app.quit).toHaveBeenCalled();
    expect(standIn.utilityProcess.fork).not.toHaveBeenCalled();
    expect(ourWindows()).toHaveLength(0);
  });

  it('on ready: serves app://, starts the core, answers IPC from the window it opens', async () => {
    startApp({ distDir });
    standIn.app.becomeReady();
    await vi.waitFor(() => expect(ourWindows()).toHaveLength(1));
    const window = ourWindows()[0]! as Window;

    expect(standIn.protocol.handlers.has('app')).toBe(true);
    expect(standIn.utilityProcess.fork).toHaveBeenCalledWith(path.join(distDir, 'core-host.cjs'), [], { serviceName: 'FieldKey core' });
    expect(window.options.webPreferences.preload).toBe(path.join(distDir, 'preload.cjs'));
    expect(window.options.icon).toBe(path.join(distDir, '..', '..', 'assets', 'icon.png'));
    expect(window.webContents.getURL()).toBe('app://fieldkey/');

    const outcome = await standIn.ipcMain.invokeAs(
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      'fieldkey:invoke',
      'app.info',
      {},
    );
    expect(outcome).toMatchObject({ ok: true, result: { host: 'electron', dataDir: userData, version: '0.0.0-test' } });
  });

  it('keeps settings changed through the app in settings.json in userData', async () => {
    startApp({ distDir });
    standIn.app.becomeReady();
    await vi.waitFor(() => expect(ourWindows()).toHaveLength(1));
    const window = ourWindows()[0]! as Window;
    await standIn.ipcMain.invokeAs(
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      'fieldkey:invoke',
      'settings.set',
      {
        patch: { theme: 'dark' },
      },
    );
    await vi.waitFor(() => expect(JSON.parse(fs.readFileSync(path.join(userData, 'settings.json'), 'utf8')).theme).toBe('dark'));
  });

  it('FIELDKEY_DATA_DIR moves userData (and with it the database and settings)', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-elsewhere-'));
    vi.stubEnv('FIELDKEY_DATA_DIR', elsewhere);
    startApp({ distDir });
    standIn.app.becomeReady();
    await vi.waitFor(() => expect(ourWindows()).toHaveLength(1));
    expect(fs.existsSync(path.join(elsewhere, DATABASE_FILE_NAME))).toBe(true);
  });

  it('a database from a newer FieldKey: explains, quits, opens no window', async () => {
    const db = new Database(path.join(userData, DATABASE_FILE_NAME));
    db.pragma('user_version = 999');
    db.close();
    startApp({ distDir });
    standIn.app.becomeReady();
    await vi.waitFor(() => expect(standIn.app.quit).toHaveBeenCalled());
    expect(standIn.dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({ detail: expect.stringContaining('newer version of FieldKey') }),
    );
    expect(ourWindows()).toHaveLength(0);
  });

  it('hardens every web contents created, not only the main window', () => {
    startApp({ distDir });
    const other = new standIn.BrowserWindow({});
    expect(other.webContents.tryNavigate('https://evil.example/')).toBe(false);
    expect(other.webContents.tryOpenWindow('https://evil.example/')).toBe('deny');
    expect(other.webContents.tryAttachWebview()).toBe(false);
  });

  it('a second launch focuses the existing window', async () => {
    startApp({ distDir });
    standIn.app.becomeReady();
    await vi.waitFor(() => expect(ourWindows()).toHaveLength(1));
    const window = ourWindows()[0]! as Window;
    window.minimized = true;
    standIn.app.emit('second-instance', {}, [], '');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('on quit, lets the core close its database first, then quits', async () => {
    startApp({ distDir });
    standIn.app.becomeReady();
    await vi.waitFor(() => expect(ourWindows()).toHaveLength(1));
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    standIn.app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    expect(standIn.utilityProcess.forked[0]!.received.at(-1)).toEqual({ type: 'shutdown' });
    await vi.waitFor(() => expect(standIn.app.quit).toHaveBeenCalled());
    // The second before-quit (from that app.quit) goes through.
    const again = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    standIn.app.emit('before-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });
});

describe('nativeBindingPath', () => {
  const exists = (file: string) => file.endsWith('better_sqlite3.node');

  it('packaged: resources/native/better_sqlite3.node', () => {
    expect(nativeBindingPath({ isPackaged: true, resourcesPath: '/opt/FieldKey/resources', distDir: '/x', exists })).toBe(
      path.join('/opt/FieldKey/resources', 'native', 'better_sqlite3.node'),
    );
  });

  it('development: <repo>/build/native/electron/better_sqlite3.node, from dist/electron', () => {
    expect(nativeBindingPath({ isPackaged: false, resourcesPath: '', distDir: '/repo/dist/electron', exists })).toBe(
      path.join('/repo', 'build', 'native', 'electron', 'better_sqlite3.node'),
    );
  });

  it('undefined when the file is not there', () => {
    expect(
      nativeBindingPath({ isPackaged: false, resourcesPath: '', distDir: '/repo/dist/electron', exists: () => false }),
    ).toBeUndefined();
  });
});
