import type { Locator, Page } from '@playwright/test';
import { distributorWorkbook, CODES_NEEDED } from '../support/distributor-workbook';
import { unredeemedCodes } from '../support/sandbox-portal';
import { expect, test } from './fixtures';
import { nav } from './lookup-helpers';
import { fact } from './locators';

// Tall enough that every row of the report and of the Codes list is drawn (the list only draws rows in view).
test.use({ viewport: { width: 1700, height: 2400 } });

const report = (page: Page) => page.getByRole('region', { name: /^Draft report/ });
const reportRow = (page: Page, table: string, text: string) =>
  report(page).getByRole('table', { name: table, exact: true }).getByRole('row').filter({ hasText: text });
const codesTable = (page: Page) => page.getByRole('table', { name: 'Codes', exact: true });
const balanceRow = (page: Page, sku: string) =>
  page
    .getByRole('table', { name: 'Balance by SKU' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: sku, exact: true }) });

/** The Code cells of the Codes list as shown. */
async function listedCodes(page: Page): Promise<string[]> {
  return codesTable(page)
    .locator('tbody tr[aria-rowindex]')
    .evaluateAll((rows) => rows.map((row) => row.querySelector('td')?.textContent ?? '').filter(Boolean));
}

/** A balance row's counts: Available, Unchecked, Queued, Total. */
async function balanceCounts(row: Locator): Promise<number[]> {
  const cells = await row.getByRole('cell').allTextContents();
  return cells.slice(2, 6).map((text) => Number(text.replace(/\D/g, '')));
}

test.describe('Codes page against the browser host and the sandbox', () => {
  test("a distributor's workbook (title row, header on row 3, codes in every form, Code 128 and QR pictures, a pictures-only sheet, an invalid piece, a duplicate) → Draft report → Import → each valid code listed once and counted → checked → Pick from inventory fills the Redeem form", async ({
    page,
    consoleErrors,
    signedIn,
  }) => {
    test.setTimeout(240_000);
    const { portal } = signedIn;
    // Five codes of one SKU typed on the order sheet, two of the next SKU only as pictures.
    const codes = (await unredeemedCodes(portal)).sort((a, b) => a.sku.localeCompare(b.sku) || a.code.localeCompare(b.code));
    expect(codes.length).toBeGreaterThanOrEqual(CODES_NEEDED);
    const workbook = await distributorWorkbook(codes.slice(0, CODES_NEEDED));
    const { expected } = workbook;
    const typed = expected.codes.filter((code) => code.source !== 'picture');
    const picturesOnly = expected.codes.filter((code) => code.source === 'picture');
    const typedSku = typed[0]!.sku;
    expect(typed.every((code) => code.sku === typedSku)).toBe(true);

    await nav(page).getByRole('link', { name: 'Codes' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Codes' })).toBeVisible();

    // Import distributor spreadsheet: the file chooser.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import distributor spreadsheet' }).click();
    await (await chooser).setFiles({
      name: workbook.fileName,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook.buffer,
    });
    await expect(page.getByRole('heading', { level: 2, name: `Draft report: ${workbook.fileName}` })).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: test.info().outputPath('codes-draft-report.png'), fullPage: true, animations: 'disabled' });

    // The typed codes, in every form, each found once with its sheet and row, new.
    for (const code of typed) {
      const row = reportRow(page, 'Codes found', code.code);
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(`${code.sheet}, row ${code.row}`);
      await expect(row).toContainText(typedSku);
      await expect(row).toContainText('New');
      await expect(row.getByRole('checkbox', { name: `Import ${code.code}` })).toBeChecked();
    }
    const textOnly = typed.filter((code) => code.source === 'text');
    for (const code of textOnly) await expect(reportRow(page, 'Codes found', code.code)).toContainText(/From text(?! and)/);
    // The piece that looks like a code and is not: verbatim, with its sheet and row.
    const notCode = reportRow(page, 'Not codes', expected.notCode.text);
    await expect(notCode).toHaveCount(1);
    await expect(notCode.getByRole('cell').nth(1)).toHaveText(expected.notCode.sheet);
    await expect(notCode.getByRole('cell').nth(2)).toHaveText(String(expected.notCode.row));
    await expect(notCode).toContainText('Group 3 has 5 characters');
    // The duplicate, with each place.
    const duplicate = reportRow(page, 'Duplicates within the file', expected.duplicate.code);
    await expect(duplicate).toContainText(expected.duplicate.rows.map((row) => `${expected.duplicate.sheet}, row ${row}`).join('; '));
    await expect(fact(page, 'Duplicates within the file')).toHaveText('1');
    await expect(fact(page, 'Not codes')).toHaveText('1');
    await expect(fact(page, 'Pictures')).toHaveText(String(expected.counts.pictures));

    // Pictures, decoded in core: the Code 128 and QR beside typed codes confirm them; the
    // pictures-only sheet adds two codes found nowhere as text.
    await test.step('pictures: decoded, confirming typed codes and adding the pictures-only codes', async () => {
      await expect(fact(page, 'Codes found')).toHaveText(String(expected.counts.codes));
      await expect(fact(page, 'From text')).toHaveText(String(expected.counts.fromText));
      await expect(fact(page, 'From text and a picture')).toHaveText(String(expected.counts.fromBoth));
      await expect(fact(page, 'From a picture')).toHaveText(String(expected.counts.fromPicture));
      for (const code of expected.codes.filter((c) => c.source === 'both')) {
        await expect(reportRow(page, 'Codes found', code.code)).toContainText('From text and a picture');
      }
      for (const code of picturesOnly) {
        const row = reportRow(page, 'Codes found', code.code);
        await expect(row).toHaveCount(1);
        await expect(row).toContainText('From a picture');
        await expect(row).toContainText(`${code.sheet}, row ${code.row}`);
      }
      // Every picture gave a code.
      await expect(report(page).getByRole('table', { name: 'Pictures that gave no code' })).toHaveCount(0);
    });
    const valid = expected.codes;

    // Import: every valid code stored once.
    await report(page)
      .getByRole('button', { name: new RegExp(`^Import ${valid.length} codes$`) })
      .click();
    await expect(
      page.getByRole('status').filter({ hasText: `Imported from ${workbook.fileName}: ${valid.length} new codes added` }),
    ).toBeVisible();
    await expect(report(page)).toHaveCount(0);

    await expect(page.getByText(`${valid.length} codes`, { exact: true })).toBeVisible();
    await expect.poll(async () => (await listedCodes(page)).sort()).toEqual(valid.map((code) => code.code).sort());
    const typedRow = codesTable(page).getByRole('row').filter({ hasText: typed[0]!.code });
    await expect(typedRow).toContainText('Unchecked');
    await expect(typedRow).toContainText(`${workbook.fileName}, ${typed[0]!.sheet}, row ${typed[0]!.row}`);
    // The balance counts them (unchecked until the portal is asked).
    await expect.poll(() => balanceCounts(balanceRow(page, typedSku))).toEqual([0, typed.length, 0, typed.length]);
    await expect.poll(() => balanceCounts(balanceRow(page, 'SKU not known yet'))).toEqual([0, picturesOnly.length, 0, picturesOnly.length]);

    // Check with the portal: all available.
    await page.getByRole('button', { name: 'Check with the portal' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: `The portal answered for ${valid.length} codes: ${valid.length} available` }),
    ).toBeVisible({
      timeout: 30_000,
    });
    await expect.poll(() => balanceCounts(balanceRow(page, typedSku))).toEqual([typed.length, 0, 0, typed.length]);
    await expect(codesTable(page).getByRole('row').filter({ hasText: typed[0]!.code })).toContainText('Available');
    // The pictures-only codes had no SKU in the file: the portal's answer gave them theirs.
    await expect
      .poll(() => balanceCounts(balanceRow(page, picturesOnly[0]!.sku)))
      .toEqual([picturesOnly.length, 0, 0, picturesOnly.length]);
    await page.screenshot({ path: test.info().outputPath('codes-page.png'), fullPage: true, animations: 'disabled' });

    await test.step("the list's search lives in the address: a reload shows the same search, Back the one before", async () => {
      await page.getByRole('combobox', { name: 'Status' }).click();
      await page.getByRole('option', { name: 'Available', exact: true }).click();
      await expect(page).toHaveURL(/#\/codes\?status=available$/);
      await page.getByRole('combobox', { name: 'SKU' }).click();
      await page.getByRole('option', { name: typedSku, exact: true }).click();
      await codesTable(page).getByRole('button', { name: 'Code', exact: true }).click();
      await page.getByLabel('Contains').fill(typed[0]!.code.slice(0, 6));
      await page.getByLabel('Contains').press('Enter');
      await expect(page).toHaveURL(/#\/codes\?q=[^&]+&status=available&sku=[^&]+&sort=code$/);
      await expect.poll(() => listedCodes(page)).toEqual([typed[0]!.code]);
      await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: 'Codes' })).toBeVisible();
      await expect(page.getByLabel('Contains')).toHaveValue(typed[0]!.code.slice(0, 6));
      await expect(page.getByRole('combobox', { name: 'Status' })).toHaveText('Available');
      await expect(page.getByRole('combobox', { name: 'SKU' })).toHaveText(typedSku);
      await expect.poll(() => listedCodes(page)).toEqual([typed[0]!.code]);
      await page.goBack();
      await expect(page).toHaveURL(/#\/codes\?status=available&sku=[^&]+&sort=code$/);
      await expect(page.getByLabel('Contains')).toHaveValue('');
      await expect.poll(async () => (await listedCodes(page)).sort()).toEqual(typed.map((code) => code.code).sort());
    });

    // Redeem: Pick from inventory fills three fields with available codes of the typed SKU.
    await nav(page).getByRole('link', { name: 'Redeem' }).click();
    await page.getByRole('button', { name: 'Pick from inventory' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pick from inventory' });
    await dialog.getByRole('combobox', { name: 'SKU' }).click();
    await page.getByRole('option', { name: new RegExp(`^${typedSku}\\b.*\\(${typed.length} available\\)$`) }).click();
    await dialog.getByLabel('How many codes').fill('3');
    await dialog.getByRole('button', { name: 'Fill' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: `Filled 3 code fields with available codes of ${typedSku}.` })).toBeVisible();
    const filled = await Promise.all([1, 2, 3].map((n) => page.getByLabel(`Auth Code ${n}`, { exact: true }).inputValue()));
    expect(new Set(filled).size).toBe(3);
    for (const code of filled) expect(typed.map((c) => c.code)).toContain(code);
    await expect(page.getByLabel('Auth Code 4', { exact: true })).toHaveValue('');

    expect(consoleErrors).toEqual([]);
  });
});
