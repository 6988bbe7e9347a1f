/**
 * The application menu: the usual desktop places for Quit, the editing commands (without an Edit
 * menu, Ctrl+C / Ctrl+V do nothing in an Electron window on macOS, and no shortcut is listed
 * anywhere), zoom and reload, and Help's About, diagnostics and logs folder.
 */
import fs from 'node:fs';
import { logsDir } from '../core/log/logger';
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

export function appMenuTemplate(actions: AppMenuActions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    { label: '&File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { type: 'separator' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [
        { label: 'About FieldKey', click: () => actions.navigate(ABOUT_ROUTE) },
        { label: 'Save diagnostics…', click: () => actions.navigate(SAVE_DIAGNOSTICS_ROUTE) },
        { type: 'separator' },
        { label: 'Open logs folder', click: () => actions.openLogsFolder() },
      ],
    },
  ];
  // macOS puts the app's own menu (with Quit) first.
  return mac ? [{ role: 'appMenu' }, ...template] : template;
}

export function installAppMenu(actions: AppMenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(actions)));
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
