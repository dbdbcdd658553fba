import { defineProject } from 'vitest/config';

// Property tests run hundreds of cases: seconds on two busy cores, more under Stryker's instrumentation.
// The timeout only stops a hang; no test here measures time.
export default defineProject({
  test: { name: 'metrics', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
