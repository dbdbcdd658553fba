import { type CallEvent, SERIES_INTERVALS, type SeriesResult } from '@switchboard/contracts';
import { testBackends } from '@switchboard/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSeries } from '../src/services/queries/series.ts';
import { dataOf, SITES, startTestApi, type TestApi } from './harness.ts';

// A fixed past window, so relative ranges and the clock play no part: 6 hours, ending on a whole hour.
const TO = Math.floor((Date.now() - 3_600_000) / 3_600_000) * 3_600_000;
const FROM = TO - 6 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

// The cache's own rules, without a database, are pinned in series-cache-rules.test.ts.

/** One step of a feed and a dashboard working at once. */
const stepArb = fc.oneof(
  fc.record({
    kind: fc.constant('calls' as const),
    siteId: fc.constantFrom(...SITES),
    offeredMs: fc.integer({ min: FROM, max: TO - 1 }),
    waitMs: fc.integer({ min: 0, max: 200_000 }),
    outcome: fc.constantFrom('answered', 'abandoned', 'none'),
    repeat: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('queue' as const),
    siteId: fc.constantFrom(...SITES),
    at: fc.integer({ min: FROM, max: TO - 1 }),
    callsWaiting: fc.integer({ min: 0, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('read' as const),
    siteIds: fc.subarray([...SITES]),
    interval: fc.constantFrom(...SERIES_INTERVALS),
  }),
);

describe.each(testBackends())('series through the API cache on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(() => api?.stop());

  it('equals the series read straight from the rollups after any mix of ingests and reads', async () => {
    let run = 0;
    let lastCall: CallEvent[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 12 }), async (steps) => {
        run += 1;
        for (const [i, step] of steps.entries()) {
          if (step.kind === 'calls') {
            // Sometimes a retry of the previous batch (changes nothing), else a new call.
            const events: CallEvent[] =
              step.repeat && lastCall.length > 0
                ? lastCall
                : [
                    { siteId: step.siteId, callId: `p${run}-${i}`, kind: 'offered', at: iso(step.offeredMs) },
                    ...(step.outcome === 'none'
                      ? []
                      : [
                          {
                            siteId: step.siteId,
                            callId: `p${run}-${i}`,
                            kind: step.outcome,
                            at: iso(Math.min(step.offeredMs + step.waitMs, Date.now())),
                            waitMs: Math.min(step.waitMs, Date.now() - step.offeredMs),
                          } as CallEvent,
                        ]),
                  ];
            lastCall = events;
            dataOf(await api.post('ingest.callEvents', { events }));
          } else if (step.kind === 'queue') {
            const snapshot = {
              siteId: step.siteId,
              queue: 'main',
              at: iso(step.at),
              callsWaiting: step.callsWaiting,
              longestWaitMs: step.callsWaiting * 1_000,
              agentsAvailable: 2,
              agentsOnCall: 10,
              agentsWrapUp: 1,
            };
            const reply = await api.post('ingest.queueSnapshots', { snapshots: [snapshot] });
            // An instant already stored with other figures (an earlier run) is a conflict: 409, nothing stored.
            if (reply.status !== 409) dataOf(reply);
          } else {
            const input = { siteIds: step.siteIds, from: iso(FROM), to: iso(TO), interval: step.interval };
            const query = encodeURIComponent(JSON.stringify(input));
            const reply = await fetch(`${api.url}/trpc/metrics.series?input=${query}`, {
              headers: api.as.admin,
            });
            const cached = ((await reply.json()) as { result: { data: SeriesResult } }).result.data;
            expect(cached).toEqual(await getSeries(api.database.db, input));
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
