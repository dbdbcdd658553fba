import {
  type CallEvent,
  type LiveChange,
  SERIES_INTERVALS,
  type SeriesPoint,
  type SeriesResult,
} from '@switchboard/contracts';
import { testBackends } from '@switchboard/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSeries } from '../src/services/queries/series.ts';
import { SeriesCache } from '../src/services/queries/series-cache.ts';
import { dataOf, SITES, startTestApi, type TestApi } from './harness.ts';

const MINUTE = 60_000;
// A fixed past window, so relative ranges and the clock play no part: 6 hours, ending on a whole hour.
const TO = Math.floor((Date.now() - 3_600_000) / 3_600_000) * 3_600_000;
const FROM = TO - 6 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const change = (siteIds: string[], from: number, to: number): LiveChange => ({
  siteIds,
  streams: ['calls'],
  from: iso(from),
  to: iso(to),
  at: iso(Date.now()),
});
const point = (start: number, offered: number) => ({ start: iso(start), offered }) as SeriesPoint;

describe('series cache', () => {
  const starts = [0, 1, 2, 3].map((i) => FROM + i * 5 * MINUTE);
  const ends = starts.map((s) => s + 5 * MINUTE);

  it('reads only the buckets it does not hold, and again those a change named', async () => {
    const cache = new SeriesCache();
    const asked: number[][] = [];
    const fetch = async (some: number[]) => {
      asked.push(some);
      return some.map((s) => point(s, asked.length));
    };
    await cache.points([], '5m', starts, ends, fetch);
    expect((await cache.points([], '5m', starts, ends, fetch)).map((p) => p.offered)).toEqual([1, 1, 1, 1]);
    expect(asked).toEqual([starts]);
    // A late answer to a call offered in bucket 1 at york: the all-sites series and york's lose bucket 1.
    cache.invalidate(change(['york'], starts[1] as number, starts[3] as number));
    expect((await cache.points([], '5m', starts, ends, fetch)).map((p) => p.offered)).toEqual([1, 2, 2, 2]);
    expect(asked[1]).toEqual(starts.slice(1));
    // A change at another site leaves a leeds-only series alone; status changes touch no series.
    await cache.points(['leeds'], '5m', starts, ends, fetch);
    cache.invalidate(change(['york'], FROM, TO));
    cache.invalidate({ ...change([], FROM, TO), streams: ['status'] });
    await cache.points(['leeds'], '5m', starts, ends, fetch);
    expect(asked).toHaveLength(3);
  });

  it('does not keep a bucket that a change named while it was being read', async () => {
    const cache = new SeriesCache();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reads = 0;
    const fetch = async (some: number[]) => {
      reads += 1;
      if (reads === 1) await gate;
      return some.map((s) => point(s, reads));
    };
    const first = cache.points([], '5m', starts, ends, fetch);
    cache.invalidate(change([], starts[2] as number, starts[2] as number));
    release();
    expect((await first).map((p) => p.offered)).toEqual([1, 1, 1, 1]);
    // Bucket 2 may be older than the change, so it is read again; the others were kept.
    expect((await cache.points([], '5m', starts, ends, fetch)).map((p) => p.offered)).toEqual([1, 1, 2, 1]);
  });

  it('reads a bucket again once it is older than maxAgeMs', async () => {
    let now = 0;
    const cache = new SeriesCache({ maxAgeMs: 1_000, now: () => now });
    let reads = 0;
    const fetch = async (some: number[]) => {
      reads += 1;
      return some.map((s) => point(s, reads));
    };
    await cache.points([], '5m', starts, ends, fetch);
    now = 1_001;
    expect((await cache.points([], '5m', starts, ends, fetch))[0]?.offered).toBe(2);
  });
});

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
