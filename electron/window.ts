import path from 'node:path';
import { BrowserWindow, type WebContents, type WebPreferences } from 'electron';
import { APP_START_URL } from './app-origin';
import { log } from './log';
import { applySessionPermissions } from './security';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, type WindowPlacement } from './window-state';

/** The checklist's settings, spelled out even where they are Electron's defaults. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export interface WindowIconLocation {
  isPackaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
  /** The folder of the bundled main.cjs (dist/electron). */
  distDir: string;
}

/**
 * The window icon, which Linux shows in the title bar and task switcher (Windows and macOS take
 * theirs from the executable). electron-builder copies assets/icon.png into resources/ as a
 * plain file (extraResources), outside app.asar, so the window manager can always read it; in
 * development it is the repository's own assets/icon.png.
 */
export function windowIconPath(location: WindowIconLocation): string {
  return location.isPackaged
    ? path.join(location.resourcesPath, 'icon.png')
    : path.join(location.distDir, '..', '..', 'assets', 'icon.png');
}

// Ids of the web contents of windows FieldKey made; IPC is only answered for these.
const appWebContentsIds = new Set<number>();

export function isAppWebContents(contents: WebContents): boolean {
  return !contents.isDestroyed() && appWebContentsIds.has(contents.id);
}

export function createMainWindow(options: { preloadPath: string; iconPath: string; placement?: WindowPlacement }): BrowserWindow {
  const { maximized, ...bounds } = options.placement ?? { ...DEFAULT_WINDOW_SIZE, maximized: false };
  const window = new BrowserWindow({
    title: 'FieldKey',
    icon: options.iconPath,
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  const id = window.webContents.id;
  appWebContentsIds.add(id);
  window.on('closed', () => appWebContentsIds.delete(id));
  applySessionPermissions(window.webContents.session);
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  window.loadURL(APP_START_URL).catch((err: unknown) => log('The FieldKey window failed to load.', err));
  return window;
}

/** Shows a page of the renderer by its hash route (a same-document navigation: nothing reloads). */
export function showRoute(window: BrowserWindow | null, hash: string): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.focus();
  window.webContents
    .executeJavaScript(`window.location.hash = ${JSON.stringify(hash)};`)
    .catch((err: unknown) => log('The FieldKey window could not show a page.', err));
}
