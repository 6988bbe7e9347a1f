const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate, installAppMenu, logsFolder, openLogsFolder } from '../../../electron/menu';

type Item = MenuItemConstructorOptions;

function submenu(template: Item[], label: string): Item[] {
  const menu = template.find((item) => item.label?.replace('&', '') === label);
  if (!menu) throw new Error(`No ${label} menu`);
  return menu.submenu as Item[];
}

const roles = (items: Item[]) => items.filter((item) => item.type !== 'separator').map((item) => item.role);

describe('application menu (stand-in electron)', () => {
  const navigated: string[] = [];
  let logsOpened = 0;
  const actions = {
    navigate: (hash: string) => navigated.push(hash),
    openLogsFolder: () => {
      logsOpened += 1;
    },
  };

  beforeEach(() => {
    standIn.reset();
    navigated.length = 0;
    logsOpened = 0;
  });

  it('has File, Edit, View and Help, in that order, on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(appMenuTemplate(actions, platform).map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    }
  });

  it('File quits; on macOS the app menu comes first and File closes the window', () => {
    expect(roles(submenu(appMenuTemplate(actions, 'linux'), 'File'))).toEqual(['quit']);
    const mac = appMenuTemplate(actions, 'darwin');
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(roles(submenu(mac, 'File'))).toEqual(['close']);
  });

  it('Edit has the standard roles, so copy and paste work in every field', () => {
    expect(roles(submenu(appMenuTemplate(actions, 'win32'), 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('View has reload, zoom (reset, in, out) and full screen', () => {
    expect(roles(submenu(appMenuTemplate(actions, 'linux'), 'View'))).toEqual([
      'reload',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
  });

  it('Help: About opens #/about, Save diagnostics #/about?action=diagnostics, and Open logs folder opens it', () => {
    const help = submenu(appMenuTemplate(actions, 'linux'), 'Help').filter((item) => item.type !== 'separator');
    expect(help.map((item) => item.label)).toEqual(['About FieldKey', 'Save diagnostics…', 'Open logs folder']);
    for (const item of help) (item.click as () => void)();
    expect(navigated).toEqual(['#/about', '#/about?action=diagnostics']);
    expect(logsOpened).toBe(1);
  });

  it('is installed as the application menu', () => {
    installAppMenu(actions);
    expect(standIn.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(standIn.Menu.applicationMenu?.items.map((item) => item.label)).toContain('&Edit');
  });

  it('Open logs folder creates <data folder>/logs when missing and opens it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-menu-'));
    await openLogsFolder(dataDir, () => {});
    expect(fs.statSync(path.join(dataDir, 'logs')).isDirectory()).toBe(true);
    expect(standIn.shell.openPath).toHaveBeenCalledWith(logsFolder(dataDir));
    expect(logsFolder(dataDir)).toBe(path.join(dataDir, 'logs'));
  });

  it('Open logs folder logs (and does not throw) when the folder cannot be made or opened', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-menu-'));
    const logged: string[] = [];
    standIn.shell.openPath.mockResolvedValueOnce('No application knows how to open it');
    await openLogsFolder(dataDir, (message) => logged.push(message));
    // A file where the folder should be.
    const blocked = path.join(dataDir, 'blocked');
    fs.writeFileSync(blocked, '');
    await openLogsFolder(blocked, (message) => logged.push(message));
    expect(logged).toHaveLength(2);
    expect(logged[0]).toContain('No application knows how to open it');
  });
});
