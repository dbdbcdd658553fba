import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'api',
    include: ['test/**/*.test.ts'],
    hookTimeout: 60_000,
    testTimeout: 60_000,
    // Heap bounds in the hostile tests measure what stays after a collection, not garbage not yet collected.
    execArgv: ['--expose-gc'],
  },
});
