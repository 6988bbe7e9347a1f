const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE_NAME } from '../../../core/core';
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

  const invoke = (window: Window, method: string, args: unknown) =>
    standIn.ipcMain.invokeAs({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, 'fieldkey:invoke', method, args);
  const menuLabels = () => standIn.Menu.applicationMenu!.items.map((item) => item.label);

  it('the menu follows Settings → Language at once (stand-in Electron): French after settings.set, English again after', async () => {
    const window = await launch();
    expect(menuLabels()).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(await invoke(window, 'settings.set', { patch: { language: 'fr' } })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(menuLabels()).toEqual(['&Fichier', 'É&dition', '&Affichage', 'Aid&e']), { timeout: 5000 });
    const help = standIn.Menu.applicationMenu!.items.find((item) => item.label === 'Aid&e')!;
    expect((help.submenu as Array<{ label?: string }>).map((item) => item.label)).toContain('À propos de FieldKey');
    // The rebuilt menu still acts.
    (help.submenu as Array<{ label?: string; click?: () => void }>).find((item) => item.label === 'À propos de FieldKey')!.click!();
    expect(window.webContents.executed).toEqual(['window.location.hash = "#/about";']);

    // Saving another setting does not rebuild the menu; going back to English does.
    const built = standIn.Menu.setApplicationMenu.mock.calls.length;
    await invoke(window, 'settings.set', { patch: { theme: 'dark' } });
    await invoke(window, 'settings.set', { patch: { language: 'en' } });
    await vi.waitFor(() => expect(menuLabels()).toEqual(['&File', '&Edit', '&View', '&Help']), { timeout: 5000 });
    expect(standIn.Menu.setApplicationMenu.mock.calls.length).toBe(built + 1);
  });

  it('System follows the OS (stand-in Electron): its preferred languages reach the core and the menu starts in French', async () => {
    standIn.app.preferredSystemLanguages = ['fr-CA', 'en-US'];
    const window = await launch();
    expect(menuLabels()).toEqual(['&Fichier', 'É&dition', '&Affichage', 'Aid&e']);
    const init = standIn.utilityProcess.forked[0]!.received[0] as { type: string; config: { systemLocales?: string[] } };
    expect(init.type).toBe('init');
    expect(init.config.systemLocales).toEqual(['fr-CA', 'en-US']);
    expect(await invoke(window, 'settings.get', {})).toMatchObject({ ok: true, result: { language: 'system' } });

    // English chosen in Settings wins over the system's French.
    await invoke(window, 'settings.set', { patch: { language: 'en' } });
    await vi.waitFor(() => expect(menuLabels()).toEqual(['&File', '&Edit', '&View', '&Help']), { timeout: 5000 });
  });

  it("with no preferred languages from the OS (stand-in Electron), Chromium's locale stands in", async () => {
    standIn.app.preferredSystemLanguages = [];
    standIn.app.locale = 'fr';
    await launch();
    expect(menuLabels()).toEqual(['&Fichier', 'É&dition', '&Affichage', 'Aid&e']);
    const init = standIn.utilityProcess.forked[0]!.received[0] as { config: { systemLocales?: string[] } };
    expect(init.config.systemLocales).toEqual(['fr']);
  });

  it('French in settings.json (stand-in Electron): a database from a newer FieldKey is explained in French, with a French button', async () => {
    fs.writeFileSync(path.join(userData, 'settings.json'), JSON.stringify({ language: 'fr' }));
    const db = new Database(path.join(userData, DATABASE_FILE_NAME));
    db.pragma('user_version = 999');
    db.close();
    startApp({ distDir });
    standIn.app.becomeReady();
    await vi.waitFor(() => expect(standIn.app.quit).toHaveBeenCalled(), { timeout: 15_000 });
    expect(menuLabels()).toEqual(['&Fichier', 'É&dition', '&Affichage', 'Aid&e']);
    const [options] = standIn.dialog.showMessageBox.mock.calls[0] as [Record<string, any>];
    expect(options.message).toBe('Cette base de données a été écrite par une version plus récente de FieldKey.');
    expect(options.buttons).toEqual(['Quitter']);
  });

  it('French chosen (stand-in Electron): when the core stops for good, the error box says so in French', async () => {
    const window = await launch();
    await invoke(window, 'settings.set', { patch: { language: 'fr' } });
    await vi.waitFor(() => expect(menuLabels()[0]).toBe('&Fichier'), { timeout: 5000 });
    // The first crash is met with a restart; the second is final.
    standIn.utilityProcess.forked[0]!.exit(1);
    await vi.waitFor(() => expect(standIn.utilityProcess.forked).toHaveLength(2), { timeout: 5000 });
    await vi.waitFor(async () => expect(await invoke(window, 'settings.get', {})).toMatchObject({ ok: true }), { timeout: 15_000 });
    standIn.utilityProcess.forked[1]!.exit(1);
    await vi.waitFor(() => expect(standIn.dialog.showErrorBox).toHaveBeenCalled(), { timeout: 5000 });
    expect(standIn.dialog.showErrorBox).toHaveBeenCalledWith(
      "FieldKey s'est arrêté",
      "Le moteur de FieldKey s'est arrêté de façon inattendue (code de sortie 1). Relancez FieldKey.",
    );
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
