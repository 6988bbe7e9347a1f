import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** Records every API answer and WebSocket the page opens. */
function watchApi(page: Page) {
  const answers: { url: string; status: number }[] = [];
  const sockets: string[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) answers.push({ url: response.url(), status: response.status() });
  });
  page.on('websocket', (socket) => sockets.push(socket.url()));
  return { answers, sockets };
}

test.describe('access token', () => {
  test('without a token the access-token page explains what to open, and no API call succeeds', async ({ page, host }) => {
    const api = watchApi(page);
    await page.goto(host.origin);

    await expect(page.getByRole('heading', { level: 1, name: 'Open FieldKey with its access token' })).toBeVisible();
    await expect(page.getByText('This address has no access token')).toBeVisible();
    await expect(page.getByText(/npm run serve/)).toBeVisible();
    await expect(page.getByRole('banner')).toHaveCount(0);
    expect(api.answers.filter((answer) => answer.status < 400)).toEqual([]);
    expect(api.sockets).toEqual([]);
  });

  test('with a wrong token the same page says the token is wrong, and no API call succeeds', async ({ page, host }) => {
    const api = watchApi(page);
    await page.goto(`${host.origin}/?token=not-the-right-token`);

    await expect(page.getByRole('heading', { level: 1, name: 'Open FieldKey with its access token' })).toBeVisible();
    await expect(page.getByText('The access token in this address is not the one FieldKey is using.')).toBeVisible();
    expect(api.answers.length).toBeGreaterThan(0);
    expect(api.answers.filter((answer) => answer.status < 400)).toEqual([]);
    expect(api.sockets).toEqual([]);
    // The refused token is not kept for a reload either.
    await page.reload();
    await expect(page.getByText('This address has no access token')).toBeVisible();
  });
});
