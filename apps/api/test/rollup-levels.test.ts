import type { CallEvent, SeriesInterval } from '@switchboard/contracts';
import { SERIES_INTERVALS } from '@switchboard/contracts';
import { createTestDb, type TestDatabase, testBackends } from '@switchboard/db/testing';
import {
  bucketStart,
  type CallCounts,
  computeMeasures,
  countsFromEvents,
  emptyCounts,
  mergeCounts,
} from '@switchboard/metrics';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCallEvents } from '../src/services/ingest/call-events.ts';
import { toWindowMeasures } from '../src/services/queries/call-counts.ts';
import { levelFor } from '../src/services/queries/levels.ts';
import { readCallCounts } from '../src/services/queries/rollup-reads.ts';
import { getSeries } from '../src/services/queries/series.ts';
import { ROLLUP_TABLES, rebuildRollups } from '../src/services/rollups/rebuild.ts';
import { addSite } from '../src/services/sites.ts';

// The README's claim, at every level the series reads (minute, five-minute, hour, London day) and for every
// measure including both centiles: what a chart shows equals a brute-force count of the raw events, on
// both of 2026's clock-change days in London (23 and 25 hours long), incrementally and after a rebuild.
const KEY = { id: 'test', feed: 'test', siteIds: ['*'] };
const SITES = ['leeds', 'york'];
/** Two UTC days around each clock change: 29 March (spring, 23 h) and 25 October (autumn, 25 h). */
const WINDOWS = [
  { from: Date.parse('2026-03-28T00:00:00Z'), to: Date.parse('2026-03-30T00:00:00Z') },
  { from: Date.parse('2026-10-24T00:00:00Z'), to: Date.parse('2026-10-26T00:00:00Z') },
] as const;

const callArb = fc.record({
  siteId: fc.constantFrom(...SITES),
  queue: fc.constantFrom('main', 'clinical', undefined),
  window: fc.constantFrom(0, 1),
  offset: fc.oneof(
    fc.integer({ min: 0, max: 2 * 86_400_000 - 1 }),
    // Crowd calls around the local midnights and the changes themselves (01:00 UTC both days).
    fc
      .constantFrom(23, 24, 25, 47)
      .chain((h) => fc.integer({ min: h * 3_600_000 - 180_000, max: h * 3_600_000 + 180_000 })),
  ),
  outcome: fc.constantFrom('answered', 'abandoned', 'none'),
  waitMs: fc.oneof(
    fc.integer({ min: 0, max: 120_000 }),
    fc.constantFrom(30_000, 30_001, 60_000, 60_001, 700_000),
  ),
});
type Call = typeof callArb extends fc.Arbitrary<infer T> ? T : never;

function eventsOf(calls: Call[]): CallEvent[] {
  return calls.flatMap((call, i) => {
    const offeredMs = (WINDOWS[call.window] ?? WINDOWS[0]).from + call.offset;
    const base = { siteId: call.siteId, callId: `c${i}`, ...(call.queue ? { queue: call.queue } : {}) };
    const events: CallEvent[] = [{ ...base, kind: 'offered', at: new Date(offeredMs).toISOString() }];
    if (call.outcome !== 'none') {
      const at = new Date(offeredMs + call.waitMs).toISOString();
      events.push({ ...base, kind: call.outcome, at, waitMs: call.waitMs });
    }
    return events;
  });
}

/**
 * Abandoned calls of `sites` split at 30 and 60 s (IUC ADC B03, B04, B05) per bucket of `interval` in
 * [lo, hi), counted by hand from the raw waits (not through the metrics package's rules).
 */
function abandonedSplitByHand(
  events: CallEvent[],
  interval: SeriesInterval,
  sites: readonly string[],
  lo: number,
  hi: number,
): Map<string, [number, number, number]> {
  const out = new Map<string, [number, number, number]>();
  for (const e of events) {
    if (e.kind !== 'abandoned' || (sites.length > 0 && !sites.includes(e.siteId))) continue;
    const wait = e.waitMs ?? 0;
    const start = bucketStart(Math.floor((Date.parse(e.at) - wait) / 60_000) * 60_000, interval);
    if (start < lo || start >= hi) continue;
    const split = out.get(String(start)) ?? [0, 0, 0];
    split[wait <= 30_000 ? 0 : wait <= 60_000 ? 1 : 2] += 1;
    out.set(String(start), split);
  }
  return out;
}

/** Brute force: the raw events' minute counts (metrics' oracle) summed per bucket of `interval` for `sites`. */
function expectedBuckets(
  events: CallEvent[],
  interval: SeriesInterval,
  sites: readonly string[],
): Map<number, CallCounts> {
  const out = new Map<number, CallCounts>();
  for (const [key, counts] of countsFromEvents(events)) {
    const [site, , minute] = key.split('|');
    if (sites.length > 0 && !sites.includes(site ?? '')) continue;
    const start = bucketStart(Date.parse(minute ?? ''), interval);
    out.set(start, mergeCounts(out.get(start) ?? emptyCounts(), counts));
  }
  return out;
}

describe.each(testBackends())('every rollup level against raw events on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDb(backend);
    for (const id of SITES) await addSite(database.db, { id, name: id, actor: 'test' });
  });
  afterAll(() => database?.destroy());

  const compare = async (events: CallEvent[]) => {
    for (const window of WINDOWS) {
      for (const interval of SERIES_INTERVALS) {
        for (const siteIds of [[], ['york']]) {
          const input = {
            siteIds,
            interval,
            from: new Date(window.from).toISOString(),
            to: new Date(window.to).toISOString(),
          };
          const series = await getSeries(database.db, input, window.to);
          const expected = expectedBuckets(events, interval, siteIds);
          const actual = series.points.map((p) => ({
            start: p.start,
            offered: p.offered,
            answered: p.answered,
            answeredWithin60s: p.answeredWithin60s,
            abandoned: p.abandoned,
            abandonedAfter30s: p.abandonedAfter30s,
            answeredWithin60sPct: p.answeredWithin60sPct,
            abandonedPct: p.abandonedPct,
            abandonedAllPct: p.abandonedAllPct,
            meanAnswerMs: p.meanAnswerMs,
            p50AnswerMs: p.p50AnswerMs,
            p95AnswerMs: p.p95AnswerMs,
          }));
          // A bucket no call reached is a gap (null), and no snapshots are sent here.
          const wanted = series.points.map((p) => ({
            start: p.start,
            ...toWindowMeasures(computeMeasures(expected.get(Date.parse(p.start)))),
          }));
          expect({ interval, siteIds, points: actual }).toEqual({ interval, siteIds, points: wanted });
          // The 30/60 s split of abandoned calls as each level's rows store it (what the IUC ADC export reads).
          const lo = bucketStart(window.from, interval);
          const hi = bucketStart(window.to, interval);
          const read = await readCallCounts(
            database.db,
            levelFor(interval),
            { from: lo, to: hi, siteIds },
            'bucket',
          );
          const stored = new Map<string, [number, number, number]>();
          for (const [k, c] of read) {
            const split: [number, number, number] = [
              c.abandoned - c.abandonedAfter30s,
              c.abandonedAfter30s - c.abandonedAfter60s,
              c.abandonedAfter60s,
            ];
            if (c.abandoned > 0) stored.set(k, split);
          }
          expect({ interval, siteIds, split: stored }).toEqual({
            interval,
            siteIds,
            split: abandonedSplitByHand(events, interval, siteIds, lo, hi),
          });
          // Every counted bucket is on the chart.
          const shown = new Set(series.points.map((p) => Date.parse(p.start)));
          for (const start of expected.keys()) {
            if (start >= window.from - 86_400_000 && start < window.to) expect(shown.has(start)).toBe(true);
          }
        }
      }
    }
  };

  it('charts at 1m, 5m, 15m, 1h and 1d equal a brute-force count, before and after a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(callArb, { minLength: 1, maxLength: 60 }), async (calls) => {
        await database.db.execute(sql.raw(`truncate call_events, ${ROLLUP_TABLES.join(', ')}`));
        const events = eventsOf(calls);
        await ingestCallEvents(database.db, KEY, events);
        await compare(events);
        await rebuildRollups(database.db);
        await compare(events);
      }),
      { numRuns: backend === 'pglite' ? 8 : 4 },
    );
  });

  it('the London days of 29 March and 25 October last 23 and 25 hours', async () => {
    const day = async (from: string, to: string) => {
      const series = await getSeries(database.db, { siteIds: [], interval: '1d', from, to }, Date.parse(to));
      return { starts: series.points.map((p) => p.start), to: series.to };
    };
    expect(await day('2026-03-29T00:00:00Z', '2026-03-29T22:00:00Z')).toEqual({
      starts: ['2026-03-29T00:00:00.000Z'],
      to: '2026-03-29T23:00:00.000Z',
    });
    expect(await day('2026-10-24T23:00:00Z', '2026-10-25T23:00:00Z')).toEqual({
      starts: ['2026-10-24T23:00:00.000Z'],
      to: '2026-10-26T00:00:00.000Z',
    });
  });
});
