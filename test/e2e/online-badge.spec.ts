import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestPortal } from '../support/sandbox-portal';
import { test, expect } from './fixtures';
import { fact } from './locators';

/** A stand-in portal: any HTTP answer counts as reachable. */
async function startFakePortal(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('portal'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('the online badge follows the portal: Online when it answers, Offline after Check now once it stopped', async ({
  page,
  host,
  consoleErrors,
}) => {
  const portal = await startFakePortal();
  try {
    await page.goto(host.url);
    const badge = page.getByRole('banner').getByRole('status');
    // The embedded sandbox portal answers from the start.
    await expect(badge).toHaveText('Online');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('textbox', { name: 'Portal address' }).fill(portal.url);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Settings saved')).toBeVisible();
    await expect(badge).toHaveText('Online');

    await portal.close();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
    await expect(fact(page, 'Portal address')).toHaveText(portal.url);
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect(badge).toHaveText('Offline');
    await expect(fact(page, 'Status')).toHaveText('Offline');
    await expect(fact(page, 'Last checked')).not.toHaveText('Not checked yet');
    expect(consoleErrors).toEqual([]);
  } finally {
    await portal.close();
  }
});

test('the badge turns Offline within 5 s of a failed request to a stopped portal, and Online when the next request is answered', async ({
  page,
  signedIn,
  consoleErrors,
}) => {
  const { portal } = signedIn;
  const { port, dataDir } = portal;
  const badge = page.getByRole('banner').getByRole('status');
  await expect(badge).toHaveText('Online');
  const syncNow = page.getByRole('button', { name: 'Sync now' });

  // The periodic check is a minute away (the default): only the failed pull can turn it Offline.
  await portal.close();
  await syncNow.click();
  await expect(badge).toHaveText('Offline', { timeout: 5_000 });

  const restarted = await startTestPortal({ seed: 'demo', port, dataDir });
  try {
    await expect(syncNow).toBeEnabled();
    await syncNow.click();
    await expect(badge).toHaveText('Online', { timeout: 5_000 });
    await expect(fact(page, 'Last successful sync')).not.toHaveText('Never');
  } finally {
    await restarted.close();
  }
  expect(consoleErrors).toEqual([]);
});
