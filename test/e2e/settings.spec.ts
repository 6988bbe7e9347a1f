import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** Relative luminance (0 black … 1 white) of the page's computed background colour. */
async function bodyBackgroundLuminance(page: Page): Promise<number> {
  const color = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  if (r === undefined || g === undefined || b === undefined) throw new Error(`Unexpected colour: ${color}`);
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

async function openSettings(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
}

test.describe('Settings', () => {
  test('one save model, as the page says: Dark is chosen, takes effect on Save (not before), and stays after a reload', async ({
    page,
    host,
    browser,
    consoleErrors,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openSettings(page, host.url);
    await expect(page.getByText('Changes take effect when you press Save')).toBeVisible();
    const theme = page.getByRole('radiogroup', { name: 'Theme' });
    await expect(theme.getByRole('radio', { name: 'System' })).toBeChecked();
    expect(await bodyBackgroundLuminance(page)).toBeGreaterThan(0.8);
    await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();

    await theme.getByRole('radio', { name: 'Dark' }).check();
    await expect(theme.getByRole('radio', { name: 'Dark' })).toBeChecked();
    await expect(page.getByText('1 unsaved change')).toBeVisible();
    expect(await bodyBackgroundLuminance(page)).toBeGreaterThan(0.8);
    // Discard puts back what is saved; nothing was applied.
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect(theme.getByRole('radio', { name: 'System' })).toBeChecked();

    await theme.getByRole('radio', { name: 'Dark' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Settings saved')).toBeVisible();
    await expect.poll(() => bodyBackgroundLuminance(page)).toBeLessThan(0.05);
    await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();

    await page.reload();
    await expect(page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Dark' })).toBeChecked();
    expect(await bodyBackgroundLuminance(page)).toBeLessThan(0.05);

    // The setting lives in the core, not in this browser: a fresh browser profile is dark too.
    const freshContext = await browser.newContext({ colorScheme: 'light' });
    const freshPage = await freshContext.newPage();
    await freshPage.goto(host.url);
    await expect(freshPage.getByRole('heading', { level: 1 })).toBeVisible();
    await expect.poll(() => bodyBackgroundLuminance(freshPage)).toBeLessThan(0.05);
    await freshContext.close();

    await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Light' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => bodyBackgroundLuminance(page)).toBeGreaterThan(0.8);
    expect(consoleErrors).toEqual([]);
  });

  test('System theme follows the operating system', async ({ page, host }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openSettings(page, host.url);
    await expect(page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'System' })).toBeChecked();
    await expect.poll(() => bodyBackgroundLuminance(page)).toBeLessThan(0.05);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => bodyBackgroundLuminance(page)).toBeGreaterThan(0.8);
  });

  test('an invalid portal address shows the validation message under the field', async ({ page, host }) => {
    await openSettings(page, host.url);
    const portalAddress = page.getByRole('textbox', { name: 'Portal address' });
    await portalAddress.fill('ftp://x');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(portalAddress).toHaveAttribute('aria-invalid', 'true');
    await expect(portalAddress).toHaveAccessibleDescription(/must be an http:\/\/ or https:\/\/ address/i);
    await expect(page.getByText('Settings saved')).toHaveCount(0);

    // Nothing was stored: after a reload the field is empty again.
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Portal address' })).toHaveValue('');
  });

  test('the connectivity interval is saved, confirmed and kept', async ({ page, host }) => {
    await openSettings(page, host.url);
    const interval = page.getByRole('spinbutton', { name: 'Connectivity check (seconds)' });
    await expect(interval).toHaveValue('60');
    await interval.fill('5');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(interval).toHaveAttribute('aria-invalid', 'true');
    await expect(interval).toHaveAccessibleDescription(/10/);

    await interval.fill('120');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Settings saved')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('spinbutton', { name: 'Connectivity check (seconds)' })).toHaveValue('120');
  });

  test('the sync interval is saved, checked and kept', async ({ page, host }) => {
    await openSettings(page, host.url);
    const interval = page.getByRole('spinbutton', { name: 'Sync every (minutes)' });
    await expect(interval).toHaveValue('5');
    await interval.fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(interval).toHaveAttribute('aria-invalid', 'true');

    await interval.fill('30');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Settings saved')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('spinbutton', { name: 'Sync every (minutes)' })).toHaveValue('30');
  });
});

test.describe('Settings → Language', () => {
  // What the browser reports as the system's languages (navigator.languages): English.
  test.use({ locale: 'en-US' });

  test('Français applies at once in every window and stays after a reload; English brings the English back', async ({
    page,
    host,
    context,
    consoleErrors,
  }) => {
    // A second window, open before the change: it follows too.
    const other = await context.newPage();
    await other.goto(host.url);
    await expect(other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' })).toBeVisible();

    await openSettings(page, host.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const language = page.getByRole('combobox', { name: 'Language' });
    await expect(language).toHaveText('System (English)');
    await language.click();
    const options = page.getByRole('listbox').getByRole('option');
    await expect(options).toHaveText(['System (English)', 'English', 'Français']);
    await page.getByRole('option', { name: 'Français' }).click();
    // Like every setting, it waits for Save.
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('button', { name: 'Save' }).click();

    // The navigation, the page and the window title in French, without a reload.
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await expect(nav.getByRole('link', { name: 'Paramètres' })).toHaveAttribute('aria-current', 'page');
    await expect(nav.getByRole('link', { name: 'Clés' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();
    await expect(page.getByRole('radiogroup', { name: 'Thème' }).getByRole('radio', { name: 'Sombre' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Enregistrer' })).toBeDisabled();
    await expect(page.getByRole('combobox', { name: 'Langue' })).toHaveText('Français');
    await expect(page).toHaveTitle('Paramètres – FieldKey');

    // The other window, untouched, is French as well.
    await expect(other.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(other.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Paramètres' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page).toHaveTitle('Paramètres – FieldKey');

    await page.getByRole('combobox', { name: 'Langue' }).click();
    await page.getByRole('option', { name: 'English', exact: true }).click();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' })).toBeVisible();
    await expect(page).toHaveTitle('Settings – FieldKey');
    await expect(other.locator('html')).toHaveAttribute('lang', 'en');
    expect(consoleErrors).toEqual([]);
  });
});
