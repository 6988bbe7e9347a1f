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
      expect(appMenuTemplate(actions, 'en', platform).map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    }
  });

  it('File quits; on macOS the app menu comes first and File closes the window', () => {
    expect(roles(submenu(appMenuTemplate(actions, 'en', 'linux'), 'File'))).toEqual(['quit']);
    const mac = appMenuTemplate(actions, 'en', 'darwin');
    expect(mac[0]?.label).toBe('FieldKey');
    expect(roles(mac[0]!.submenu as Item[])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(submenu(mac, 'File'))).toEqual(['close']);
  });

  it('Edit has the standard roles, so copy and paste work in every field', () => {
    expect(roles(submenu(appMenuTemplate(actions, 'en', 'win32'), 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('View has reload, zoom (reset, in, out) and full screen', () => {
    expect(roles(submenu(appMenuTemplate(actions, 'en', 'linux'), 'View'))).toEqual([
      'reload',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
  });

  it('Help: About opens #/about, Save diagnostics #/about?action=diagnostics, and Open logs folder opens it', () => {
    const help = submenu(appMenuTemplate(actions, 'en', 'linux'), 'Help').filter((item) => item.type !== 'separator');
    expect(help.map((item) => item.label)).toEqual(['About FieldKey', 'Save diagnostics…', 'Open logs folder']);
    for (const item of help) (item.click as () => void)();
    expect(navigated).toEqual(['#/about', '#/about?action=diagnostics']);
    expect(logsOpened).toBe(1);
  });

  it('is installed as the application menu', () => {
    installAppMenu(actions, 'en');
    expect(standIn.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(standIn.Menu.applicationMenu?.items.map((item) => item.label)).toContain('&Edit');
  });

  it('in French (Settings → Language): every menu and item is labelled in French, role items included, with the same roles and actions', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(appMenuTemplate(actions, 'fr', platform).map((item) => item.label)).toEqual(['&Fichier', 'É&dition', '&Affichage', 'Aid&e']);
    }
    const fr = appMenuTemplate(actions, 'fr', 'linux');
    const labels = (menu: string) =>
      submenu(fr, menu)
        .filter((item) => item.type !== 'separator')
        .map((item) => item.label);
    expect(labels('Fichier')).toEqual(['Quitter']);
    expect(labels('Édition')).toEqual(['Annuler', 'Rétablir', 'Couper', 'Copier', 'Coller', 'Tout sélectionner']);
    expect(labels('Affichage')).toEqual(['Actualiser', 'Taille réelle', 'Zoom avant', 'Zoom arrière', 'Plein écran']);
    expect(labels('Aide')).toEqual(['À propos de FieldKey', 'Enregistrer les diagnostics…', 'Ouvrir le dossier des journaux']);
    // Only the words change: the roles and the Help actions are the English menu's.
    expect(roles(submenu(fr, 'Édition'))).toEqual(roles(submenu(appMenuTemplate(actions, 'en', 'linux'), 'Edit')));
    for (const item of submenu(fr, 'Aide').filter((item) => item.type !== 'separator')) (item.click as () => void)();
    expect(navigated).toEqual(['#/about', '#/about?action=diagnostics']);
    expect(logsOpened).toBe(1);

    const mac = appMenuTemplate(actions, 'fr', 'darwin');
    expect((mac[0]!.submenu as Item[]).filter((item) => item.type !== 'separator').map((item) => item.label)).toEqual([
      'À propos de FieldKey',
      'Services',
      'Masquer FieldKey',
      'Masquer les autres',
      'Tout afficher',
      'Quitter FieldKey',
    ]);
    expect(submenu(mac, 'Fichier').map((item) => item.label)).toEqual(['Fermer la fenêtre']);
  });

  it('every item has a label in English too (none left to Electron, whose role labels are English only)', () => {
    const all = (items: Item[]): Item[] => items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? all(item.submenu) : [])]);
    for (const language of ['en', 'fr'] as const) {
      for (const platform of ['win32', 'linux', 'darwin'] as const) {
        const unlabelled = all(appMenuTemplate(actions, language, platform)).filter((item) => item.type !== 'separator' && !item.label);
        expect(unlabelled).toEqual([]);
      }
    }
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
