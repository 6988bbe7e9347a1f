const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import fs from 'node:fs';
import path from 'node:path';
import type { WebContents } from 'electron';
import { createMainWindow, isAppWebContents, windowIconPath } from '../../../electron/window';

const root = path.resolve(__dirname, '../../..');
// What electron/app.ts passes during development, from this repository's dist/electron.
const devIconPath = windowIconPath({ isPackaged: false, resourcesPath: '', distDir: path.join(root, 'dist', 'electron') });

describe('main window (stand-in electron)', () => {
  beforeEach(() => {
    standIn.reset();
  });

  const make = () =>
    createMainWindow({ preloadPath: '/app/dist/electron/preload.cjs', iconPath: devIconPath }) as unknown as InstanceType<
      typeof standIn.BrowserWindow
    >;

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['safeDialogs', true],
  ])('sets webPreferences.%s to %s explicitly', (name, value) => {
    expect(make().options.webPreferences).toHaveProperty(name, value);
  });

  it('sets exactly these webPreferences: nothing removed, nothing added (e.g. enableBlinkFeatures, additionalArguments)', () => {
    expect(make().options.webPreferences).toStrictEqual({
      preload: '/app/dist/electron/preload.cjs',
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
    });
  });

  it('loads the preload it was given and nothing else that could reach Node', () => {
    const prefs = make().options.webPreferences;
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    expect(prefs).not.toHaveProperty('enableRemoteModule');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('is titled FieldKey and loads the renderer from app://fieldkey/, not file://', () => {
    const window = make();
    expect(window.options.title).toBe('FieldKey');
    expect(window.webContents.getURL()).toBe('app://fieldkey/');
  });

  it('has the app icon (Linux shows it): in development assets/icon.png, and the file is there', () => {
    const icon = make().options.icon;
    expect(icon).toBe(path.join(root, 'assets', 'icon.png'));
    expect(fs.statSync(icon).isFile()).toBe(true);
  });

  it('packaged: the icon electron-builder puts in resources/ (extraResources, checked in packaging.test.ts)', () => {
    expect(windowIconPath({ isPackaged: true, resourcesPath: '/opt/FieldKey/resources', distDir: '/x' })).toBe(
      path.join('/opt/FieldKey/resources', 'icon.png'),
    );
  });

  it('stays hidden until ready to show, then shows', () => {
    const window = make();
    expect(window.options.show).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('installs the permission handlers on its session', () => {
    const window = make();
    expect(window.webContents.session.permissionRequestHandler).toBeTypeOf('function');
    expect(window.webContents.session.permissionCheckHandler).toBeTypeOf('function');
    expect(window.webContents.session.devicePermissionHandler).toBeTypeOf('function');
  });

  it('knows its own windows: ours until closed, never one it did not create', () => {
    const ours = make();
    const other = new standIn.BrowserWindow({});
    expect(isAppWebContents(ours.webContents as unknown as WebContents)).toBe(true);
    expect(isAppWebContents(other.webContents as unknown as WebContents)).toBe(false);
    ours.close();
    expect(isAppWebContents(ours.webContents as unknown as WebContents)).toBe(false);
  });
});
