import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'dashboard',
    include: ['test/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    // Each e2e file starts its own API, dashboard and Chromium: one file at a time on a small machine.
    fileParallelism: false,
    hookTimeout: 240_000,
    testTimeout: 120_000,
  },
});
