import { defineProject } from 'vitest/config';

// `npm run mutation`: the pure tests of the parts Stryker mutates (live/change.ts, live/feed.ts,
// services/queries/series-cache.ts): no database, a fake clock, so each mutant runs in well under a second.
// The database-backed tests of the same code (live-hub, series-cache) stay in the ordinary suite.
export default defineProject({
  test: {
    name: 'api-mutation',
    include: ['test/live-change.test.ts', 'test/live-feed.test.ts', 'test/series-cache-rules.test.ts'],
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
