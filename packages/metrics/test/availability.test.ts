import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availability, type StatusReport, statusIntervals } from '../src/index.ts';

const report: fc.Arbitrary<StatusReport> = fc.record({
  at: fc.integer({ min: -50, max: 250 }),
  status: fc.constantFrom('up', 'degraded', 'down'),
});
const windowArb = fc
  .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }))
  .map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
const timeoutArb = fc.oneof(fc.integer({ min: 1, max: 120 }), fc.constant(Number.POSITIVE_INFINITY));

/** Oracle: the status at one instant, straight from the rule. */
function statusAt(reports: readonly StatusReport[], t: number, timeout: number): string {
  let latest: StatusReport | undefined;
  for (const r of reports) if (r.at <= t && (!latest || r.at >= latest.at)) latest = r;
  return latest && t < latest.at + timeout ? latest.status : 'unknown';
}

describe('statusIntervals', () => {
  it('holds a report until the next one or its timeout; unknown before the first and after a timeout', () => {
    const intervals = statusIntervals(
      [
        { at: 130, status: 'down' },
        { at: 50, status: 'up' },
        { at: 60, status: 'up' },
        { at: -20, status: 'degraded' },
      ],
      { from: 0, to: 200 },
      { heartbeatTimeoutMs: 30 },
    );
    expect(intervals).toEqual([
      { from: 0, to: 10, status: 'degraded' },
      { from: 10, to: 50, status: 'unknown' },
      { from: 50, to: 90, status: 'up' },
      { from: 90, to: 130, status: 'unknown' },
      { from: 130, to: 160, status: 'down' },
      { from: 160, to: 200, status: 'unknown' },
    ]);
    expect(availability(intervals)).toEqual({
      availabilityPct: (50 / 80) * 100,
      upMs: 40,
      degradedMs: 10,
      downMs: 30,
      unknownMs: 120,
    });
  });

  it('lets the last of several same-instant reports win; an empty window gives nothing', () => {
    const reports: StatusReport[] = [
      { at: 0, status: 'down' },
      { at: 0, status: 'up' },
    ];
    expect(statusIntervals(reports, { from: 0, to: 10 }, { heartbeatTimeoutMs: 100 })).toEqual([
      { from: 0, to: 10, status: 'up' },
    ]);
    expect(statusIntervals(reports, { from: 5, to: 5 }, { heartbeatTimeoutMs: 100 })).toEqual([]);
    expect(() => statusIntervals(reports, { from: 0, to: 1 }, { heartbeatTimeoutMs: 0 })).toThrow(RangeError);
  });

  it('gives null availability when everything is unknown', () => {
    const all = statusIntervals([], { from: 0, to: 1000 }, { heartbeatTimeoutMs: 10 });
    expect(all).toEqual([{ from: 0, to: 1000, status: 'unknown' }]);
    expect(availability(all).availabilityPct).toBeNull();
  });

  it('property: covers the window exactly, without overlap, merged, and the ms add up', () => {
    fc.assert(
      fc.property(fc.array(report, { maxLength: 15 }), windowArb, timeoutArb, (reports, w, timeout) => {
        const intervals = statusIntervals(reports, w, { heartbeatTimeoutMs: timeout });
        if (w.to === w.from) {
          expect(intervals).toEqual([]);
          return;
        }
        expect(intervals[0]?.from).toBe(w.from);
        expect(intervals[intervals.length - 1]?.to).toBe(w.to);
        intervals.forEach((iv, i) => {
          expect(iv.to).toBeGreaterThan(iv.from);
          const next = intervals[i + 1];
          if (next) {
            expect(next.from).toBe(iv.to);
            expect(next.status).not.toBe(iv.status);
          }
        });
        const a = availability(intervals);
        expect(a.upMs + a.degradedMs + a.downMs + a.unknownMs).toBe(w.to - w.from);
      }),
      { numRuns: 300 },
    );
  });

  it('property: agrees with the rule at every instant of the window', () => {
    fc.assert(
      fc.property(fc.array(report, { maxLength: 15 }), windowArb, timeoutArb, (reports, w, timeout) => {
        const intervals = statusIntervals(reports, w, { heartbeatTimeoutMs: timeout });
        for (const iv of intervals) {
          for (let t = iv.from; t < iv.to; t++) expect(iv.status).toBe(statusAt(reports, t, timeout));
        }
      }),
      { numRuns: 300 },
    );
  });
});
