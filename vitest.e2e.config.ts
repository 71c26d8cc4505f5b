import { defineConfig } from 'vitest/config';

// End-to-end tests of the browser edition in Debian's Chromium (playwright-core). The global setup
// builds the renderer once and serves it on 127.0.0.1; each file drives its own browser.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['verbose'],
  },
});
