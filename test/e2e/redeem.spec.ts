import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { startTestPortal, unredeemedCodes, type TestPortal } from '../support/sandbox-portal';
import { startServe, type ServeProcess } from '../support/serve-process';
import { test, expect } from './fixtures';

const MAC = '00:0A:DD:02:3F:8F';
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

async function signInAndOpenRedeem(page: Page, url: string) {
  await page.goto(url);
  await nav(page).getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('User name').fill('demo');
  await page.getByLabel('Password').fill('demo');
  await page.getByLabel('Password').press('Enter');
  await expect(nav(page).getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  await nav(page).getByRole('link', { name: 'Redeem' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Redeem codes' })).toBeVisible();
}

/** Pastes text into a field the way the system clipboard does (a paste event carrying the text). */
async function pasteText(field: Locator, text: string) {
  await field.focus();
  await field.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function enterMac(page: Page, typed: string) {
  const mac = page.getByRole('combobox', { name: 'MAC Address' });
  await mac.fill(typed);
  await mac.press('Tab');
  await expect(mac).toHaveValue(MAC);
}

/** Whether two boxes share any area (touching edges do not). */
function overlap(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test.describe('redeem against the sandbox portal', () => {
  let serve: ServeProcess | null = null;
  let portal: TestPortal | null = null;
  test.afterEach(async () => {
    await serve?.stop();
    serve = null;
    await portal?.close();
    portal = null;
  });

  test('codes typed and pasted → Redeem → results; Export List to Excel reads back with text codes and real dates', async ({
    page,
    sandbox,
    consoleErrors,
  }) => {
    // Wide enough for every column of the results (on a narrower window the MAC steps out under each key: laptop.spec).
    await page.setViewportSize({ width: 1366, height: 768 });
    serve = await startServe({ args: ['--portal', sandbox.url] });
    await signInAndOpenRedeem(page, serve.url);
    const [first, second, third] = await unredeemedCodes(sandbox);
    if (!first || !second || !third) throw new Error('The demo seed should offer at least three unredeemed codes.');

    await enterMac(page, '023f8f');
    // A USB scanner: the code (lower case, no dashes), then Enter, which moves to the next field.
    const code1 = page.getByLabel('Auth Code 1', { exact: true });
    await code1.fill(first.code.replace(/-/g, '').toLowerCase());
    await code1.press('Enter');
    await expect(code1).toHaveValue(first.code);
    await expect(page.getByLabel('Auth Code 2', { exact: true })).toBeFocused();
    // Two more from an e-mail, pasted at once.
    await pasteText(
      page.getByLabel('Auth Code 2', { exact: true }),
      `Your codes:\nCode: ${second.code}\n${third.code.toLowerCase()}\nThanks`,
    );
    await expect(page.getByLabel('Auth Code 2', { exact: true })).toHaveValue(second.code);
    await expect(page.getByLabel('Auth Code 3', { exact: true })).toHaveValue(third.code);
    // The preview names each code's SKU before anything is redeemed.
    await expect(code1).toHaveAccessibleDescription(new RegExp(first.sku));

    await page.getByRole('button', { name: 'Redeem' }).click();
    const table = page.getByRole('table', { name: 'Redeemed feature keys' });
    await expect(table).toBeVisible();
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(4);
    for (const { code } of [first, second, third]) {
      const row = rows.filter({ hasText: code });
      await expect(row).toHaveCount(1);
      await expect(row.getByRole('cell').nth(3)).toHaveText(MAC);
      await expect(row.getByRole('button', { name: `Copy feature key for ${code}` })).toBeVisible();
    }
    const featureKey = (await rows.filter({ hasText: first.code }).getByRole('cell').nth(1).textContent())!;
    expect(featureKey).toMatch(/^\S{4}(-\S{4}){5}$/);
    await page.screenshot({ path: test.info().outputPath('redeem-results.png'), fullPage: true, animations: 'disabled' });

    const [excel] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export List to Excel' }).click()]);
    expect(excel.suggestedFilename()).toMatch(/^feature-keys-000ADD023F8F-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync((await excel.path())!) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Authorization', 'Feature Key', 'SKU Description', 'MAC', 'Redeemed']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const byCode = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, number) => number > 1 && byCode.set(String(row.getCell(1).value), row));
    expect([...byCode.keys()].sort()).toEqual([first.code, second.code, third.code].sort());
    const row = byCode.get(first.code)!;
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(2).value).toBe(featureKey);
    expect(row.getCell(4).value).toBe(MAC);
    expect(row.getCell(5).value).toBeInstanceOf(Date);

    const [text] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .txt' }).click()]);
    expect(text.suggestedFilename()).toMatch(/^feature-keys-000ADD023F8F-\d{4}-\d{2}-\d{2}\.txt$/);
    const content = fs.readFileSync((await text.path())!, 'utf8');
    expect(content).toContain(`${first.code}  ${featureKey}`);

    // Redeem more codes keeps the system and clears the codes.
    await page.getByRole('button', { name: 'Redeem more codes' }).click();
    await expect(page.getByRole('combobox', { name: 'MAC Address' })).toHaveValue(MAC);
    await expect(page.getByLabel('Auth Code 1', { exact: true })).toHaveValue('');
    expect(consoleErrors).toEqual([]);
  });

  test('keyboard at 1366×768: Redeem with problems → a focused summary whose links reach each field; the scan tooltip never covers the MAC error; Ctrl+Enter → the focus on the results heading', async ({
    page,
    sandbox,
    consoleErrors,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    serve = await startServe({ args: ['--portal', sandbox.url] });
    await signInAndOpenRedeem(page, serve.url);
    const [first] = await unredeemedCodes(sandbox);
    if (!first) throw new Error('The demo seed should offer an unredeemed code.');

    // Half a MAC and a code that is not one, then Redeem (one click, straight from the code field).
    const mac = page.getByRole('combobox', { name: 'MAC Address' });
    await mac.fill('00:0A:DD:02');
    const code1 = page.getByLabel('Auth Code 1', { exact: true });
    await code1.fill('ABC');
    await page.getByRole('button', { name: 'Redeem', exact: true }).click();
    const summary = page.getByRole('region', { name: '2 problems to fix' });
    await expect(summary).toBeFocused();
    await expect(summary).toBeInViewport();
    const links = summary.getByRole('link');
    await expect(links).toHaveText([/^MAC Address: A MAC address has 12 hex digits/, /^Auth Code 1: Too short/]);

    // Each link takes the keyboard to its field.
    await page.keyboard.press('Tab');
    await expect(links.first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(mac).toBeFocused();

    // The scan button's tooltip is shown away from the MAC's error.
    await page.getByRole('button', { name: 'Scan MAC from label' }).hover();
    const tooltip = page.getByRole('tooltip', { name: 'Scan MAC from label' });
    await expect(tooltip).toBeVisible();
    const errorId = (await mac.getAttribute('aria-describedby'))!.split(' ')[0]!;
    const error = page.locator(`[id="${errorId}"]`);
    await expect(error).toContainText('A MAC address has 12 hex digits');
    expect(overlap((await tooltip.boundingBox())!, (await error.boundingBox())!)).toBe(false);

    // Fixed fields leave the summary; the last link reaches the code.
    await mac.fill('023f8f');
    await mac.press('Tab');
    await expect(page.getByRole('region', { name: '1 problem to fix' })).toBeVisible();
    await page.getByRole('link', { name: /^Auth Code 1:/ }).click();
    await expect(code1).toBeFocused();

    // Ctrl+Enter redeems; the form is replaced by the results, and the focus goes to their heading.
    await code1.fill(first.code);
    await code1.press('Control+Enter');
    await expect(page.getByRole('table', { name: 'Redeemed feature keys' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Feature keys' })).toBeFocused();
    await expect(page.getByRole('region', { name: /to fix/ })).toHaveCount(0);
    expect(consoleErrors).toEqual([]);
  });

  test('offline → queued, pending on the Sync page → portal back → completed with a notification, redeemed exactly once', async ({
    page,
    consoleErrors,
  }) => {
    test.setTimeout(120_000);
    portal = await startTestPortal({ seed: 'demo' });
    const { port, dataDir } = portal;
    serve = await startServe({ args: ['--portal', portal.url] });
    await signInAndOpenRedeem(page, serve.url);
    const codes = (await unredeemedCodes(portal)).slice(0, 2).map((entry) => entry.code);

    await enterMac(page, '000ADD023F8F');
    await pasteText(page.getByLabel('Auth Code 1', { exact: true }), codes.join('\n'));
    await expect(page.getByLabel('Auth Code 2', { exact: true })).toHaveValue(codes[1]!);

    await portal.close();
    portal = null;
    await page.getByRole('button', { name: 'Redeem' }).click();
    await expect(page.getByText('Queued: the redemption will be sent when the portal can be reached')).toBeVisible();
    // Offline too, the focus follows to what replaced the form.
    await expect(page.getByRole('heading', { level: 2, name: /queued/i })).toBeFocused();
    await expect(page.getByRole('list', { name: 'Queued authorization codes' }).getByRole('listitem')).toHaveCount(2);
    await page.screenshot({ path: test.info().outputPath('redeem-queued.png'), fullPage: true, animations: 'disabled' });

    // The Sync page lists it as waiting (by its code or its system).
    await page.getByRole('link', { name: 'Open the Sync page' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(new RegExp(`${codes[0]}|${MAC}`));
    await expect(page.getByRole('main')).toContainText(/pending|waiting|queued/i);

    // The portal is back (same address, same data): the outbox sends it by itself.
    portal = await startTestPortal({ seed: 'demo', dataDir, port });
    await expect(page.getByText(`Queued redemption sent: 2 feature keys for ${MAC}.`)).toBeVisible({ timeout: 90_000 });

    // Back on the Redeem page, the results are there.
    await nav(page).getByRole('link', { name: 'Redeem' }).click();
    const table = page.getByRole('table', { name: 'Redeemed feature keys' });
    await expect(table.getByRole('row')).toHaveCount(3);

    // The portal redeemed each code once, to this system.
    const token = await portal.login();
    for (const code of codes) {
      const lookup = (await (await portal.call('GET', `/api/v1/auth-codes/${code}`, { token })).json()) as { status: string; mac: string };
      expect(lookup).toMatchObject({ status: 'redeemed', mac: '000ADD023F8F' });
    }
    const keys = (await (await portal.call('GET', '/api/v1/systems/000ADD023F8F/keys', { token })).json()) as {
      keys: { authCode: string }[];
    };
    expect(keys.keys.filter((key) => codes.includes(key.authCode))).toHaveLength(2);
    // Neither code is offered as unredeemed any more.
    const left = (await unredeemedCodes(portal)).map((entry) => entry.code);
    expect(left.filter((code) => codes.includes(code))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
