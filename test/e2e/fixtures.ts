import { test as base, expect } from '@playwright/test';
import { startTestPortal, type TestPortal } from '../support/sandbox-portal';
import { startServe, type ServeProcess } from '../support/serve-process';

/**
 * `host`: a browser host started for the test with a fresh data directory.
 * `sandbox`: the real sandbox portal (seed `demo`) in the test process, on a free 127.0.0.1 port.
 * `consoleErrors`: every console error and page error the page produced; tests assert it is empty.
 */
export const test = base.extend<{ host: ServeProcess; sandbox: TestPortal; consoleErrors: string[] }>({
  host: async ({}, use) => {
    const host = await startServe();
    await use(host);
    await host.stop();
  },
  sandbox: async ({}, use) => {
    const portal = await startTestPortal({ seed: 'demo' });
    await use(portal);
    await portal.close();
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
