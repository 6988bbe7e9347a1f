import { test, expect } from './fixtures';

declare global {
  interface Window {
    /** Every distinct run of page headings (h1) the document showed, in order. */
    __headingsSeen: string[];
  }
}

test('first run: opens on Sign in with the demo hint, Sign in leads the sidebar, demo / demo lands on Redeem, no other page flashes first', async ({
  page,
  host,
  consoleErrors,
}) => {
  // Installed before the app's own scripts: records every page heading from the first paint on,
  // so a page shown for one frame before Sign in would be caught.
  await page.addInitScript(() => {
    window.__headingsSeen = [];
    const record = () => {
      const headings = Array.from(document.querySelectorAll('h1'), (h1) => h1.textContent ?? '').join(' | ');
      if (headings !== '' && window.__headingsSeen.at(-1) !== headings) window.__headingsSeen.push(headings);
    };
    new MutationObserver(record).observe(document, { childList: true, subtree: true, characterData: true });
  });

  // `host` is a fresh data folder with no portal configured: the host runs its embedded demo portal.
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Demo portal: sign in as demo / demo')).toBeVisible();
  await expect(page.getByLabel('Portal address')).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+$/);
  await expect(page.getByLabel('User name')).toBeVisible();
  await expect(page.getByLabel('Password')).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link').first()).toHaveText('Sign in');
  await expect(nav.getByRole('link').first()).toHaveAttribute('aria-current', 'page');

  await page.getByLabel('User name').fill('demo');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Redeem codes' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  await expect(page.getByRole('banner').getByText('demo', { exact: true })).toBeVisible();

  expect(await page.evaluate(() => window.__headingsSeen)).toEqual(['Sign in', 'Redeem codes']);
  expect(consoleErrors).toEqual([]);
});
