/** Wires the shell together: scheme, single instance, hardening, core process, IPC, window. */
import fs from 'node:fs';
import path from 'node:path';
import { app, type BrowserWindow, dialog, screen } from 'electron';
import { createFilesPrivately } from '../core/fs/private-modes';
import { translator } from '../core/messages/say';
import { JsonFileSettingsStore, SETTINGS_FILE_NAME } from '../core/settings/store';
import { createCoreProcess, type CoreProcess } from './core-process';
import { registerIpc } from './ipc';
import { log, logInfo, startMainLog, stopMainLog } from './log';
import { errorText, onLanguageChanged, shellLanguage, systemLocales } from './language';
import { installAppMenu, openLogsFolder } from './menu';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { externalUrlAllowList, hardenWebContents } from './security';
import { SAFE_SECRETS_FILE_NAME, SafeStorageSecretStore } from './safe-storage-secrets';
import { startCoreOrExplain } from './start-core';
import { loadAutoUpdater, UpdateController } from './updater';
import { createMainWindow, isAppWebContents, showRoute, windowIconPath } from './window';
import { readWindowState, rememberWindowState, windowPlacement, windowStateFile } from './window-state';

export interface NativeBindingLocation {
  isPackaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
  /** The folder of the bundled main.cjs (dist/electron). */
  distDir: string;
  exists?: (file: string) => boolean;
}

/**
 * better-sqlite3 built for Electron's ABI: shipped in resources/native by electron-builder, or
 * built by `npm run build:native-electron` in development. node_modules keeps the Node build
 * the tests use, so it cannot serve both.
 */
export function nativeBindingPath(location: NativeBindingLocation): string | undefined {
  const exists = location.exists ?? fs.existsSync;
  const file = location.isPackaged
    ? path.join(location.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(location.distDir, '..', '..', 'build', 'native', 'electron', 'better_sqlite3.node');
  return exists(file) ? file : undefined;
}

export function startApp({ distDir }: { distDir: string }): void {
  // The data folder is userData: Chromium's files and the settings there are the user's alone.
  createFilesPrivately();
  // Tests and support sessions point the app at a throwaway folder.
  if (process.env.FIELDKEY_DATA_DIR) app.setPath('userData', path.resolve(process.env.FIELDKEY_DATA_DIR));
  // `npm start -- --portal URL` (checked there): wins over the setting for this run, as for `npm run serve`.
  const portalUrlOverride = process.env.FIELDKEY_PORTAL_URL || undefined;
  registerAppScheme();

  if (!app.requestSingleInstanceLock()) {
    // Two cores on one database would fight over it; the first instance takes focus instead.
    app.quit();
    return;
  }

  let settings: JsonFileSettingsStore | null = null;
  let core: CoreProcess | null = null;
  let mainWindow: BrowserWindow | null = null;
  let coreStopped = false;

  const openWindow = () => {
    const stateFile = windowStateFile(app.getPath('userData'));
    const window = createMainWindow({
      preloadPath: path.join(distDir, 'preload.cjs'),
      iconPath: windowIconPath({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, distDir }),
      placement: windowPlacement(readWindowState(stateFile), screen.getAllDisplays(), screen.getPrimaryDisplay()),
    });
    rememberWindowState(window, { file: stateFile });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  };

  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, {
      allowedExternalHosts: () => externalUrlAllowList(portalUrlOverride ?? settings?.read().portalUrl ?? null),
    }),
  );
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && !mainWindow) openWindow();
  });
  app.on('before-quit', (event) => {
    if (!core || coreStopped) return;
    // Let the core close its database cleanly, then quit for real.
    event.preventDefault();
    coreStopped = true;
    logInfo('app.stopping');
    void core.stop().finally(() => app.quit());
  });
  app.on('will-quit', () => {
    logInfo('app.stopped');
    stopMainLog();
  });

  app
    .whenReady()
    .then(async () => {
      startMainLog(app.getPath('userData'));
      logInfo('app.starting', { version: app.getVersion(), packaged: app.isPackaged, platform: process.platform });
      // The same settings.json, with the same rule for a damaged file, as the browser host.
      settings = new JsonFileSettingsStore(path.join(app.getPath('userData'), SETTINGS_FILE_NAME));
      serveAppProtocol(path.join(distDir, '..', 'renderer'));
      // Settings → Language, `system` resolved against the OS's languages: the core is given the same ones.
      const locales = systemLocales();
      const menuActions = {
        navigate: (hash: string) => showRoute(mainWindow, hash),
        openLogsFolder: () => void openLogsFolder(app.getPath('userData')),
      };
      const language = shellLanguage(settings, locales);
      installAppMenu(menuActions, language);
      const nativeBinding = nativeBindingPath({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, distDir });
      if (!nativeBinding) log('No better_sqlite3.node built for Electron was found; run "npm run build:native-electron".');
      core = createCoreProcess({
        modulePath: path.join(distDir, 'core-host.cjs'),
        config: {
          dataDir: app.getPath('userData'),
          version: app.getVersion(),
          ...(nativeBinding ? { nativeBinding } : {}),
          ...(portalUrlOverride ? { portalUrlOverride } : {}),
          systemLocales: locales,
        },
        settings,
        // safeStorage needs the app ready; the token never goes into settings.
        secrets: new SafeStorageSecretStore(path.join(app.getPath('userData'), SAFE_SECRETS_FILE_NAME)),
        // Only an installed copy can replace itself; one run from its sources says so in Settings.
        updates: new UpdateController({ updater: app.isPackaged ? loadAutoUpdater() : null }),
        onGone: (err) => {
          const t = translator(shellLanguage(settings, locales));
          dialog.showErrorBox(t('desktop.dialog.stoppedTitle'), t('desktop.dialog.stopped', { reason: errorText(err, t) }));
          app.quit();
        },
      });
      // A language chosen in Settings applies to the menu at once, as it does to every window.
      onLanguageChanged(core, locales, language, (next) => installAppMenu(menuActions, next));
      if (!(await startCoreOrExplain(core, language))) {
        app.quit();
        return;
      }
      registerIpc({ core, isAppWebContents });
      openWindow();
      logInfo('app.started');
    })
    .catch((err: unknown) => {
      log('FieldKey could not start.', err);
      const t = translator(shellLanguage(settings, systemLocales()));
      dialog.showErrorBox(t('desktop.dialog.couldNotStartTitle'), errorText(err, t));
      app.quit();
    });
}
