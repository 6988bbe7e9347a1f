import { test as base, expect } from '@playwright/test';
import { startServe, type ServeProcess } from '../support/serve-process';

/**
 * `host`: a browser host started for the test with a fresh data directory.
 * `consoleErrors`: every console error and page error the page produced; tests assert it is empty.
 */
export const test = base.extend<{ host: ServeProcess; consoleErrors: string[] }>({
  host: async ({}, use) => {
    const host = await startServe();
    await use(host);
    await host.stop();
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },
});

export { expect };
