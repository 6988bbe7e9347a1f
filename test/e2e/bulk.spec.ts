import fs from 'node:fs';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { BULK_RULES, type BulkRuleId } from '../../core/domain/bulk-rules';
import { translator } from '../../core/messages/say';
import { goodWorkbook, rowRulesFile, wholeFileRuleFiles, type BulkTestFile } from '../support/bulk-files';
import { unredeemedCodes } from '../support/sandbox-portal';
import { expect, test } from './fixtures';
import { nav, sandboxSystems } from './lookup-helpers';

// Tall enough that every row of a job's report is drawn (the grid only draws rows in view).
test.use({ viewport: { width: 1600, height: 2000 } });

const ruleText = (rule: BulkRuleId) => translator('en')(BULK_RULES.find((entry) => entry.id === rule)!.code);

async function openBulk(page: Page) {
  await nav(page).getByRole('link', { name: 'Bulk redemption' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bulk redemption' })).toBeVisible();
}

/** New job from a file, through the file chooser the button opens, as a person would. */
async function chooseBulkFile(page: Page, file: BulkTestFile) {
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'New job from a file' }).click();
  await (await choosing).setFiles(file);
}

/** The problems table's rows as shown: [Row, Column, Rule, Value, Message]. */
async function shownProblems(page: Page): Promise<string[][]> {
  return page
    .getByRole('table', { name: 'Problems' })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
}

test.describe('Bulk redemption against the browser host and the sandbox', () => {
  test('a bulk file breaking each listed rule is refused with the rule’s text and the row; nothing is saved', async ({
    page,
    consoleErrors,
    signedIn,
  }) => {
    test.setTimeout(180_000);
    const { portal } = signedIn;
    const systems = sandboxSystems(portal.dataFile);
    const redeemed = systems.find((system) => system.authCodes.length > 0)!;
    const macs: [string, string] = [systems[0]!.mac, systems[1]!.mac];
    await openBulk(page);

    // The rules are on the page before any file is chosen.
    await expect(page.getByRole('list', { name: 'File rules' }).getByRole('listitem')).toHaveText(
      BULK_RULES.map((rule) => ruleText(rule.id)),
    );

    const { file, breaks } = rowRulesFile(macs, redeemed.authCodes[0]!);
    await chooseBulkFile(page, file);
    await expect(page.getByText(`${file.name} was refused: nothing was saved`)).toBeVisible();
    const problems = await shownProblems(page);
    for (const expected of breaks) {
      expect(
        problems.some(([row, , rule]) => row === String(expected.row) && rule === ruleText(expected.rule)),
        `row ${expected.row} refused by "${expected.rule}" in ${JSON.stringify(problems)}`,
      ).toBe(true);
    }
    // The good row 2 is not named, and the cell is shown verbatim.
    expect(problems.some(([row]) => row === '2')).toBe(false);
    expect(problems.find(([row]) => row === '4')?.[3]).toBe('00:0A:DD:02:3F');
    await page.screenshot({ path: test.info().outputPath('bulk-row-rules.png'), fullPage: true, animations: 'disabled' });

    for (const { file: wholeFile, rule, row: expectedRow } of wholeFileRuleFiles(macs[0])) {
      await chooseBulkFile(page, wholeFile);
      await expect(page.getByText(`${wholeFile.name} was refused: nothing was saved`)).toBeVisible({ timeout: 30_000 });
      const shown = await shownProblems(page);
      expect(
        shown.some(([row, , text]) => row === (expectedRow === null ? 'Whole file' : String(expectedRow)) && text === ruleText(rule)),
        `${wholeFile.name} refused by "${rule}" in ${JSON.stringify(shown)}`,
      ).toBe(true);
    }

    // Nothing was saved: the list is still empty after a reload.
    await page.reload();
    await expect(page.getByText('No jobs yet. Make one from a file or from the inventory.')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('a good file of codes over 2 MACs → Draft review → Start → Completed → each code Redeemed with its key; the report exports to Excel', async ({
    page,
    consoleErrors,
    signedIn,
  }) => {
    test.setTimeout(180_000);
    const { portal } = signedIn;
    const systems = sandboxSystems(portal.dataFile);
    const codes = (await unredeemedCodes(portal)).slice(0, 4).map((entry) => entry.code);
    expect(codes).toHaveLength(4);
    const rows = codes.map((authCode, i) => ({
      mac: systems[i % 2]!.mac,
      authCode: i === 1 ? authCode.toLowerCase().replace(/-/g, '') : authCode,
      systemName: i % 2 === 0 ? 'Bulk front office' : 'Bulk warehouse',
    }));
    const file = await goodWorkbook(rows);
    await openBulk(page);
    await chooseBulkFile(page, file);

    // Draft review: every row, in file order, the code canonical.
    await expect(page).toHaveURL(/#\/bulk\/\d+$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const draftRows = page.getByRole('table', { name: 'Rows' }).locator('tbody tr[aria-rowindex]');
    await expect(draftRows).toHaveCount(4);
    await expect(draftRows.nth(1).locator('td').nth(3)).toHaveText(codes[1]!);
    await expect(page.getByRole('group', { name: 'MACs' }).getByRole('definition')).toHaveText('2');

    // Back to the list: a draft with 4 codes, then Review again (back and forth), rename, start.
    await page.getByRole('link', { name: 'Back to jobs' }).click();
    const jobRow = page.getByRole('table', { name: 'Jobs' }).getByRole('row').filter({ hasText: file.name });
    await expect(jobRow.getByText('Draft')).toBeVisible();
    await jobRow.getByRole('button', { name: 'Rename' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename job' });
    await rename.getByLabel('Job name').fill('E2E bulk order');
    await rename.getByRole('button', { name: 'Save' }).click();
    await expect(rename).toBeHidden();
    const renamed = page.getByRole('table', { name: 'Jobs' }).getByRole('row', { name: 'E2E bulk order' });
    await renamed.getByRole('link', { name: 'Review' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'E2E bulk order' })).toBeVisible();
    await page.getByRole('button', { name: 'Start job' }).click();
    // Nothing is spent before the confirmation, which names codes and systems, Cancel focused.
    const confirm = page.getByRole('dialog', { name: 'Start E2E bulk order?' });
    await expect(confirm).toContainText('This redeems 4 codes on 2 systems now. It cannot be undone.');
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    await expect(page).toHaveURL(/#\/bulk\/\d+$/);
    await page.getByRole('button', { name: 'Start job' }).click();
    await page.getByRole('dialog', { name: 'Start E2E bulk order?' }).getByRole('button', { name: 'Redeem now' }).click();

    // The report follows the job to Completed.
    await expect(page).toHaveURL(/#\/bulk\/\d+\/report$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Report: E2E bulk order' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Completed' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('4 redeemed, 0 refused, 0 waiting')).toBeVisible();
    const reportRows = page.getByRole('table', { name: 'Codes' }).locator('tbody tr[aria-rowindex]');
    await expect(reportRows).toHaveCount(4);
    const shown = await reportRows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.getAttribute('title') ?? td.textContent ?? '')),
    );
    const keys = new Map(
      sandboxSystems(portal.dataFile).flatMap((system) => system.authCodes.map((code, i) => [code, system.featureKeys[i]!] as const)),
    );
    for (const [i, code] of codes.entries()) {
      const row = shown.find((cells) => cells[3] === code);
      expect(row, `${code} in the report`).toBeTruthy();
      expect(row![4]).toBe('Redeemed');
      expect(row![5]).toBe(keys.get(code));
      expect(row![1]!.replace(/:/g, '')).toBe(rows[i]!.mac);
    }
    await page.screenshot({ path: test.info().outputPath('bulk-report.png'), fullPage: true, animations: 'disabled' });

    // The list says Completed, with Report only.
    await page.getByRole('link', { name: 'Back to jobs' }).click();
    const done = page.getByRole('table', { name: 'Jobs' }).getByRole('row', { name: 'E2E bulk order' });
    await expect(done.getByText('Completed')).toBeVisible();
    await expect(done.getByRole('button')).toHaveCount(0);
    await done.getByRole('link', { name: 'Report' }).click();

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export report to Excel' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ExcelJS.Buffer);
    const cells = new Set<string>();
    for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => void cells.add(String(cell.value))));
    for (const code of codes) {
      expect(cells.has(code) || cells.has(code.replace(/-/g, '')), `${code} in the workbook`).toBe(true);
      expect(cells.has(keys.get(code)!), `${code}'s key in the workbook`).toBe(true);
    }
    expect(consoleErrors).toEqual([]);
  });
});
