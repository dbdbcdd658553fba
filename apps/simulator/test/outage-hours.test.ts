import { describe, expect, it } from 'vitest';
import { localDay, utcOfLocal } from '../src/model/calendar.ts';
import { casOutageScenario } from '../src/scenarios/cas-outage.ts';
import { withDependents } from '../src/systems.ts';
import { answerTimes, collect, percentile } from './helpers.ts';

const MIN = 60_000;
const PROBE_EVERY_MS = 30_000;
// A Tuesday in winter, and the outage at three hours of a day: night, morning peak, afternoon.
const day = localDay(Date.parse('2026-11-24T12:00:00Z'));
const sites = [{ id: 'east' }, { id: 'west' }];
const affected = withDependents(['cas']);

describe.each([3, 10, 15])('cas-outage starting at %i:00 London time', (hour) => {
  const start = utcOfLocal(day, hour * 60);
  const scenario = casOutageScenario({ startMs: start, durationMs: 2 * 3_600_000 });

  it('reports the affected systems down within one probe interval of a run that starts mid-outage', () => {
    // As in the demo: the outage began a few seconds before the run.
    const from = start + 7_000;
    const run = collect({ sites, from: new Date(from), to: new Date(from + 2 * MIN), scenario, seed: 6 });
    for (const site of sites) {
      for (const systemId of affected) {
        const reports = run.statuses.filter((s) => s.siteId === site.id && s.systemId === systemId);
        expect(reports.length, `${site.id} ${systemId}`).toBeGreaterThan(0);
        expect(reports.every((s) => s.status === 'down')).toBe(true);
        expect(Date.parse(reports[0]?.at ?? '')).toBeLessThanOrEqual(from + PROBE_EVERY_MS);
      }
    }
  });

  it('puts the 95th-centile answer time of minutes 15–45 at 3× or more the same window without it', () => {
    const from = new Date(start - 4 * 60 * MIN);
    const to = new Date(start + 45 * MIN);
    const options = { sites, from, to, seed: 6, snapshotEveryMs: 0, heartbeatEveryMs: 0 };
    const normal = collect({ ...options, scenario: 'normal' });
    const outage = collect({ ...options, scenario });
    const window = [start + 15 * MIN, start + 45 * MIN] as const;
    const p95Normal = percentile(answerTimes(normal.events, ...window), 0.95);
    const p95Outage = percentile(answerTimes(outage.events, ...window), 0.95);
    console.log(
      `${hour}:00 — p95 answer in minutes 15–45: normal ${p95Normal / 1000} s, outage ${p95Outage / 1000} s`,
    );
    expect(p95Outage).toBeGreaterThanOrEqual(3 * p95Normal);
  });

  it('takes the affected sites off target (95% within 60 s) within 15 minutes of the start', () => {
    const from = new Date(start - 4 * 60 * MIN);
    const to = new Date(start + 16 * MIN);
    const options = { sites, from, to, seed: 6, snapshotEveryMs: 0, heartbeatEveryMs: 0 };
    const outage = collect({ ...options, scenario });
    for (const site of sites) {
      // Callers who rang in minutes 5–15: the share answered within 60 s (still waiting or gone = missed).
      const own = outage.events.filter((e) => e.siteId === site.id);
      const rang = own.filter(
        (e) =>
          e.kind === 'offered' && Date.parse(e.at) >= start + 5 * MIN && Date.parse(e.at) < start + 15 * MIN,
      );
      const ids = new Set(rang.map((e) => e.callId));
      const quick = own.filter(
        (e) => e.kind === 'answered' && ids.has(e.callId) && (e.waitMs ?? 0) <= 60_000,
      ).length;
      console.log(
        `${hour}:00 ${site.id}: ${quick} of ${rang.length} callers in minutes 5–15 answered within 60 s`,
      );
      expect(rang.length).toBeGreaterThan(0);
      expect(quick / rang.length).toBeLessThan(0.95);
    }
  });
});
