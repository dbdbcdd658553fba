import { defineProject } from 'vitest/config';

// `npm run mutation`: the tests of the pure parts Stryker mutates (live/change.ts, live/feed.ts,
// services/queries/series-cache.ts), on PGlite only.
export default defineProject({
  test: {
    name: 'api-mutation',
    include: ['test/live-hub.test.ts', 'test/series-cache.test.ts'],
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
