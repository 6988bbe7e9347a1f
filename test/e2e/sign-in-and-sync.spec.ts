import type { Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../support/serve-process';
import { test, expect } from './fixtures';
import { fact } from './locators';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

async function signIn(page: Page, username: string, password: string) {
  await nav(page).getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
}

test.describe('sign in and sync against the sandbox portal', () => {
  let serve: ServeProcess | null = null;
  test.afterEach(async () => {
    await serve?.stop();
    serve = null;
  });

  test('wrong password → the message; demo/demo → user shown, Sync now fills the cache; Log out', async ({
    page,
    sandbox,
    consoleErrors,
  }) => {
    serve = await startServe({ args: ['--portal', sandbox.url] });
    await page.goto(serve.url);
    const banner = page.getByRole('banner');

    await signIn(page, 'demo', 'wrong');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByLabel('Portal address')).toHaveValue(sandbox.url);
    // A portal given with --portal is not the host's own demo portal: no demo hint.
    await expect(page.getByText('Demo portal: sign in as demo / demo')).toHaveCount(0);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Could not sign in');
    await expect(alert).toContainText('Wrong user name or password for this portal.');
    await expect(page.getByLabel('Password')).toHaveValue('');

    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Redeem codes' })).toBeVisible();
    await expect(banner.getByText('demo', { exact: true })).toBeVisible();
    await expect(nav(page).getByRole('link', { name: 'Sign in' })).toHaveCount(0);
    await nav(page).getByRole('link', { name: 'Sync' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
    await expect(fact(page, 'Signed in as')).toHaveText('demo');
    await expect(fact(page, 'Portal address')).toHaveText(sandbox.url);

    const syncNow = page.getByRole('button', { name: 'Sync now' });
    await expect(syncNow).toBeEnabled();
    await syncNow.click();
    await expect(syncNow).toBeEnabled();
    await expect.poll(async () => Number((await fact(page, 'Feature keys').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(0);
    await expect(fact(page, 'Last successful sync')).not.toHaveText('Never');
    await expect(fact(page, 'Last successful sync')).toHaveText(/\d{4}/);
    await expect(fact(page, 'Portal')).toHaveText('Online');

    // While a run is under way (the portal made slow), a bar and the count show; Sync now waits.
    sandbox.faults.arm({ kind: 'slow', count: 2, delayMs: 1500 });
    await syncNow.click();
    await expect(page.getByRole('progressbar', { name: 'Syncing' })).toBeVisible();
    await expect(page.getByText(/changes applied: \d+/)).toBeVisible();
    await expect(syncNow).toBeDisabled();
    await expect(page.getByRole('progressbar', { name: 'Syncing' })).toHaveCount(0, { timeout: 15_000 });
    await expect(syncNow).toBeEnabled();
    await page.screenshot({ path: test.info().outputPath('sync-page.png'), fullPage: true, animations: 'disabled' });

    await banner.getByRole('button', { name: 'Log out' }).click();
    await expect(nav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(banner.getByRole('button', { name: 'Log out' })).toHaveCount(0);
    await expect(fact(page, 'Signed in as')).toHaveText('Not signed in');
    await nav(page).getByRole('link', { name: 'Sign in' }).click();
    await page.screenshot({ path: test.info().outputPath('sign-in-page.png'), fullPage: true, animations: 'disabled' });
    expect(consoleErrors).toEqual([]);
  });

  test('the sandbox stopped → Sync now shows that the portal cannot be reached', async ({ page, sandbox, consoleErrors }) => {
    serve = await startServe({ args: ['--portal', sandbox.url] });
    await page.goto(serve.url);
    await signIn(page, 'demo', 'demo');
    await expect(page.getByRole('heading', { level: 1, name: 'Redeem codes' })).toBeVisible();
    await nav(page).getByRole('link', { name: 'Sync' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
    const syncNow = page.getByRole('button', { name: 'Sync now' });
    await expect(syncNow).toBeEnabled();

    await sandbox.close();
    await syncNow.click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The last sync did not finish');
    await expect(alert).toContainText(/reach|offline|connect/i);
    await expect(fact(page, 'Portal')).toHaveText('Offline');
    // The badge in the app bar agrees with the page.
    await expect(page.getByRole('banner').getByRole('status')).toHaveText('Offline');
    await page.screenshot({ path: test.info().outputPath('sync-offline.png'), fullPage: true, animations: 'disabled' });
    expect(consoleErrors).toEqual([]);
  });
});
