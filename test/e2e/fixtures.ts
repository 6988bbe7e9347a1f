import { test as base, expect, type Page } from '@playwright/test';
import { startTestPortal, type TestPortal } from '../support/sandbox-portal';
import { startServe, type ServeProcess } from '../support/serve-process';
import { signInAndSync } from './lookup-helpers';

/** The sandbox portal and a browser host pointed at it (`--portal`), each fresh for the test. */
export interface HostWithSandbox {
  portal: TestPortal;
  serve: ServeProcess;
}

/** `hostWithSandbox` and its `page`, signed in as demo/demo with the cache filled by a sync. */
export interface SignedInHost extends HostWithSandbox {
  page: Page;
}

/**
 * `host`: a browser host started for the test with a fresh data directory.
 * `hostWithSandbox`: the sandbox portal (seed `demo`) and a browser host using it; tests that stop
 *   and restart the portal mid-test (offline scenarios) start their own.
 * `sandbox`: the real sandbox portal (seed `demo`) in the test process, on a free 127.0.0.1 port.
 * `signedIn`: `hostWithSandbox` with `page` signed in (demo/demo) and synced, on the Sync page;
 *   console errors are collected from before the sign-in.
 * `consoleErrors`: every console error and page error the page produced; tests assert it is empty.
 */
export const test = base.extend<{
  host: ServeProcess;
  sandbox: TestPortal;
  hostWithSandbox: HostWithSandbox;
  signedIn: SignedInHost;
  consoleErrors: string[];
}>({
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
  hostWithSandbox: async ({}, use) => {
    const portal = await startTestPortal({ seed: 'demo' });
    let serve: ServeProcess | null = null;
    try {
      serve = await startServe({ args: ['--portal', portal.url] });
      await use({ portal, serve });
    } finally {
      await serve?.stop();
      await portal.close();
    }
  },
  signedIn: async ({ page, hostWithSandbox, consoleErrors: _collecting }, use) => {
    await signInAndSync(page, hostWithSandbox.serve.url);
    await use({ ...hostWithSandbox, page });
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
