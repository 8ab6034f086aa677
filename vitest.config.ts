import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Notebook execution and rendering start real kernels and Chromium.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
