import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { nav, sandboxSystems } from './lookup-helpers';

const searchField = (page: Page) => page.getByRole('banner').getByRole('combobox', { name: 'Search' });

test.describe('search from the app bar', () => {
  test('Ctrl+K, part of a system name, Enter → that system’s page; a MAC in dots, arrow down, Enter; a narrow window', async ({
    page,
    consoleErrors,
    signedIn,
  }) => {
    test.setTimeout(120_000);
    const { portal } = signedIn;
    const systems = sandboxSystems(portal.dataFile);
    // A name no other system's name contains, so "the right system" is unambiguous.
    const target = systems.find((system) => systems.every((other) => other === system || !other.name.includes(system.name.slice(2))));
    if (!target) throw new Error('The demo seed should have a system with a distinctive name.');
    const part = target.name.slice(2).toLowerCase();

    await page.getByRole('heading', { level: 1, name: 'Sync' }).click();
    await page.keyboard.press('Control+k');
    await expect(searchField(page)).toBeFocused();
    await expect(searchField(page)).toHaveAttribute('placeholder', 'Search MAC, code, key, system, customer (Ctrl+K)');
    await page.keyboard.type(part);
    const systemsGroup = page.getByRole('listbox').getByRole('group', { name: 'Systems' });
    await expect(systemsGroup.getByRole('option').first()).toContainText(target.name);
    await page.screenshot({ path: test.info().outputPath('search-popup.png'), animations: 'disabled' });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: target.name })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/systems/${target.mac}$`));
    await expect(searchField(page)).toHaveValue('');

    // A MAC written with dots, picked with the arrow keys; Escape first clears the field and closes the list.
    const other = systems.find((system) => system.mac !== target.mac)!;
    const dotted = `${other.mac.slice(0, 4)}.${other.mac.slice(4, 8)}.${other.mac.slice(8)}`.toLowerCase();
    await page.keyboard.press('Control+k');
    await page.keyboard.type(dotted);
    await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(other.name);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('listbox')).toHaveCount(0);
    await expect(searchField(page)).toHaveValue('');
    // Typed text is left behind by no page: leaving for another one clears it.
    await page.keyboard.type(dotted);
    await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(other.name);
    await nav(page).getByRole('link', { name: 'Keys' }).click();
    await expect(searchField(page)).toHaveValue('');
    await expect(page.getByRole('listbox')).toHaveCount(0);
    await page.keyboard.press('Control+k');
    await page.keyboard.type(dotted);
    await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(other.name);
    // ArrowDown: the highlight lands on the first result.
    await page.keyboard.press('ArrowDown');
    const first = page.getByRole('listbox').getByRole('option').first();
    await expect(first).toBeVisible();
    const firstId = (await first.getAttribute('id'))!;
    if ((await searchField(page).getAttribute('aria-activedescendant')) !== firstId) await page.keyboard.press('ArrowDown');
    await expect(searchField(page)).toHaveAttribute('aria-activedescendant', firstId);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: other.name })).toBeVisible();

    // A key's code opens its system.
    const withKeys = systems[0]!;
    await page.keyboard.press('Control+k');
    await page.keyboard.type(withKeys.authCodes[0]!.replace(/-/g, '').toLowerCase());
    const keysGroup = page.getByRole('listbox').getByRole('group', { name: 'Keys' });
    await expect(keysGroup.getByRole('option')).toHaveCount(1);
    await keysGroup.getByRole('option').click();
    await expect(page.getByRole('heading', { level: 1, name: withKeys.name })).toBeVisible();

    // A narrow window: an icon button opens the field.
    await page.setViewportSize({ width: 420, height: 800 });
    await expect(searchField(page)).toHaveCount(0);
    await page.getByRole('banner').getByRole('button', { name: 'Search (Ctrl+K)' }).click();
    await expect(searchField(page)).toBeFocused();
    await page.keyboard.type(part);
    await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(target.name);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/systems/${target.mac}$`));
    await expect(page.getByRole('heading', { level: 1, name: target.name })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });
});
