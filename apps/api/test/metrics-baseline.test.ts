import type { BaselineResult, CallEvent } from '@switchboard/contracts';
import { testBackends } from '@switchboard/db/testing';
import {
  BASELINE_WEEKS,
  computeMeasures,
  countsFromEvents,
  offeredAt,
  sameLocalTimeWeeksBefore,
  sumCounts,
} from '@switchboard/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../src/services/incidents/actor.ts';
import { declareIncident } from '../src/services/incidents/declare.ts';
import { updateIncident } from '../src/services/incidents/update.ts';
import { ingestCallEvents } from '../src/services/ingest/call-events.ts';
import { dataOf, startTestApi, type TestApi } from './harness.ts';

const KEY = { id: 'test', feed: 'test', siteIds: ['*'] };
const M = 60_000;
const H = 60 * M;
const BUCKET = 15 * M;
// Thursday 5 November 2026 08:00–12:00 GMT; its earlier weeks cross the clock change of 25 October (BST).
const FROM = Date.parse('2026-11-05T08:00:00Z');
const TO = FROM + 4 * H;
const INPUT = {
  from: new Date(FROM).toISOString(),
  to: new Date(TO).toISOString(),
  interval: '15m' as const,
};
// An incident at leeds a week before, 09:00–10:00 local; leeds silent 2 weeks before, 10:00–11:00 local.
const INCIDENT_FROM = sameLocalTimeWeeksBefore(FROM + H, 1);
const INCIDENT_TO = INCIDENT_FROM + H;
const SILENT_FROM = sameLocalTimeWeeksBefore(FROM + 2 * H, 2);
const SILENT_TO = SILENT_FROM + H;

/** Calls every 3 minutes around each week's window at leeds and york, waits varying by week and minute. */
function history(): CallEvent[] {
  const events: CallEvent[] = [];
  for (let week = 0; week <= BASELINE_WEEKS; week++) {
    const base = week === 0 ? FROM : sameLocalTimeWeeksBefore(FROM, week);
    for (const siteId of ['leeds', 'york']) {
      for (let t = base - H; t < base + 5 * H; t += 3 * M) {
        if (siteId === 'leeds' && t >= SILENT_FROM && t < SILENT_TO) continue;
        const callId = `${siteId}-${t}`;
        const waitS = 5 + ((t / M + week * 17 + (siteId === 'york' ? 7 : 0)) % 97);
        events.push({ siteId, callId, kind: 'offered', at: new Date(t).toISOString(), queue: 'main' });
        if ((t / M) % 11 === 0) {
          events.push({
            siteId,
            callId,
            kind: 'abandoned',
            at: new Date(t + waitS * 1000).toISOString(),
            waitMs: waitS * 1000,
            queue: 'main',
          });
        } else {
          events.push({
            siteId,
            callId,
            kind: 'answered',
            at: new Date(t + waitS * 1000).toISOString(),
            waitMs: waitS * 1000,
            queue: 'main',
          });
        }
      }
    }
  }
  return events as CallEvent[];
}

/** The band recomputed from raw events: each earlier bucket's measures, then median, lowest and highest. */
function bruteForce(events: CallEvent[], siteIds: string[], excluded: [number, number][]) {
  const byCallMinute = [...countsFromEvents(events.filter((e) => siteIds.includes(e.siteId)))];
  const measuresAt = (u: number) => {
    const counts = byCallMinute
      .filter(([key]) => {
        const minute = Date.parse(key.split('|')[2] ?? '');
        return minute >= u && minute < u + BUCKET;
      })
      .map(([, c]) => c);
    return counts.length === 0 ? null : computeMeasures(sumCounts(counts));
  };
  const band = (xs: number[]) => {
    if (xs.length === 0) return { mid: null, low: null, high: null, weeks: 0 };
    const s = [...xs].sort((a, b) => a - b);
    const n = s.length;
    const mid = n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
    return { mid, low: s[0] as number, high: s[n - 1] as number, weeks: n };
  };
  const points = [];
  for (let t = FROM; t < TO; t += BUCKET) {
    const weeks: ReturnType<typeof computeMeasures>[] = [];
    for (let w = 1; w <= BASELINE_WEEKS; w++) {
      const u = sameLocalTimeWeeksBefore(t, w);
      if (excluded.some(([a, b]) => a < u + BUCKET && u < b)) continue;
      const m = measuresAt(u);
      if (m) weeks.push(m);
    }
    const values = (k: 'meanAnswerMs' | 'p95AnswerMs' | 'answeredWithin60sPct') =>
      weeks.map((m) => m[k]).filter((v): v is number => v !== null);
    points.push({
      start: new Date(t).toISOString(),
      meanAnswerMs: band(values('meanAnswerMs')),
      p95AnswerMs: band(values('p95AnswerMs')),
      answeredWithin60sPct: band(values('answeredWithin60sPct')),
    });
  }
  return points;
}

function expectBands(actual: BaselineResult['points'], expected: ReturnType<typeof bruteForce>) {
  expect(actual.map((p) => p.start)).toEqual(expected.map((p) => p.start));
  actual.forEach((p, i) => {
    const e = expected[i];
    for (const k of ['meanAnswerMs', 'p95AnswerMs', 'answeredWithin60sPct'] as const) {
      const [a, b] = [p[k], e?.[k]];
      expect(a.weeks, `${p.start} ${k} weeks`).toBe(b?.weeks);
      for (const f of ['mid', 'low', 'high'] as const) {
        if (b?.[f] === null) expect(a[f], `${p.start} ${k}.${f}`).toBeNull();
        else expect(a[f] as number, `${p.start} ${k}.${f}`).toBeCloseTo(b?.[f] as number, 6);
      }
    }
  });
}

describe.each(testBackends())('metrics.baseline on %s', (backend) => {
  let api: TestApi;
  let events: CallEvent[];
  beforeAll(async () => {
    api = await startTestApi(backend);
    events = history().sort((a, b) => offeredAt(a) - offeredAt(b));
    for (let i = 0; i < events.length; i += 5_000)
      await ingestCallEvents(api.database.db, KEY, events.slice(i, i + 5_000));
    const { id } = await declareIncident(api.database.db, ANONYMOUS, {
      type: 'business_continuity',
      title: 'Adastra down at Leeds',
      systemIds: ['cas'],
      siteIds: ['leeds'],
      startedAt: new Date(INCIDENT_FROM).toISOString(),
    });
    await updateIncident(api.database.db, ANONYMOUS, {
      id,
      stage: 'stood_down',
      at: new Date(INCIDENT_TO).toISOString(),
    });
  }, 300_000);
  afterAll(() => api?.stop());

  it('equals a brute-force band from raw events, leaving out the incident and the silent hour', async () => {
    const result = dataOf<BaselineResult>(
      await api.get('metrics.baseline', { ...INPUT, siteIds: ['leeds'] }),
    );
    expect(result.interval).toBe('15m');
    expect(result.points).toHaveLength(16);
    expectBands(result.points, bruteForce(events, ['leeds'], [[INCIDENT_FROM, INCIDENT_TO]]));
    // The incident hour has three weeks, the silent hour three, the rest all four.
    const weeks = result.points.map((p) => p.meanAnswerMs.weeks);
    expect(weeks.slice(0, 4)).toEqual([4, 4, 4, 4]);
    expect(weeks.slice(4, 8)).toEqual([3, 3, 3, 3]);
    expect(weeks.slice(8, 12)).toEqual([3, 3, 3, 3]);
  });

  it('york alone has every week (the leeds incident does not touch it)', async () => {
    const result = dataOf<BaselineResult>(await api.get('metrics.baseline', { ...INPUT, siteIds: ['york'] }));
    expectBands(result.points, bruteForce(events, ['york'], []));
    expect(result.points.every((p) => p.meanAnswerMs.weeks === 4)).toBe(true);
  });

  it('all sites together for a viewer; scoped to leeds for a leeds viewer', async () => {
    const all = dataOf<BaselineResult>(await api.get('metrics.baseline', INPUT, 'viewer'));
    expectBands(all.points, bruteForce(events, ['leeds', 'york', 'hull'], [[INCIDENT_FROM, INCIDENT_TO]]));
    const scoped = dataOf<BaselineResult>(await api.get('metrics.baseline', INPUT, 'scopedViewer'));
    expect(scoped.siteIds).toEqual(['leeds']);
    expectBands(scoped.points, bruteForce(events, ['leeds'], [[INCIDENT_FROM, INCIDENT_TO]]));
  });

  it('refuses outside scope, anonymous callers and hostile input with a 4xx naming the field', async () => {
    const york = await api.get('metrics.baseline', { ...INPUT, siteIds: ['york'] }, 'scopedViewer');
    expect(york.status).toBe(403);
    expect((await api.get('metrics.baseline', INPUT, 'anonymous')).status).toBe(401);
    const cases: [unknown, string][] = [
      [{ ...INPUT, to: new Date(FROM + 8 * 24 * H).toISOString() }, 'to'],
      [{ ...INPUT, to: INPUT.from }, 'to'],
      [{ ...INPUT, interval: '7m' }, 'interval'],
      [{ ...INPUT, from: 'yesterday' }, 'from'],
      [{ ...INPUT, siteIds: ['x'.repeat(500)] }, 'siteIds'],
      [{ ...INPUT, extra: 1 }, 'extra'],
      [{ ...INPUT, interval: '1m', to: new Date(FROM + 7 * 24 * H).toISOString() }, 'interval'],
    ];
    for (const [input, field] of cases) {
      const reply = await api.get('metrics.baseline', input);
      expect(reply.status, JSON.stringify(input)).toBe(400);
      expect(JSON.stringify(reply.body), JSON.stringify(input)).toContain(field);
      expect(JSON.stringify(reply.body)).not.toMatch(/select |stack|at .*\.ts/);
    }
  });
});
