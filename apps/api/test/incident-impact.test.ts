import type { CallEvent } from '@switchboard/contracts';
import { createTestDb, type TestDatabase, testBackends } from '@switchboard/db/testing';
import {
  BASELINE_WEEKS,
  type BaselineBucket,
  baselineFromBuckets,
  type CallCounts,
  computeMeasures,
  countsFromEvents,
  impactOf,
  offeredAt,
  sameLocalTimeWeeksBefore,
  sumCounts,
  totalImpact,
} from '@switchboard/metrics';
import { casOutageScenario, simulate } from '@switchboard/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../src/services/incidents/actor.ts';
import { declareIncident } from '../src/services/incidents/declare.ts';
import { getIncidentImpact } from '../src/services/incidents/impact.ts';
import { updateIncident } from '../src/services/incidents/update.ts';
import { ingestCallEvents } from '../src/services/ingest/call-events.ts';
import { toWindowMeasures } from '../src/services/queries/call-counts.ts';
import { addSite } from '../src/services/sites.ts';
import { addSystem } from '../src/services/systems.ts';

const KEY = { id: 'test', feed: 'test', siteIds: ['*'] };
const SITES = ['leeds', 'york'];
const H = 3_600_000;
const BUCKET = 300_000;
// Thursday 5 November 2026, 10:00 GMT; its baseline weeks cross the clock change of 25 October.
const OUTAGE = Date.parse('2026-11-05T10:00:00Z');
const DURATION = 3 * H;
const EARLIER = sameLocalTimeWeeksBefore(OUTAGE, 1); // an earlier incident at the same time a week before
const EMPTY_WEEK = 2; // leeds sent nothing at that time two weeks before

/** Four weeks of simulated history with two cas outages, leeds's feed silent in week 2's window. */
function history(): CallEvent[] {
  const scenario = {
    name: 'two-outages',
    description: 'cas down at leeds a week ago, and now at leeds and york',
    disruptions: [
      ...casOutageScenario({ startMs: EARLIER, durationMs: DURATION, sites: ['leeds'] }).disruptions,
      ...casOutageScenario({ startMs: OUTAGE, durationMs: DURATION }).disruptions,
    ],
  };
  const from = sameLocalTimeWeeksBefore(OUTAGE, 4) - 2 * H;
  const silentFrom = sameLocalTimeWeeksBefore(OUTAGE, EMPTY_WEEK);
  const events: CallEvent[] = [];
  for (const batch of simulate({
    sites: SITES.map((id) => ({ id, callsPerDay: 240 })),
    from: new Date(from),
    to: new Date(OUTAGE + DURATION + H),
    scenario,
    seed: 14,
    snapshotEveryMs: 0,
    heartbeatEveryMs: 0,
  })) {
    for (const e of batch.events) {
      const t = offeredAt(e);
      if (e.siteId === 'leeds' && t >= silentFrom - H && t < silentFrom + DURATION + H) continue;
      events.push(e);
    }
  }
  return events;
}

/** The impact recomputed from raw events: minute counts summed into buckets of `size`, then the metrics rules. */
function bruteForce(
  events: CallEvent[],
  from: number,
  to: number,
  excluded: Record<string, [number, number][]>,
  size = BUCKET,
) {
  const byBucket = new Map<string, CallCounts[]>();
  for (const [key, counts] of countsFromEvents(events)) {
    const [site, , minute] = key.split('|');
    const bucket = `${site}|${Math.floor(Date.parse(minute ?? '') / size) * size}`;
    byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), counts]);
  }
  const bucketCounts = (siteId: string, start: number): CallCounts | null =>
    sumCounts(byBucket.get(`${siteId}|${start}`) ?? []);
  const sites = SITES.map((siteId) => {
    const current: (CallCounts | null)[] = [];
    const buckets: BaselineBucket[] = [];
    for (let offset = 0, t = from; t < to; offset++, t += size) {
      current.push(bucketCounts(siteId, t));
      for (let week = 1; week <= BASELINE_WEEKS; week++) {
        const u = sameLocalTimeWeeksBefore(t, week);
        const isExcluded = (excluded[siteId] ?? []).some(([a, b]) => a < u + size && u < b);
        buckets.push({ offset, week, counts: bucketCounts(siteId, u), excluded: isExcluded });
      }
    }
    const currentCounts = sumCounts(current);
    const baseline = baselineFromBuckets(buckets);
    return { siteId, currentCounts, baseline, impact: impactOf(currentCounts, baseline.counts) };
  });
  return { sites, total: totalImpact(sites.map((s) => s.impact)) };
}

function expectClose(actual: object, expected: Record<string, number | null>) {
  for (const [field, value] of Object.entries(expected)) {
    const got = (actual as Record<string, unknown>)[field];
    if (value === null) expect(got, field).toBeNull();
    else expect(got as number, field).toBeCloseTo(value, 6);
  }
}

/** Declares an incident over [from, to) and stands it down at `to`; its id. */
async function pastIncident(
  db: TestDatabase['db'],
  type: 'business_continuity' | 'critical' | 'major',
  title: string,
  siteIds: string[],
  from: number,
  to: number,
): Promise<number> {
  const { id } = await declareIncident(db, ANONYMOUS, {
    type,
    title,
    systemIds: ['cas'],
    siteIds,
    startedAt: new Date(from).toISOString(),
  });
  await updateIncident(db, ANONYMOUS, { id, stage: 'stood_down', at: new Date(to).toISOString() });
  return id;
}

/** Every site's and the total's measures and impact equal the brute-force ones. */
function expectBruteForce(
  impact: Awaited<ReturnType<typeof getIncidentImpact>>,
  brute: ReturnType<typeof bruteForce>,
) {
  for (const b of brute.sites) {
    const got = impact.sites.find((s) => s.siteId === b.siteId);
    expect(got, b.siteId).toBeDefined();
    expect(got?.baselineWeeks, b.siteId).toBe(b.baseline.weeks);
    expectClose(got?.current ?? {}, { ...toWindowMeasures(computeMeasures(b.currentCounts)) });
    expectClose(got?.baseline ?? {}, { ...toWindowMeasures(computeMeasures(b.baseline.counts)) });
    expectClose(got ?? {}, b.impact);
  }
  expectClose(impact, brute.total);
}

describe.each(testBackends())('incident impact on %s', (backend) => {
  let database: TestDatabase;
  let events: CallEvent[];
  beforeAll(async () => {
    database = await createTestDb(backend);
    for (const id of SITES) await addSite(database.db, { id, name: id.toUpperCase(), actor: 't' });
    await addSystem(database.db, { id: 'cas', name: 'Adastra', siteIds: SITES, actor: 't' });
    events = history();
    for (let i = 0; i < events.length; i += 5_000)
      await ingestCallEvents(database.db, KEY, events.slice(i, i + 5_000));
    // Four weeks of two sites' calls: slower than the default hook allows on a busy 2-core machine.
  }, 300_000);
  afterAll(() => database?.destroy());

  it('equals a brute-force count from raw events, leaving out an earlier incident and an empty week', async () => {
    const db = database.db;
    await pastIncident(
      db,
      'business_continuity',
      'Adastra down at Leeds',
      ['leeds'],
      EARLIER,
      EARLIER + DURATION,
    );
    const id = await pastIncident(
      db,
      'critical',
      'Adastra down everywhere',
      SITES,
      OUTAGE,
      OUTAGE + DURATION,
    );

    const impact = await getIncidentImpact(db, ANONYMOUS, { id });
    expect(impact.window).toEqual({
      from: new Date(OUTAGE).toISOString(),
      to: new Date(OUTAGE + DURATION).toISOString(),
    });
    expect(impact.interval).toBe('5m');
    expect(impact.live).toBe(false);

    const brute = bruteForce(events, OUTAGE, OUTAGE + DURATION, { leeds: [[EARLIER, EARLIER + DURATION]] });
    const leeds = impact.sites.find((s) => s.siteId === 'leeds');
    const york = impact.sites.find((s) => s.siteId === 'york');
    // leeds: week 1 is under the earlier incident, week 2 had no data: two weeks contribute, two are missing.
    expect(leeds).toMatchObject({ baselineWeeks: 2, missingWeeks: 2 });
    expect(york).toMatchObject({ baselineWeeks: 4, missingWeeks: 0 });
    expectBruteForce(impact, brute);
    expectClose(impact.current, {
      ...toWindowMeasures(computeMeasures(sumCounts(brute.sites.map((s) => s.currentCounts)))),
    });

    // The outage is worse than a normal Thursday: more calls over 60 s, more abandoned, hours of extra waiting.
    expect(impact.extraOver60s as number).toBeGreaterThan(0);
    expect(impact.extraAbandoned as number).toBeGreaterThan(0);
    expect(impact.extraWaitHours as number).toBeGreaterThan(0);
    expect(impact.current.p95AnswerMs as number).toBeGreaterThan(impact.baseline.p95AnswerMs as number);
  });

  it('reads whole London days from the day rows and still equals the brute-force count (43-hour incident)', async () => {
    const db = database.db;
    // Two midnights inside: its baseline weeks are whole days plus edges, cut by the earlier incident
    // (week 1 at leeds) and by leeds's silent hours (week 2), and week 4 runs off the start of the history.
    const longFrom = OUTAGE - 40 * H;
    const id = await pastIncident(db, 'major', 'Long outage', SITES, longFrom, OUTAGE + DURATION);
    const impact = await getIncidentImpact(db, ANONYMOUS, { id });
    expect(impact.interval).toBe('1h');
    const own: [number, number] = [longFrom, OUTAGE + DURATION];
    const brute = bruteForce(
      events,
      longFrom,
      OUTAGE + DURATION,
      { leeds: [[EARLIER, EARLIER + DURATION], own], york: [own] },
      H,
    );
    expectBruteForce(impact, brute);
  });

  it('gives a viewer of one site that site alone, with the figures everyone sees for it', async () => {
    const db = database.db;
    const id = await pastIncident(db, 'critical', 'Scoped', SITES, OUTAGE - 20 * H, OUTAGE + DURATION);
    const all = await getIncidentImpact(db, ANONYMOUS, { id });
    const york = await getIncidentImpact(db, { label: 'york viewer', sites: ['york'] }, { id });
    const yorkInAll = all.sites.find((s) => s.siteId === 'york');
    expect(york.sites.map((s) => s.siteId)).toEqual(['york']);
    expect(york.sites[0]).toEqual(yorkInAll);
    expect(york.baselineWeeks).toBe(yorkInAll?.baselineWeeks);
    expectClose(york, {
      extraOver60s: yorkInAll?.extraOver60s ?? null,
      extraAbandoned: yorkInAll?.extraAbandoned ?? null,
      extraWaitHours: yorkInAll?.extraWaitHours ?? null,
    });
    expectClose(york.current, { ...(yorkInAll?.current ?? {}) });
  });

  it('counts the earlier incident against its own baseline without the outage a week later', async () => {
    const db = database.db;
    const [earlier] = (await getIncidentImpact(db, ANONYMOUS, { id: 1 })).sites;
    // Its baseline weeks are 2–5 weeks before the outage: week 4 back (5 before the outage) has no history.
    expect(earlier?.siteId).toBe('leeds');
    expect(earlier?.baselineWeeks).toBe(2);
    expect(earlier?.missingWeeks).toBe(2);
  });
});
