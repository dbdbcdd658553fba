import { describe, expect, it } from 'vitest';
import {
  bandOf,
  baselineWeights,
  bucketCount,
  chooseInterval,
  compareValues,
  emptyCounts,
  localDateString,
  localMidnight,
  meetsTarget,
  overlaps,
  parseRelativeRange,
  sameLocalTimeWeeksBefore,
  scaleCounts,
  statusIntervals,
  totalImpact,
} from '../src/index.ts';

// The edges each rule names, pinned by values worked out by hand.

describe('time buckets at their edges', () => {
  it('bucketCount: none for an empty or reversed range, whole sub-day buckets by UTC multiple', () => {
    expect(bucketCount(1_000, 1_000, '5m')).toBe(0);
    expect(bucketCount(1_000, 500, '5m')).toBe(0);
    expect(bucketCount(0, 299_999, '5m')).toBe(1);
    expect(bucketCount(0, 300_000, '5m')).toBe(1);
    expect(bucketCount(0, 300_001, '5m')).toBe(2);
    expect(bucketCount(299_999, 300_001, '5m')).toBe(2);
  });

  it('bucketCount: a summer London day is one bucket, though it spans two UTC dates', () => {
    const from = Date.parse('2026-07-01T23:00:00Z'); // 00:00 BST on 2 July
    expect(bucketCount(from, from + 86_400_000, '1d')).toBe(1);
  });

  it('localMidnight: Auckland on its spring-forward day needs the second pass', () => {
    // 27 September 2026: NZST (+12) until 02:00 local, so midnight is 12:00 UTC the day before, while the
    // offset at 00:00 UTC that day (+13) would give 11:00.
    expect(localMidnight(2026, 9, 27, 'Pacific/Auckland')).toBe(Date.parse('2026-09-26T12:00:00Z'));
  });

  it('parseRelativeRange: spaces around the parts, nothing else, and the message names the input', () => {
    expect(parseRelativeRange(' 4 h ', 10_000_000)).toEqual({
      from: 10_000_000 - 4 * 3_600_000,
      to: 10_000_000,
    });
    expect(() => parseRelativeRange('4hx', 0)).toThrow(/must look like 30m, 4h or 7d, got "4hx"/);
    expect(() => parseRelativeRange('0m', 0)).toThrow(RangeError);
  });
});

describe('thresholds, baselines and availability at their edges', () => {
  it('meetsTarget: a strict higher-is-better target is not met at the target itself', () => {
    const t = { better: 'higher', target: 95, strict: true, amberLimit: 90 } as const;
    expect(meetsTarget(95, t)).toBe(false);
    expect(meetsTarget(95.01, t)).toBe(true);
    expect(meetsTarget(94, t)).toBe(false);
    expect(meetsTarget(95, { ...t, strict: false })).toBe(true);
  });

  it('compareValues: a missing current value gives no delta and no ratio', () => {
    expect(compareValues(null, 5)).toEqual({ current: null, baseline: 5, delta: null, ratio: null });
    expect(compareValues(5, null)).toEqual({ current: 5, baseline: null, delta: null, ratio: null });
  });

  it('statusIntervals: a non-positive timeout is refused by name', () => {
    expect(() => statusIntervals([], { from: 0, to: 1 }, { heartbeatTimeoutMs: 0 })).toThrow(
      /heartbeatTimeoutMs must be positive, got 0/,
    );
    expect(
      statusIntervals([{ at: 0, status: 'up' }], { from: 10, to: 10 }, { heartbeatTimeoutMs: 5 }),
    ).toEqual([]);
  });
});

describe('time zones where a day does not begin at 00:00', () => {
  // Santiago moves its clocks from 00:00 (−04) to 01:00 (−03) on the first Sunday of September: on
  // 6 September 2026 the clock reads 23:59:59 on the 5th at 03:59:59 UTC and 01:00 on the 6th at 04:00 UTC.
  const zone = 'America/Santiago';
  it('localMidnight: the day begins at the change, the first instant of that date', () => {
    const start = localMidnight(2026, 9, 6, zone);
    expect(start).toBe(Date.parse('2026-09-06T04:00:00Z'));
    expect(localDateString(start, zone)).toBe('2026-09-06');
    expect(localDateString(start - 1, zone)).toBe('2026-09-05');
  });

  it('sameLocalTimeWeeksBefore: a wall time the clocks skipped maps to the instant the clock read it as', () => {
    // 00:30 on 13 September (−03) is 03:30 UTC; a week before, 00:30 never happened: read on the old
    // clock (−04) it is 04:30 UTC (01:30 on the new one).
    expect(sameLocalTimeWeeksBefore(Date.parse('2026-09-13T03:30:00Z'), 1, zone)).toBe(
      Date.parse('2026-09-06T04:30:00Z'),
    );
  });

  it('sameLocalTimeWeeksBefore: New York the week after its spring change (03:30 EDT to 03:30 EDT)', () => {
    expect(sameLocalTimeWeeksBefore(Date.parse('2026-03-15T07:30:00Z'), 1, 'America/New_York')).toBe(
      Date.parse('2026-03-08T07:30:00Z'),
    );
  });
});

describe('baselines, bands and impact at their edges', () => {
  it('overlaps: half-open intervals that only touch do not overlap', () => {
    expect(overlaps({ from: 0, to: 10 }, { from: 10, to: 20 })).toBe(false);
    expect(overlaps({ from: 10, to: 20 }, { from: 0, to: 10 })).toBe(false);
    expect(overlaps({ from: 0, to: 10 }, { from: 9, to: 20 })).toBe(true);
    expect(overlaps({ from: 9, to: 20 }, { from: 0, to: 10 })).toBe(true);
    expect(overlaps({ from: 0, to: 10 }, { from: 4, to: 5 })).toBe(true);
    expect(overlaps({ from: 0, to: 10 }, { from: 30, to: 40 })).toBe(false);
    expect(overlaps({ from: 30, to: 40 }, { from: 0, to: 10 })).toBe(false);
  });

  it('scaleCounts: every count, the histogram too, times the factor', () => {
    const c = {
      offered: 10,
      answered: 8,
      answeredWithin60s: 6,
      abandoned: 2,
      abandonedAfter30s: 1,
      abandonedAfter60s: 1,
      answerMsSum: 4_000,
      answerHist: [3, 0, 5],
    };
    expect(scaleCounts(c, 2)).toEqual({
      offered: 20,
      answered: 16,
      answeredWithin60s: 12,
      abandoned: 4,
      abandonedAfter30s: 2,
      abandonedAfter60s: 2,
      answerMsSum: 8_000,
      answerHist: [6, 0, 10],
    });
    expect(c.answerHist).toEqual([3, 0, 5]); // a new object
  });

  it('baselineWeights: a week outside 1..weeks counts for nothing', () => {
    const bucket = (week: number) => ({ offset: 0, week, counts: emptyCounts(), excluded: false });
    expect(baselineWeights([bucket(0), bucket(3), bucket(1)], 2)).toEqual({
      weights: [0, 0, 1],
      weeks: 1,
      missingWeeks: 1,
    });
    expect(baselineWeights([bucket(2), bucket(1)], 2)).toEqual({
      weights: [0.5, 0.5],
      weeks: 2,
      missingWeeks: 0,
    });
  });

  it('bandOf: only finite numbers are values', () => {
    expect(bandOf([Number.NaN, 2, Number.POSITIVE_INFINITY, undefined, 4])).toEqual({
      middle: 3,
      low: 2,
      high: 4,
      n: 2,
    });
  });

  it('totalImpact: each figure sums the sites that have it', () => {
    const site = (a: number | null, b: number | null, c: number | null) => ({
      extraOver60s: a,
      extraAbandoned: b,
      extraWaitHours: c,
    });
    expect(totalImpact([site(1, 2, 3), site(10, null, 30), site(null, null, null)])).toEqual(site(11, 2, 33));
    expect(totalImpact([site(null, 5, null)])).toEqual(site(null, 5, null));
    expect(totalImpact([])).toEqual(site(null, null, null));
  });

  it('chooseInterval: exactly maxPoints buckets is allowed', () => {
    // One hour is 60 one-minute buckets, 12 five-minute ones.
    expect(chooseInterval(0, 3_600_000, 60)).toBe('1m');
    expect(chooseInterval(0, 3_600_000, 59)).toBe('5m');
    expect(chooseInterval(0, 3_600_000, 12)).toBe('5m');
  });
});
