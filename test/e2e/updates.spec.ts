import { test, expect } from './fixtures';

test.describe('Updates in the browser host', () => {
  test('Settings shows the version and says updates come with the installed app, with no update buttons', async ({ page, host }) => {
    await page.goto(host.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const updates = page.getByRole('region', { name: 'Updates' });
    await expect(updates.getByRole('status')).toContainText('Updates come with the installed app.');
    await expect(updates.getByText(/^FieldKey \S+ is running\.$/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Check for updates' })).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: 'Update feed address' })).toHaveCount(0);
  });
});
