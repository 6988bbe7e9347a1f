/**
 * Launches the real desktop app (dist/electron/main.cjs). Skips, saying why, where Electron's
 * binary is not installed: it is downloaded at npm install time from a host not every machine
 * can reach. The binary is looked up without require('electron'), which would try to download it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, test, expect } from '@playwright/test';
import { fact } from '../locators';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function electronBinary(): string | null {
  const electronDir = path.join(root, 'node_modules', 'electron');
  try {
    const relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    const binary = path.join(electronDir, 'dist', relative);
    return relative && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

test('the desktop app opens its window and the About page shows the schema version', async () => {
  const executablePath = electronBinary();
  if (!executablePath) {
    const reason = 'Electron binary is not installed on this machine (its download host is unreachable)';
    console.log(`Skipping the Electron smoke test: ${reason}.`);
    test.skip(true, reason);
    return;
  }
  const main = path.join(root, 'dist', 'electron', 'main.cjs');
  expect(fs.existsSync(main), 'dist/electron/main.cjs is built (npm run build)').toBe(true);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-electron-e2e-'));
  const app = await electron.launch({
    executablePath,
    // The repo folder, as `npm start` does: its package.json "main" is dist/electron/main.cjs, and
    // launching through it gives the app its real name and version (a bare script would be "Electron").
    // Chromium refuses to start as root with its OS sandbox (CI containers); page sandboxing stays on.
    args: [root, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, FIELDKEY_DATA_DIR: dataDir },
  });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle(/FieldKey$/);
    expect(window.url()).toMatch(/^app:\/\/fieldkey\//);

    await window.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
    await expect(window.getByRole('heading', { level: 1, name: 'About' })).toBeVisible();
    await expect(fact(window, 'Database schema version')).toHaveText(/^\d+$/);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
