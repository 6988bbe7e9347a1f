import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { colons, lowerColons, nav, sandboxSystems } from './lookup-helpers';

test.describe('Quick Lookup from the cache', () => {
  test('portal stopped: a synced system’s MAC typed as 00:0a:dd:… shows its keys and inventory; exports; reload keeps it; an unknown MAC offers to add it', async ({
    page,
    consoleErrors,
    signedIn,
  }) => {
    test.setTimeout(120_000);
    const { portal } = signedIn;
    const [system] = sandboxSystems(portal.dataFile);
    if (!system || system.authCodes.length < 2) throw new Error('The demo seed should give a system at least two keys.');

    // Closing twice is harmless: the fixture closes it again at the end.
    await portal.close();

    await nav(page).getByRole('link', { name: 'Quick Lookup' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Quick Lookup' })).toBeVisible();
    const mac = page.getByRole('combobox', { name: 'MAC Address' });
    await mac.fill(lowerColons(system.mac));
    await page.getByRole('button', { name: 'Look up' }).click();

    const table = page.getByRole('table', { name: 'Feature keys of this system' });
    await expect(table.getByRole('row')).toHaveCount(system.authCodes.length + 1);
    await expect(page).toHaveURL(new RegExp(`#/lookup\\?mac=${system.mac}$`));
    await expect(mac).toHaveValue(colons(system.mac));
    await expect(page.getByRole('heading', { level: 2, name: system.name })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Customer' }).getByRole('definition')).toHaveText(system.customer);
    await expect(table.getByRole('columnheader')).toHaveText(['SKU', 'Auth Code', 'Feature Key']);
    for (const [i, code] of system.authCodes.entries()) {
      const row = table.getByRole('row').filter({ hasText: code });
      await expect(row.getByRole('cell').nth(2)).toHaveText(system.featureKeys[i]!);
      await expect(row.getByRole('button', { name: `Copy feature key for ${code}` })).toBeVisible();
    }
    const inventory = page.getByRole('table', { name: 'Licence inventory' });
    await expect(inventory.getByRole('row').last()).toHaveText(`Total of elementary features${system.authCodes.length}`);
    await page.screenshot({ path: test.info().outputPath('quick-lookup.png'), fullPage: true, animations: 'disabled' });

    // The customer handover workbook holds every code and key, keys as text exactly as stored.
    const [excel] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export to Excel' }).click()]);
    expect(excel.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync((await excel.path())!) as unknown as ExcelJS.Buffer);
    const cells = new Set<string>();
    for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => void cells.add(String(cell.value))));
    for (const [i, code] of system.authCodes.entries()) {
      expect(cells.has(code)).toBe(true);
      expect(cells.has(system.featureKeys[i]!)).toBe(true);
    }
    const [text] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export .txt' }).click()]);
    expect(text.suggestedFilename()).toMatch(/\.txt$/);
    const content = fs.readFileSync((await text.path())!, 'utf8');
    for (const key of system.featureKeys) expect(content).toContain(key);

    // Reload lands on the same lookup, still offline.
    await page.reload();
    await expect(page.getByRole('table', { name: 'Feature keys of this system' }).getByRole('row')).toHaveCount(
      system.authCodes.length + 1,
    );
    await expect(page.getByRole('combobox', { name: 'MAC Address' })).toHaveValue(colons(system.mac));

    // A MAC the cache does not know: said plainly, with a way to add it.
    await page.getByRole('combobox', { name: 'MAC Address' }).fill('fffffe');
    await page.getByRole('combobox', { name: 'MAC Address' }).press('Enter');
    await expect(page.getByText('00:0A:DD:FF:FF:FE is not on this computer')).toBeVisible();
    await page.getByRole('link', { name: 'Add this system' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Systems' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'MAC Address' })).toHaveValue('00:0A:DD:FF:FF:FE');

    // Back returns to the lookup of the unknown MAC, then to the synced system.
    await page.goBack();
    await expect(page.getByText('00:0A:DD:FF:FF:FE is not on this computer')).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('heading', { level: 2, name: system.name })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });
});
