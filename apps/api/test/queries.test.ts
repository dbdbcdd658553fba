import type { CallEvent } from '@switchboard/contracts';
import { createTestDb, type TestDatabase, testBackends } from '@switchboard/db/testing';
import { computeMeasures, countsFromEvents, emptyCounts, mergeCounts } from '@switchboard/metrics';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingestCallEvents } from '../src/services/ingest/call-events.ts';
import { ingestQueueSnapshots } from '../src/services/ingest/queue-snapshots.ts';
import { ingestSystemStatus } from '../src/services/ingest/system-status.ts';
import { getAvailability } from '../src/services/queries/availability.ts';
import { getOverview } from '../src/services/queries/overview.ts';
import { getSeries } from '../src/services/queries/series.ts';
import { ROLLUP_TABLES } from '../src/services/rollups/rebuild.ts';
import { addSite } from '../src/services/sites.ts';
import { addSystem } from '../src/services/systems.ts';

const KEY = { id: 'test', feed: 'test', siteIds: ['*'] };
const MEASURE_FIELDS = [
  'offered',
  'answered',
  'answeredWithin60s',
  'abandoned',
  'abandonedAfter30s',
  'answeredWithin60sPct',
  'abandonedPct',
  'abandonedAllPct',
  'meanAnswerMs',
  'p50AnswerMs',
  'p95AnswerMs',
] as const;
const T = (s: string) => Date.parse(s);
const call = (
  siteId: string,
  id: string,
  offered: string,
  outcome: 'answered' | 'abandoned',
  waitMs: number,
): CallEvent[] => [
  { siteId, callId: id, kind: 'offered', at: offered },
  { siteId, callId: id, kind: outcome, at: new Date(T(offered) + waitMs).toISOString(), waitMs },
];
const snapshot = (siteId: string, at: string, callsWaiting: number) => ({
  siteId,
  queue: 'main',
  at,
  callsWaiting,
  longestWaitMs: callsWaiting * 10_000,
  agentsAvailable: 3,
  agentsOnCall: 20,
  agentsWrapUp: 2,
});

describe.each(testBackends())('queries on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDb(backend);
    for (const id of ['leeds', 'york'])
      await addSite(database.db, { id, name: id.toUpperCase(), actor: 't' });
    await addSystem(database.db, { id: 'cas', name: 'Adastra', siteIds: ['leeds', 'york'], actor: 't' });
  });
  afterAll(() => database?.destroy());
  beforeEach(async () => {
    await database.db.execute(
      sql.raw(`truncate call_events, queue_snapshots, system_status, ${ROLLUP_TABLES.join(', ')}`),
    );
  });

  it('draws a minute without data as a gap (null), and a quiet minute of a live feed as zero', async () => {
    await ingestCallEvents(database.db, KEY, [
      ...call('leeds', 'a', '2026-11-20T09:00:10Z', 'answered', 20_000),
      ...call('leeds', 'b', '2026-11-20T09:00:40Z', 'answered', 80_000),
      ...call('leeds', 'c', '2026-11-20T09:04:05Z', 'abandoned', 45_000),
    ]);
    await ingestQueueSnapshots(database.db, KEY, [snapshot('leeds', '2026-11-20T09:02:00Z', 4)]);
    const series = await getSeries(database.db, {
      siteIds: ['leeds'],
      from: '2026-11-20T09:00:00Z',
      to: '2026-11-20T09:05:00Z',
      interval: '1m',
    });
    expect(series.points.map((p) => p.start.slice(11, 16))).toEqual([
      '09:00',
      '09:01',
      '09:02',
      '09:03',
      '09:04',
    ]);
    const [m0, m1, m2, m3, m4] = series.points;
    expect(m0).toMatchObject({
      offered: 2,
      answered: 2,
      answeredWithin60s: 1,
      answeredWithin60sPct: 50,
      meanAnswerMs: 50_000,
    });
    expect(m0?.p95AnswerMs).toBe(80_000);
    expect(m0?.queueDepthMax).toBeNull();
    expect(m1).toMatchObject({
      offered: null,
      answered: null,
      answeredWithin60sPct: null,
      queueDepthMax: null,
    });
    expect(m2).toMatchObject({
      offered: 0,
      answered: 0,
      answeredWithin60sPct: null,
      queueDepthMax: 4,
      longestWaitMs: 40_000,
    });
    expect(m3?.offered).toBeNull();
    expect(m4).toMatchObject({ offered: 1, abandoned: 1, abandonedAfter30s: 1, abandonedPct: 100 });
  });

  it('agrees with a brute-force computation from the raw events, for one site and all sites', async () => {
    const events: CallEvent[] = [];
    for (let i = 0; i < 300; i++) {
      const site = i % 3 === 0 ? 'york' : 'leeds';
      const offered = new Date(T('2026-11-19T22:00:00Z') + ((i * 7919) % (6 * 3_600_000))).toISOString();
      events.push(
        ...call(site, `c${i}`, offered, i % 11 === 0 ? 'abandoned' : 'answered', (i * 104_729) % 200_000),
      );
    }
    await ingestCallEvents(database.db, KEY, events);
    const from = '2026-11-19T22:00:00Z';
    const to = '2026-11-20T04:00:00Z';
    for (const siteIds of [['leeds'], []]) {
      for (const interval of ['1m', '5m', '15m', '1h'] as const) {
        const series = await getSeries(database.db, { siteIds, from, to, interval });
        const size = { '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000 }[interval];
        const brute = new Map<number, ReturnType<typeof emptyCounts>>();
        for (const [key, counts] of countsFromEvents(events)) {
          const [site, , minute] = key.split('|');
          if (siteIds.length && !siteIds.includes(site ?? '')) continue;
          const bucket = Math.floor(Date.parse(minute ?? '') / size) * size;
          brute.set(bucket, mergeCounts(brute.get(bucket) ?? emptyCounts(), counts));
        }
        for (const point of series.points) {
          const expected = computeMeasures(brute.get(Date.parse(point.start)) ?? null);
          for (const field of MEASURE_FIELDS)
            expect(point[field], `${point.start} ${field}`).toBe(expected[field]);
        }
      }
    }
  });

  it('makes London days 23 and 25 hours long at the clock changes', async () => {
    // 00:30 BST on Sunday 25 October 2026 is 23:30 UTC on the 24th: it belongs to the 25th.
    await ingestCallEvents(database.db, KEY, [
      { siteId: 'leeds', callId: 'late-24', kind: 'offered', at: '2026-10-24T22:59:00Z' },
      { siteId: 'leeds', callId: 'early-25', kind: 'offered', at: '2026-10-24T23:30:00Z' },
      { siteId: 'leeds', callId: 'late-25', kind: 'offered', at: '2026-10-25T23:59:00Z' },
    ]);
    const autumn = await getSeries(database.db, {
      siteIds: ['leeds'],
      from: '2026-10-24T12:00:00Z',
      to: '2026-10-26T12:00:00Z',
      interval: '1d',
    });
    const starts = autumn.points.map((p) => Date.parse(p.start));
    expect(autumn.points.map((p) => p.start)).toEqual([
      '2026-10-23T23:00:00.000Z',
      '2026-10-24T23:00:00.000Z',
      '2026-10-26T00:00:00.000Z',
    ]);
    expect(((starts[2] ?? 0) - (starts[1] ?? 0)) / 3_600_000).toBe(25);
    expect(autumn.points.map((p) => p.offered)).toEqual([1, 2, null]);
    expect(autumn.to).toBe('2026-10-27T00:00:00.000Z');
    const spring = await getSeries(database.db, {
      siteIds: [],
      from: '2026-03-28T12:00:00Z',
      to: '2026-03-30T12:00:00Z',
      interval: '1d',
    });
    const s = spring.points.map((p) => Date.parse(p.start));
    expect(((s[2] ?? 0) - (s[1] ?? 0)) / 3_600_000).toBe(23);
  });

  it('resolves relative ranges when the query runs', async () => {
    const a = await getSeries(
      database.db,
      { siteIds: [], last: '1h', interval: '5m' },
      T('2026-11-20T10:02:00Z'),
    );
    const b = await getSeries(
      database.db,
      { siteIds: [], last: '1h', interval: '5m' },
      T('2026-11-20T12:02:00Z'),
    );
    expect(a.from).toBe('2026-11-20T09:00:00.000Z');
    expect(b.from).toBe('2026-11-20T11:00:00.000Z');
    expect(b.points).toHaveLength(a.points.length);
  });

  it('chooses the interval from maxPoints', async () => {
    const series = await getSeries(
      database.db,
      { siteIds: [], last: '24h', maxPoints: 100 },
      T('2026-11-20T10:00:00Z'),
    );
    expect(series.interval).toBe('15m');
    expect(series.points.length).toBeLessThanOrEqual(100);
  });

  it('gives every site now: freshness, queue, last 60 minutes and systems not up', async () => {
    const now = T('2026-11-20T10:00:30Z');
    await ingestCallEvents(database.db, KEY, [
      ...call('leeds', 'n1', '2026-11-20T09:58:00Z', 'answered', 30_000),
      ...call('york', 'old', '2026-11-20T09:14:00Z', 'answered', 5_000),
    ]);
    await ingestQueueSnapshots(database.db, KEY, [snapshot('leeds', '2026-11-20T10:00:15Z', 6)]);
    await ingestSystemStatus(
      database.db,
      KEY,
      [
        { systemId: 'cas', siteId: 'leeds', at: '2026-11-20T06:59:30Z', status: 'up', source: 'heartbeat' },
        { systemId: 'cas', siteId: 'leeds', at: '2026-11-20T07:00:00Z', status: 'down', source: 'probe' },
        { systemId: 'cas', siteId: 'york', at: '2026-11-20T10:00:00Z', status: 'up', source: 'heartbeat' },
      ],
      { heartbeatTimeoutS: 90 },
    );
    const overview = await getOverview(database.db, { staleAfterS: 120, heartbeatTimeoutS: 90 }, now);
    const leeds = overview.sites.find((s) => s.siteId === 'leeds');
    const york = overview.sites.find((s) => s.siteId === 'york');
    expect(leeds).toMatchObject({ stale: false, callsWaiting: 6, longestWaitMs: 60_000, agentsAvailable: 3 });
    expect(leeds?.last60m).toMatchObject({
      offered: 1,
      answered: 1,
      answeredWithin60sPct: 100,
      from: '2026-11-20T09:01:00.000Z',
      to: '2026-11-20T10:01:00.000Z',
    });
    expect(leeds?.systemsDown).toEqual([
      { systemId: 'cas', name: 'Adastra', status: 'down', since: '2026-11-20T07:00:00.000Z' },
    ]);
    expect(york).toMatchObject({
      stale: true,
      lastEventAt: '2026-11-20T09:14:05.000Z',
      callsWaiting: null,
      systemsDown: [],
    });
  });

  it('turns silence after an up heartbeat into unknown, and computes availability over a range', async () => {
    const beats = (from: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        systemId: 'cas',
        siteId: 'leeds',
        at: new Date(T(from) + i * 30_000).toISOString(),
        status: 'up' as const,
        source: 'heartbeat' as const,
      }));
    await ingestSystemStatus(
      database.db,
      KEY,
      [
        ...beats('2026-11-20T06:00:00Z', 120), // 06:00–06:59:30
        { systemId: 'cas', siteId: 'leeds', at: '2026-11-20T07:00:00Z', status: 'down', source: 'probe' },
        ...beats('2026-11-20T08:00:00Z', 60), // back up 08:00–08:29:30, then silent
      ],
      { heartbeatTimeoutS: 90 },
    );
    const result = await getAvailability(
      database.db,
      { from: '2026-11-20T06:00:00Z', to: '2026-11-20T09:00:00Z', siteIds: ['leeds'] },
      { heartbeatTimeoutS: 90 },
      T('2026-11-20T09:00:00Z'),
    );
    expect(result.rows).toHaveLength(1);
    const [row] = result.rows;
    expect(row?.intervals).toEqual([
      { from: '2026-11-20T06:00:00.000Z', to: '2026-11-20T07:00:00.000Z', status: 'up' },
      { from: '2026-11-20T07:00:00.000Z', to: '2026-11-20T08:00:00.000Z', status: 'down' },
      { from: '2026-11-20T08:00:00.000Z', to: '2026-11-20T08:31:00.000Z', status: 'up' },
      { from: '2026-11-20T08:31:00.000Z', to: '2026-11-20T09:00:00.000Z', status: 'unknown' },
    ]);
    expect(row?.downMs).toBe(3_600_000);
    expect(row?.availabilityPct).toBeCloseTo((91 / 151) * 100, 6);
    expect(row?.current).toBe('unknown');
  });
});
