import { defineConfig } from 'vitest/config';

// Unit tests: shared/, cli/, electron/ (electron module mocked). End-to-end tests have their own config.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/unit/cli-bundle.setup.ts'],
    testTimeout: 30000,
  },
});
