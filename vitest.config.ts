import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  define: { __FIELDKEY_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    globals: true,
    testTimeout: 20_000,
    pool: 'forks',
    // Bundles the file worker the imports run (test/support/file-worker-setup.ts).
    globalSetup: ['test/support/file-worker-setup.ts'],
  },
});
