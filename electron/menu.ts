/**
 * The application menu: the usual desktop places for Quit, the editing commands (without an Edit
 * menu, Ctrl+C / Ctrl+V do nothing in an Electron window on macOS, and no shortcut is listed
 * anywhere), zoom and reload, and Help's About, diagnostics and logs folder; in the language of
 * Settings → Language, rebuilt when it changes (electron/language.ts).
 */
import fs from 'node:fs';
import { logsDir } from '../core/log/logger';
import type { Language } from '../core/messages/language';
import { translator } from '../core/messages/say';
import { Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { log as defaultLog } from './log';

export interface AppMenuActions {
  /** Shows a page of the renderer in the main window, by its hash route. */
  navigate(hash: string): void;
  openLogsFolder(): void;
}

/** Hash routes the Help menu opens; the About page acts on `action=diagnostics`. */
export const ABOUT_ROUTE = '#/about';
export const SAVE_DIAGNOSTICS_ROUTE = '#/about?action=diagnostics';

/**
 * The menu in `language` (Settings → Language): every label comes from core/messages/<language>/desktop.json,
 * the role items included, since Electron's own labels for them are English only.
 */
export function appMenuTemplate(
  actions: AppMenuActions,
  language: Language,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const t = translator(language);
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    {
      label: t('desktop.menu.file'),
      submenu: [mac ? { role: 'close', label: t('desktop.menu.closeWindow') } : { role: 'quit', label: t('desktop.menu.quit') }],
    },
    {
      label: t('desktop.menu.edit'),
      submenu: [
        { role: 'undo', label: t('desktop.menu.undo') },
        { role: 'redo', label: t('desktop.menu.redo') },
        { type: 'separator' },
        { role: 'cut', label: t('desktop.menu.cut') },
        { role: 'copy', label: t('desktop.menu.copy') },
        { role: 'paste', label: t('desktop.menu.paste') },
        { type: 'separator' },
        { role: 'selectAll', label: t('desktop.menu.selectAll') },
      ],
    },
    {
      label: t('desktop.menu.view'),
      submenu: [
        { role: 'reload', label: t('desktop.menu.reload') },
        { type: 'separator' },
        { role: 'resetZoom', label: t('desktop.menu.resetZoom') },
        { role: 'zoomIn', label: t('desktop.menu.zoomIn') },
        { role: 'zoomOut', label: t('desktop.menu.zoomOut') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t('desktop.menu.toggleFullScreen') },
      ],
    },
    {
      label: t('desktop.menu.help'),
      role: 'help',
      submenu: [
        { label: t('desktop.menu.about'), click: () => actions.navigate(ABOUT_ROUTE) },
        { label: t('desktop.menu.saveDiagnostics'), click: () => actions.navigate(SAVE_DIAGNOSTICS_ROUTE) },
        { type: 'separator' },
        { label: t('desktop.menu.openLogsFolder'), click: () => actions.openLogsFolder() },
      ],
    },
  ];
  // macOS puts the app's own menu (with Quit) first: Electron's appMenu role, spelled out so it is translated.
  const appMenu: MenuItemConstructorOptions = {
    label: 'FieldKey',
    submenu: [
      { role: 'about', label: t('desktop.menu.about') },
      { type: 'separator' },
      { role: 'services', label: t('desktop.menu.services') },
      { type: 'separator' },
      { role: 'hide', label: t('desktop.menu.hide') },
      { role: 'hideOthers', label: t('desktop.menu.hideOthers') },
      { role: 'unhide', label: t('desktop.menu.showAll') },
      { type: 'separator' },
      { role: 'quit', label: t('desktop.menu.quitApp') },
    ],
  };
  return mac ? [appMenu, ...template] : template;
}

/** Installs (or, when the language changes, replaces) the application menu. */
export function installAppMenu(actions: AppMenuActions, language: Language): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(actions, language)));
}

/** Where the logs are kept: the folder core/log writes them to. */
export const logsFolder = logsDir;

/** Opens the logs folder in the file manager, creating it first so the menu never opens nothing. */
export async function openLogsFolder(dataDir: string, log: (message: string, error?: unknown) => void = defaultLog): Promise<void> {
  const folder = logsFolder(dataDir);
  try {
    fs.mkdirSync(folder, { recursive: true });
    const failure = await shell.openPath(folder);
    if (failure) log(`The logs folder ${folder} could not be opened: ${failure}`);
  } catch (err) {
    log(`The logs folder ${folder} could not be opened.`, err);
  }
}
