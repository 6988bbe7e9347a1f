import { startTestPortal, type TestPortal } from '../support/sandbox-portal';
import { startServe, type ServeProcess } from '../support/serve-process';
import { expect, test } from './fixtures';
import { nav, sandboxSystemRecord, signInAndSync } from './lookup-helpers';

const NEW_MAC = '000ADDEE0001';

test.describe('Add Systems through the outbox', () => {
  let serve: ServeProcess | null = null;
  let portal: TestPortal | null = null;
  test.afterEach(async () => {
    await serve?.stop();
    serve = null;
    await portal?.close();
    portal = null;
  });

  test('portal unreachable: one system added and queued → portal back → sent once; then a range of 3 added', async ({
    page,
    consoleErrors,
  }) => {
    test.setTimeout(180_000);
    portal = await startTestPortal({ seed: 'demo' });
    const { port, dataDir, dataFile } = portal;
    serve = await startServe({ args: ['--portal', portal.url] });
    await signInAndSync(page, serve.url);

    await portal.close();
    portal = null;

    await nav(page).getByRole('link', { name: 'Systems' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Systems' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'One system' })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('textbox', { name: 'MAC Address' }).fill('00-0a-dd-ee-00-01');
    await page.getByRole('textbox', { name: 'System Name' }).fill('E2E Front Desk');
    await page.getByRole('button', { name: 'Save' }).click();

    const report = page.getByRole('table', { name: 'Add Systems report' });
    const row = report.getByRole('row').filter({ hasText: '00:0A:DD:EE:00:01' });
    await expect(row.getByRole('cell').nth(1)).toHaveText('Added');
    await expect(row.getByRole('cell').nth(2)).toHaveText('Queued');
    await expect(page.getByRole('status').filter({ hasText: 'Queued for the portal' })).toContainText(/saved on this computer/i);
    await page.screenshot({ path: test.info().outputPath('add-system-queued.png'), fullPage: true, animations: 'disabled' });

    // On this computer already: the systems list has it, linking to its page.
    const list = page.getByRole('table', { name: 'Systems on this computer' });
    await page.getByRole('textbox', { name: 'Filter systems' }).fill('E2E Front');
    await expect(list.getByRole('link', { name: '00:0A:DD:EE:00:01' })).toBeVisible();

    // The Sync page lists it as waiting.
    await page.getByRole('link', { name: 'Open the Sync page' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Operations waiting for the portal' })).toContainText(/00:0A:DD:EE:00:01|E2E Front Desk/);

    // The portal is back (same address, same data): the outbox sends it by itself, once.
    portal = await startTestPortal({ seed: 'demo', dataDir, port });
    await expect(page.getByText('Nothing is waiting for the portal.')).toBeVisible({ timeout: 90_000 });
    expect(sandboxSystemRecord(dataFile, NEW_MAC)).toEqual({ systems: 1, name: 'E2E Front Desk', requests: 1 });

    // A range of three, with the portal reachable.
    await nav(page).getByRole('link', { name: 'Systems' }).click();
    await page.getByRole('tab', { name: 'A range' }).click();
    await page.getByRole('textbox', { name: 'From' }).fill('00:0A:DD:EE:01:01');
    await page.getByRole('textbox', { name: 'To' }).fill('ee0103');
    await expect(page.getByText('Systems in this range: 3 (00:0A:DD:EE:01:01 – 00:0A:DD:EE:01:03)')).toBeVisible();
    await page.getByRole('textbox', { name: 'System Name (Optional)' }).fill('E2E Depot');
    await page.getByRole('button', { name: 'Save' }).click();
    const rangeRows = page.getByRole('table', { name: 'Add Systems report' }).getByRole('row');
    await expect(rangeRows).toHaveCount(4);
    await expect(rangeRows.filter({ hasText: 'Added' })).toHaveCount(3);
    await expect(page.getByText('Added: 3 · Renamed: 0 · Already known: 0 · Invalid: 0')).toBeVisible();
    await expect(rangeRows.filter({ hasText: 'Sent' })).toHaveCount(3, { timeout: 60_000 });
    for (const [i, mac] of ['000ADDEE0101', '000ADDEE0102', '000ADDEE0103'].entries()) {
      expect(sandboxSystemRecord(dataFile, mac)).toMatchObject({ systems: 1, name: `E2E Depot ${i + 1}`, requests: 1 });
    }

    // The new system's page; renaming it goes to the portal too.
    await page.getByRole('table', { name: 'Systems on this computer' }).getByRole('link', { name: '00:0A:DD:EE:01:02' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'E2E Depot 2' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Show in Keys' })).toHaveAttribute('href', '#/keys?by=mac&q=000ADDEE0102');
    await page.getByRole('textbox', { name: 'System Name' }).fill('E2E Loading Bay');
    await page.getByRole('button', { name: 'Rename' }).click();
    await expect(page.getByText('Renamed, and the portal has the new name.')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('heading', { level: 1, name: 'E2E Loading Bay' })).toBeVisible();
    expect(sandboxSystemRecord(dataFile, '000ADDEE0102').name).toBe('E2E Loading Bay');
    expect(consoleErrors).toEqual([]);
  });
});
