const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppInfo } from '../../../core/app/contract';
import { defaultSettings } from '../../../core/settings/contract';
import { startApp } from '../../../electron/app';
import { runCoreHost } from '../../../electron/core-host';

type Window = InstanceType<typeof standIn.BrowserWindow>;

// The main process keeps settings in core's JsonFileSettingsStore, on the same settings.json the
// browser host uses, with one rule for a damaged file: set aside, defaults used, the user told.
describe('the desktop app’s settings.json (stand-in electron, real files, real core)', () => {
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
  afterEach(() => vi.restoreAllMocks());

  const settingsFile = () => path.join(userData, 'settings.json');

  /** Starts the app and answers what a page asks over IPC. */
  async function startAndAsk<T>(method: string): Promise<T> {
    startApp({ distDir });
    standIn.app.becomeReady();
    // The core starts for real (database, embedded sandbox): patience on a busy machine, not a timing check.
    const window = await vi.waitFor(
      () => {
        const found = standIn.BrowserWindow.getAllWindows().find((w) => w.options.webPreferences?.preload);
        if (!found) throw new Error('no window yet');
        return found as Window;
      },
      { timeout: 15_000 },
    );
    const outcome = (await standIn.ipcMain.invokeAs(
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      'fieldkey:invoke',
      method,
      {},
    )) as { ok: boolean; result: T };
    expect(outcome.ok).toBe(true);
    return outcome.result;
  }

  it('starts with the settings a hand-edited file holds, read leniently (a bad value falls back alone)', async () => {
    fs.writeFileSync(settingsFile(), JSON.stringify({ theme: 'neon', connectivityCheckSeconds: 90, leftover: 1 }));
    expect(await startAndAsk('settings.get')).toEqual({ ...defaultSettings, connectivityCheckSeconds: 90 });
    expect(fs.readdirSync(userData).filter((name) => name.startsWith('settings.json'))).toEqual(['settings.json']);
  });

  it('reads the file electron-store wrote before (tab-indented JSON in the same place)', async () => {
    fs.writeFileSync(settingsFile(), JSON.stringify({ ...defaultSettings, theme: 'dark' }, undefined, '\t'));
    expect(await startAndAsk('settings.get')).toMatchObject({ theme: 'dark' });
  });

  it('a damaged file is set aside, defaults are used, and app.info tells the renderer where the file went', async () => {
    fs.writeFileSync(settingsFile(), '{ "theme": "dark", ');
    const info = await startAndAsk<AppInfo>('app.info');
    expect(info.settingsFileSetAside).toMatch(/settings\.json\.unreadable-\d+$/);
    expect(path.dirname(info.settingsFileSetAside!)).toBe(userData);
    expect(fs.readFileSync(info.settingsFileSetAside!, 'utf8')).toBe('{ "theme": "dark", ');
    expect(fs.existsSync(settingsFile())).toBe(false);
  });

  it('with a readable file there is nothing to tell', async () => {
    fs.writeFileSync(settingsFile(), JSON.stringify(defaultSettings));
    expect((await startAndAsk<AppInfo>('app.info')).settingsFileSetAside).toBeNull();
  });
});
