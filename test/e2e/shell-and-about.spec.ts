import fs from 'node:fs';
import yauzl from 'yauzl';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations';
import { test, expect } from './fixtures';
import { fact } from './locators';

test.describe('app shell and About page', () => {
  test('shows the app bar and the database facts on About, with no console errors', async ({ page, host, consoleErrors }) => {
    await page.goto(host.url);

    const appBar = page.getByRole('banner');
    await expect(appBar).toContainText('FieldKey');
    // No portal configured: the host runs the sandbox portal in-process, so the app is online.
    await expect(appBar.getByText('Online', { exact: true })).toBeVisible();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'About' })).toBeVisible();
    await expect(fact(page, 'Database schema version')).toHaveText(String(LATEST_SCHEMA_VERSION));
    await expect(fact(page, 'Data directory')).toContainText(host.dataDir);
    await expect(fact(page, 'Portal address')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(fact(page, 'Running as')).toHaveText('Browser host');

    expect(consoleErrors).toEqual([]);
  });

  test('removes the access token from the address bar after loading, and a reload still works', async ({ page, host }) => {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect.poll(() => new URL(page.url()).searchParams.has('token')).toBe(false);
    expect(page.url()).not.toContain(host.token);

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    expect(page.url()).not.toContain(host.token);
  });

  test('Tab reaches the navigation and Enter opens Settings', async ({ page, host }) => {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

    const settingsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' });
    let reached = false;
    for (let presses = 0; presses < 15 && !reached; presses++) {
      await page.keyboard.press('Tab');
      reached = await settingsLink.evaluate((link) => link === document.activeElement);
    }
    expect(reached, 'Tab should reach the Settings link within 15 presses (the app bar, then the pages before Settings)').toBe(true);
    // The focused link must be visibly marked for keyboard users.
    const outline = await settingsLink.evaluate((link) => getComputedStyle(link).outlineStyle);
    expect(outline).not.toBe('none');

    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  });

  test('Save diagnostics… saves a zip with the logs and versions, also when opened as #/about?action=diagnostics', async ({
    page,
    host,
  }) => {
    await page.goto(host.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save diagnostics…' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^FieldKey diagnostics \d{4}-\d{2}-\d{2} \d{6}\.zip$/);
    const names = await zipEntryNames(fs.readFileSync((await download.path())!));
    expect(names).toEqual(expect.arrayContaining(['about.json', 'sync.json', 'settings.json', 'last-errors.json', 'logs/fieldkey.log']));
    await expect(page.getByRole('status').filter({ hasText: 'Diagnostics saved as' })).toBeVisible();

    // The desktop app's Help → Save diagnostics opens this address.
    const [again] = await Promise.all([page.waitForEvent('download'), page.goto(`${host.url}#/about?action=diagnostics`)]);
    expect(again.suggestedFilename()).toMatch(/\.zip$/);
    await expect.poll(() => new URL(page.url()).hash).toBe('#/about');
  });

  test('shows a reconnecting banner when the host goes away', async ({ page, host }) => {
    await page.goto(host.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
    await expect(fact(page, 'Database schema version')).toHaveText(String(LATEST_SCHEMA_VERSION));
    await expect(page.getByText(/Reconnecting/)).toHaveCount(0);

    await host.stop();
    await expect(page.getByText('Lost the connection to FieldKey. Reconnecting…')).toBeVisible();
  });
});

function zipEntryNames(zip: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, (err, file) => {
      if (err || !file) return reject(err);
      const names: string[] = [];
      file.on('entry', (entry: yauzl.Entry) => names.push(entry.fileName));
      file.on('end', () => resolve(names));
      file.on('error', reject);
    });
  });
}
