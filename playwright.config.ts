import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the browser host (the same renderer and API the desktop app uses) in
 * Debian's Chromium. Each test file starts its own host on a free port with a fresh data
 * directory (see test/e2e/fixtures.ts). Tests in test/e2e/electron/ launch the real Electron
 * app and skip, saying why, where its binary is missing.
 */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    // The language setting's default, `system`, follows navigator.languages: pin it so every test
    // reads English on any machine (test/e2e/pseudo-locale.spec.ts opts into its own language).
    locale: 'en-US',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
    trace: 'off',
  },
});
