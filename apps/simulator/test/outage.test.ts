import { describe, expect, it } from 'vitest';
import { localDay, utcOfLocal } from '../src/model/calendar.ts';
import { answerTimes, collect, percentile } from './helpers.ts';

// A Tuesday in winter (London = UTC): the outage runs 07:00–13:00.
const from = new Date('2026-11-24T00:00:00Z');
const to = new Date('2026-11-25T00:00:00Z');
const day = localDay(from.getTime());
const outageStart = utcOfLocal(day, 7 * 60);
const outageEnd = utcOfLocal(day, 13 * 60);
const sites = [
  { id: 'east' },
  { id: 'west' },
  { id: 'paper-free', systems: ['telephony', 'ambulance-cad'] as const },
];

describe('cas-outage', () => {
  const normal = collect({ sites, from, to, scenario: 'normal', seed: 31 });
  const outage = collect({ sites, from, to, scenario: 'cas-outage', seed: 31 });
  const hit = (e: { siteId?: string }) => e.siteId !== 'paper-free';

  it('is identical to a normal day until the outage starts', () => {
    const before = (e: { at: string }) => Date.parse(e.at) < outageStart;
    expect(outage.events.filter(before)).toEqual(normal.events.filter(before));
  });

  it('the 95th-centile answer time during the outage is far above the same hours of a normal day', () => {
    const p95Normal = percentile(answerTimes(normal.events.filter(hit), outageStart, outageEnd), 0.95);
    const p95Outage = percentile(answerTimes(outage.events.filter(hit), outageStart, outageEnd), 0.95);
    console.log(`P95 answer 07:00–13:00: normal ${p95Normal / 1000} s, CAS outage ${p95Outage / 1000} s`);
    expect(p95Outage).toBeGreaterThanOrEqual(3 * p95Normal);
    const abandoned = (c: typeof normal) =>
      c.events.filter((e) => hit(e) && e.kind === 'abandoned' && Date.parse(e.at) >= outageStart).length;
    expect(abandoned(outage)).toBeGreaterThan(2 * abandoned(normal));
  });

  it('recovers after the systems return', () => {
    const late = utcOfLocal(day, 16 * 60);
    const p95Normal = percentile(answerTimes(normal.events.filter(hit), late, to.getTime()), 0.95);
    const p95Outage = percentile(answerTimes(outage.events.filter(hit), late, to.getTime()), 0.95);
    expect(p95Outage).toBeLessThan(1.5 * p95Normal + 30_000);
  });

  it('a site without the clinical system is not affected', () => {
    const own = (c: typeof normal) => c.events.filter((e) => e.siteId === 'paper-free');
    expect(own(outage)).toEqual(own(normal));
  });

  it('heartbeats of the CAS and its links stop during the outage; a probe says down at every beat, then up', () => {
    const during = (s: { at: string }) => Date.parse(s.at) >= outageStart && Date.parse(s.at) < outageEnd;
    const east = outage.statuses.filter((s) => s.siteId === 'east');
    for (const system of ['cas', 'gp-booking', 'patient-record']) {
      expect(east.filter((s) => s.systemId === system && s.source === 'heartbeat' && during(s))).toEqual([]);
      const probes = east.filter((s) => s.systemId === system && s.source === 'probe');
      // Down at the start, again at every 30 s beat while down (as a real probe checks), then up.
      expect(probes[0]).toMatchObject({ status: 'down', at: new Date(outageStart).toISOString() });
      expect(probes.at(-1)).toMatchObject({ status: 'up', at: new Date(outageEnd).toISOString() });
      const between = probes.slice(1, -1);
      expect(between.length).toBe((6 * 3_600) / 30);
      expect(between.every((p) => p.status === 'down' && during(p))).toBe(true);
      expect(east.some((s) => s.systemId === system && Date.parse(s.at) > outageEnd)).toBe(true);
    }
    // Telephony and the ambulance link keep beating, every 30 s.
    const telephony = east.filter((s) => s.systemId === 'telephony' && during(s));
    expect(telephony.length).toBe((6 * 3_600) / 30);
    expect(telephony.every((s) => s.status === 'up' && s.source === 'heartbeat')).toBe(true);
    expect(outage.statuses.some((s) => s.siteId === 'paper-free' && s.systemId === 'cas')).toBe(false);
  });
});

describe('telephony-degraded', () => {
  const run = collect({ sites: [{ id: 'east' }], from, to, scenario: 'telephony-degraded', seed: 32 });
  const normal = collect({ sites: [{ id: 'east' }], from, to, scenario: 'normal', seed: 32 });

  it('reports telephony degraded during the window and up outside it', () => {
    const telephony = run.statuses.filter((s) => s.systemId === 'telephony');
    const inside = (s: { at: string }) => Date.parse(s.at) >= outageStart && Date.parse(s.at) < outageEnd;
    // Reports exist on both sides of the window (a loop over none would prove nothing): heartbeats every
    // 30 s through the six hours, and some before and after.
    expect(telephony.filter(inside).length).toBeGreaterThanOrEqual((6 * 3_600) / 30);
    expect(telephony.filter((s) => !inside(s)).length).toBeGreaterThan(0);
    for (const s of telephony) {
      expect(s.status).toBe(inside(s) ? 'degraded' : 'up');
      if (inside(s)) expect(s.detail).toMatch(/degraded/i);
    }
  });

  it('drops calls: more abandoned calls and short waits among them', () => {
    const count = (c: typeof run) =>
      c.events.filter(
        (e) => e.kind === 'abandoned' && Date.parse(e.at) >= outageStart && Date.parse(e.at) < outageEnd,
      ).length;
    expect(count(run)).toBeGreaterThan(count(normal) * 1.5);
  });
});
