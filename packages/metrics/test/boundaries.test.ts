import { describe, expect, it } from 'vitest';
import {
  bucketCount,
  compareValues,
  localMidnight,
  meetsTarget,
  parseRelativeRange,
  statusIntervals,
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
