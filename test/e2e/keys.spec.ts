import type { Download, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { test, expect } from './fixtures';
import { fact } from './locators';
import { nav } from './lookup-helpers';

const keysTable = (page: Page) => page.getByRole('table', { name: 'Feature keys' });

// Tall enough that every row of these small lists is drawn (the table only draws rows in view).
test.use({ viewport: { width: 1600, height: 2200 } });

interface ShownKey {
  sku: string;
  authCode: string;
  featureKey: string;
}

/** The table's body rows as shown, in order. */
async function shownKeys(page: Page): Promise<ShownKey[]> {
  return keysTable(page)
    .locator('tbody tr[aria-rowindex]')
    .evaluateAll((rows) =>
      rows.map((row) => {
        const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '');
        return { sku: cells[0] ?? '', authCode: cells[2] ?? '', featureKey: cells[3] ?? '' };
      }),
    );
}

/** The count above the table ("12 keys") as a number. */
async function shownCount(page: Page): Promise<number> {
  const text = await page.getByText(/^(\d[\d,]*) keys?$/).textContent();
  return Number(text!.replace(/\D/g, ''));
}

interface ExportedKey {
  authCode: string;
  featureKey: string;
  /** exceljs's type of the Feature Key cell: a string, never a formula. */
  featureKeyType: ExcelJS.ValueType;
}

/** The Auth Code and Feature Key columns of an exported workbook, below its header, in order. */
async function readExport(download: Download): Promise<ExportedKey[]> {
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  let headerRow = 0;
  let authColumn = 0;
  let keyColumn = 0;
  sheet.eachRow((row, number) => {
    if (headerRow) return;
    row.eachCell((cell, column) => {
      if (cell.text === 'Auth Code') authColumn = column;
      if (cell.text === 'Feature Key') keyColumn = column;
    });
    if (authColumn && keyColumn) headerRow = number;
  });
  expect(headerRow, 'the export has a header with Auth Code and Feature Key').toBeGreaterThan(0);
  const keys: ExportedKey[] = [];
  sheet.eachRow((row, number) => {
    if (number <= headerRow) return;
    const key = row.getCell(keyColumn);
    keys.push({ authCode: row.getCell(authColumn).text, featureKey: key.text, featureKeyType: key.type });
  });
  return keys;
}

async function openKeys(page: Page) {
  await nav(page).getByRole('link', { name: 'Keys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Keys' })).toBeVisible();
}

/** The US time the portal writes, `10/14/2009 4:55:28 PM`, of a local time. */
function portalTime(date: Date): string {
  const hours = date.getHours() % 12 || 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getMonth() + 1}/${date.getDate()}/${date.getFullYear()} ${hours}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${date.getHours() < 12 ? 'AM' : 'PM'}`;
}

test.describe('Keys page against the browser host', () => {
  test('filter + sort + Export List to Excel: the workbook holds the rows the table shows, in its order; Details survives a reload', async ({
    page,
    signedIn: _signedIn,
    consoleErrors,
  }) => {
    await openKeys(page);
    await expect(page.getByText(/^Last synced /)).toBeVisible();

    // Every key since the first one, narrowed to the SKU of the first row shown.
    await page.getByLabel('Start Date').fill('');
    await expect(keysTable(page).locator('tbody tr[aria-rowindex]').first()).toBeVisible();
    const sku = (await shownKeys(page))[0]!.sku.slice(0, 7);
    expect(sku).toMatch(/^\d{7}$/);
    await page.getByRole('combobox', { name: 'By' }).click();
    await page.getByRole('option', { name: 'SKU', exact: true }).click();
    await page.getByLabel('Contains').fill(sku);
    await page.getByLabel('Contains').press('Enter');
    await expect.poll(async () => (await shownKeys(page)).every((key) => key.sku.startsWith(sku))).toBe(true);

    // Sorted by Auth Code on the core, A→Z.
    await keysTable(page).getByRole('button', { name: 'Auth Code' }).click();
    await expect(keysTable(page).getByRole('columnheader', { name: 'Auth Code' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(page).toHaveURL(/#\/keys\?.*by=sku.*sort=authCode&dir=asc/);
    await expect
      .poll(async () => {
        const codes = (await shownKeys(page)).map((key) => key.authCode);
        return codes.length > 1 && codes.join() === [...codes].sort().join();
      })
      .toBe(true);
    const shown = await shownKeys(page);
    expect(await shownCount(page)).toBe(shown.length);
    expect(shown.every((key) => key.sku.startsWith(sku))).toBe(true);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export List to Excel' }).click();
    const exported = await readExport(await downloading);
    expect(exported.map(({ authCode, featureKey }) => ({ authCode, featureKey }))).toEqual(
      shown.map(({ authCode, featureKey }) => ({ authCode, featureKey })),
    );
    await expect(page.getByRole('progressbar', { name: 'Export progress' })).toHaveCount(0);

    // Details over the list, from a row; a reload shows it again; Escape returns to the same list.
    const first = shown[0]!;
    await page.getByRole('button', { name: `Details of ${first.authCode}` }).click();
    const dialog = page.getByRole('dialog', { name: `Key ${first.authCode}` });
    await expect(dialog).toBeVisible();
    await expect(fact(page, 'Feature Key')).toHaveText(first.featureKey);
    await expect(dialog.getByRole('link', { name: /^00:0A:DD:/ })).toHaveAttribute('href', /^#\/systems\/000ADD[0-9A-F]{6}$/);
    await page.screenshot({ path: test.info().outputPath('keys-details.png'), animations: 'disabled' });
    await page.reload();
    await expect(page.getByRole('dialog', { name: `Key ${first.authCode}` })).toBeVisible();
    await expect(fact(page, 'Feature Key')).toHaveText(first.featureKey);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page).toHaveURL(/#\/keys\?.*by=sku.*sort=authCode/);
    await expect(page.getByLabel('Contains')).toHaveValue(sku);
    expect((await shownKeys(page)).map((key) => key.authCode)).toEqual(shown.map((key) => key.authCode));
    await page.screenshot({ path: test.info().outputPath('keys-page.png'), animations: 'disabled' });
    expect(consoleErrors).toEqual([]);
  });

  test('a portal export (header on row 3, a key beginning with "=") imported with the button shows in the table; exported again the key is text; Quick Lookup of its MAC shows its keys', async ({
    page,
    host,
    consoleErrors,
  }) => {
    // Without ever signing in: the cache is filled from the portal's own export.
    await page.goto(host.url);
    await openKeys(page);
    await expect(page.getByText("Never synced: sign in and sync, or import the portal's export")).toBeVisible();

    const yesterday = new Date(Date.now() - 24 * 3600_000);
    const portalRows = [
      [
        '8210010 - 6x Internet Call Access Key',
        'Allworx Corp.',
        '2ZJCZN-2HEYV7-V3YJN8-5MSTGG',
        '=8ak4-2PSR-fHmR-K4le-1pWl',
        '00:0A:DD:02:3F:8F',
      ],
      [
        '8210027 - 6x User Upgrade 31-60 Users',
        'Allworx Corp.',
        '2ETTZ5-61DA9F-V5KUJZ-3QC9R6',
        'Fn&P-$sqS-D93i-RQe7-BB2g-s&DE',
        '000add023f8f',
      ],
      [
        '8210010 - 6x Internet Call Access Key',
        'Allworx Corp.',
        '43XC98-68WTGB-CWMH53-YS4RA9',
        '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK',
        '00-0A-DD-11-22-33',
      ],
    ];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('View Codes');
    sheet.getRow(1).values = ['Allworx Feature Key System: View Codes'];
    sheet.getRow(3).values = ['SKU', 'Distributor', 'Auth', 'Key', 'MAC', 'Redeemed', 'Details'];
    portalRows.forEach((row, i) => {
      sheet.getRow(4 + i).values = [...row, portalTime(new Date(yesterday.getTime() + i * 60_000)), 'Details'];
    });
    // The key beginning with "=" is stored as the text it is (exceljs would write a formula for a formula object only).
    const file = test.info().outputPath('View Codes.xlsx');
    await workbook.xlsx.writeFile(file);

    const choosing = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import portal export' }).click();
    await (await choosing).setFiles(file);
    const report = page.getByRole('dialog', { name: 'Import finished' });
    await expect(report).toBeVisible();
    await expect(report.getByRole('group', { name: 'Imported', exact: true }).getByRole('definition')).toHaveText('3');
    await expect(report.getByRole('group', { name: 'Rejected rows', exact: true }).getByRole('definition')).toHaveText('0');
    await expect(report.getByRole('group', { name: 'Worksheet', exact: true }).getByRole('definition')).toHaveText(
      'View Codes, header on row 3',
    );
    await page.screenshot({ path: test.info().outputPath('keys-import-report.png'), animations: 'disabled' });
    await report.getByRole('button', { name: 'Close' }).click();

    // Newest first, each marked as imported until a sync confirms it.
    await expect.poll(async () => (await shownKeys(page)).map((key) => key.authCode)).toEqual(portalRows.map((row) => row[2]).reverse());
    await expect(keysTable(page).getByRole('img', { name: 'Imported from a portal export, not yet confirmed by a sync' })).toHaveCount(3);
    await expect(page.getByText(/^3 keys$/)).toBeVisible();
    const shown = await shownKeys(page);
    expect(shown.find((key) => key.authCode === '2ZJCZN-2HEYV7-V3YJN8-5MSTGG')?.featureKey).toBe('=8ak4-2PSR-fHmR-K4le-1pWl');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export List to Excel' }).click();
    const exported = await readExport(await downloading);
    expect(exported.map(({ authCode, featureKey }) => ({ authCode, featureKey }))).toEqual(
      shown.map(({ authCode, featureKey }) => ({ authCode, featureKey })),
    );
    const formulaLike = exported.find((key) => key.featureKey.startsWith('='));
    expect(formulaLike).toEqual({
      authCode: '2ZJCZN-2HEYV7-V3YJN8-5MSTGG',
      featureKey: '=8ak4-2PSR-fHmR-K4le-1pWl',
      featureKeyType: ExcelJS.ValueType.String,
    });

    // Still never signed in: a Quick Lookup of an imported MAC (typed another way) shows its keys.
    await nav(page).getByRole('link', { name: 'Quick Lookup' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Quick Lookup' })).toBeVisible();
    await page.getByRole('combobox', { name: 'MAC Address' }).fill('000a.dd02.3f8f');
    await page.getByRole('button', { name: 'Look up' }).click();
    const systemKeys = page.getByRole('table', { name: 'Feature keys of this system' });
    await expect(systemKeys.getByRole('row')).toHaveCount(3);
    await expect(systemKeys.getByRole('row').filter({ hasText: '2ZJCZN-2HEYV7-V3YJN8-5MSTGG' }).getByRole('cell').nth(2)).toHaveText(
      '=8ak4-2PSR-fHmR-K4le-1pWl',
    );
    await expect(systemKeys.getByRole('row').filter({ hasText: '2ETTZ5-61DA9F-V5KUJZ-3QC9R6' })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });
});
