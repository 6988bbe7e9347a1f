import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { PNG } from 'pngjs';

const root = path.resolve(__dirname, '../../..');
const config = load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

const targetsOf = (platform: Record<string, any>): string[] =>
  (Array.isArray(platform.target) ? platform.target : [platform.target]).map((t: string | { target: string }) =>
    typeof t === 'string' ? t : t.target,
  );

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const require = createRequire(path.join(root, 'package.json'));
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util/out/DebugLogger.js');
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and writes installers to release/', () => {
    expect(config.appId).toBe('com.fieldkey.app');
    expect(config.productName).toBe('FieldKey');
    expect(config.directories.output).toBe('release');
  });

  it('never rebuilds better-sqlite3 in node_modules (the tests need its Node build)', () => {
    expect(config.npmRebuild).toBe(false);
  });

  it('ships the Electron bundles, the renderer and package.json, without maps, and of node_modules only better-sqlite3’s JavaScript', () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['package.json', 'dist/electron/**/*', 'dist/renderer/**/*', '!dist/**/*.map', '!node_modules/**/*']),
    );
    const modules = config.files.filter((pattern: string) => pattern.startsWith('node_modules/'));
    expect(modules.every((pattern: string) => pattern.startsWith('node_modules/better-sqlite3/'))).toBe(true);
    expect(modules.some((pattern: string) => /better-sqlite3\/(build|src|deps)/.test(pattern))).toBe(false);
  });

  it('unpacks nothing from the asar archive: the one native file ships in resources/native', () => {
    expect(config.asarUnpack).toBeUndefined();
  });

  it('puts the Electron build of better-sqlite3 where electron/app.ts looks for it', () => {
    expect(config.extraResources).toContainEqual({ from: 'build/native/electron/better_sqlite3.node', to: 'native/better_sqlite3.node' });
  });

  it('takes the Linux, Windows and macOS icons from assets/icon.png, a 1024×1024 PNG', () => {
    expect([config.linux.icon, config.win.icon, config.mac.icon]).toEqual(['assets/icon.png', 'assets/icon.png', 'assets/icon.png']);
    // electron-builder makes the .icns from 1024 px and needs at least 256 px for the .ico.
    const png = PNG.sync.read(fs.readFileSync(path.join(root, 'assets', 'icon.png')));
    expect([png.width, png.height]).toEqual([1024, 1024]);
  });

  it('ships the icon in resources/, where electron/window.ts looks for it when packaged', () => {
    expect(config.extraResources).toContainEqual({ from: 'assets/icon.png', to: 'icon.png' });
  });

  it('the renderer’s favicon is the app icon’s SVG (scripts/render-icon.mjs copies it)', () => {
    expect(fs.readFileSync(path.join(root, 'renderer', 'public', 'favicon.svg'), 'utf8')).toBe(
      fs.readFileSync(path.join(root, 'assets', 'icon.svg'), 'utf8'),
    );
  });

  it('builds AppImage and deb on Linux, NSIS on Windows, dmg on macOS', () => {
    expect(targetsOf(config.linux).sort()).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toBeTruthy();
    expect(targetsOf(config.win)).toEqual(['nsis']);
    expect(targetsOf(config.mac)).toEqual(['dmg']);
  });
});

describe('scripts/build-native-electron.mjs', () => {
  it('without Electron headers, exits non-zero with one sentence and leaves node_modules/better-sqlite3 alone', () => {
    const nodeBuild = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    const before = fs.existsSync(nodeBuild) ? fs.statSync(nodeBuild).mtimeMs : null;
    const gypDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-electron-gyp-'));
    const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-native-electron.mjs')], {
      encoding: 'utf8',
      timeout: 60_000,
      // Port 9 (discard) refuses connections: the download fails at once, as it does offline.
      env: { ...process.env, FIELDKEY_ELECTRON_HEADERS_URL: 'http://127.0.0.1:9/headers', FIELDKEY_ELECTRON_GYP_DIR: gypDir },
    });
    expect(result.status).not.toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Could not download the headers for Electron \d+\.\d+\.\d+ from http:\/\/127\.0\.0\.1:9\/headers/);
    expect(fs.existsSync(nodeBuild) ? fs.statSync(nodeBuild).mtimeMs : null).toBe(before);
  });
});

describe('electron-builder.yml: updates', () => {
  it('has a generic publish entry, so a build writes latest.yml and app-update.yml (electron/updater.ts sets the real feed)', () => {
    expect(config.publish).toMatchObject({ provider: 'generic' });
    expect(String(config.publish.url)).toMatch(/^https:\/\//);
  });
});
