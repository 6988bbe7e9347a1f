const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../../../electron/app';
import { runCoreHost } from '../../../electron/core-host';
import { windowStateFile } from '../../../electron/window-state';

type Window = InstanceType<typeof standIn.BrowserWindow>;

/** The desktop conventions wired in electron/app.ts: menu, remembered window, updates in a copy run from its sources. */
describe('desktop conventions at start-up (stand-in electron)', () => {
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
    vi.restoreAllMocks();
  });

  const launch = async (): Promise<Window> => {
    startApp({ distDir });
    standIn.app.becomeReady();
    // Starting the core (database, migrations) can take seconds on a loaded machine.
    await vi.waitFor(() => expect(standIn.BrowserWindow.getAllWindows().filter((w) => w.options.webPreferences?.preload)).toHaveLength(1), {
      timeout: 15_000,
    });
    return standIn.BrowserWindow.getAllWindows().find((w) => w.options.webPreferences?.preload)! as Window;
  };

  const helpItem = (label: string) => {
    const help = standIn.Menu.applicationMenu!.items.find((item) => item.label === '&Help')!;
    return (help.submenu as Array<{ label?: string; click?: () => void }>).find((item) => item.label === label)!;
  };

  it('installs the menu; Help › About and Save diagnostics show their pages in the window, Open logs folder opens <userData>/logs', async () => {
    const window = await launch();
    window.minimized = true;
    helpItem('About FieldKey').click!();
    helpItem('Save diagnostics…').click!();
    expect(window.webContents.executed).toEqual([
      'window.location.hash = "#/about";',
      'window.location.hash = "#/about?action=diagnostics";',
    ]);
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);

    helpItem('Open logs folder').click!();
    await vi.waitFor(() => expect(standIn.shell.openPath).toHaveBeenCalledWith(path.join(userData, 'logs')), { timeout: 5000 });
    expect(fs.statSync(path.join(userData, 'logs')).isDirectory()).toBe(true);
  });

  it('the window opens where it was when FieldKey last closed', async () => {
    const first = await launch();
    first.moveTo({ x: 300, y: 200, width: 1000, height: 700 });
    first.close();
    expect(fs.existsSync(windowStateFile(userData))).toBe(true);

    standIn.reset();
    standIn.app.setPath('userData', userData);
    standIn.utilityProcess.onFork = (child) => runCoreHost(child.parentPort, { exit: () => child.exit(0), log: () => {} });
    const second = await launch();
    expect(second.options).toMatchObject({ x: 300, y: 200, width: 1000, height: 700 });
  });

  it('a copy run from its sources (stand-in Electron app, not packaged) answers updates.state with unavailable, not-installed', async () => {
    const window = await launch();
    const outcome = await standIn.ipcMain.invokeAs(
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      'fieldkey:invoke',
      'updates.state',
      {},
    );
    expect(outcome).toEqual({ ok: true, result: { status: 'unavailable', reason: 'not-installed' } });
  });
});
