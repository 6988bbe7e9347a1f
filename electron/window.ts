import { BrowserWindow, type WebContents, type WebPreferences } from 'electron';
import { APP_START_URL } from './app-origin';
import { log } from './log';
import { applySessionPermissions } from './security';

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

// Ids of the web contents of windows FieldKey made; IPC is only answered for these.
const appWebContentsIds = new Set<number>();

export function isAppWebContents(contents: WebContents): boolean {
  return !contents.isDestroyed() && appWebContentsIds.has(contents.id);
}

export function createMainWindow(options: { preloadPath: string }): BrowserWindow {
  const window = new BrowserWindow({
    title: 'FieldKey',
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  const id = window.webContents.id;
  appWebContentsIds.add(id);
  window.on('closed', () => appWebContentsIds.delete(id));
  applySessionPermissions(window.webContents.session);
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_START_URL).catch((err: unknown) => log('The FieldKey window failed to load.', err));
  return window;
}
