import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addToHistogram,
  binIndex,
  emptyHistogram,
  exactPercentile,
  HISTOGRAM_BINS,
  HISTOGRAM_CAP_MS,
  histogramFromValues,
  histogramTotal,
  mergeHistograms,
  percentileFromHistogram,
} from '../src/index.ts';

const wait = fc.oneof(
  fc.integer({ min: 0, max: 120_000 }),
  fc.integer({ min: 0, max: 900_000 }),
  fc.constantFrom(0, 999, 1000, 59_999, 60_000, 599_999, 600_000, 600_001, 86_400_000),
);
// Whole and half percentiles: exact in binary, so the oracle below needs no rounding of its own.
const percentile = fc.integer({ min: 0, max: 200 }).map((k) => k / 2);

/**
 * The oracle, written from the rule rather than from the code: sort the raw waits and walk them to the
 * first position i (1-based) at which at least p% of the values lie at or below it (i × 100 >= p × n).
 */
function nearestRankByHand(values: readonly number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  for (let i = 1; i <= sorted.length; i++) {
    if (i * 100 >= p * sorted.length) return sorted[i - 1] as number;
  }
  return sorted[sorted.length - 1] as number;
}

describe('binIndex', () => {
  it('puts [i s, i+1 s) in bin i and everything from 600 s in the last bin', () => {
    expect(binIndex(0)).toBe(0);
    expect(binIndex(999)).toBe(0);
    expect(binIndex(1000)).toBe(1);
    expect(binIndex(599_999)).toBe(599);
    expect(binIndex(600_000)).toBe(600);
    expect(binIndex(86_400_000)).toBe(600);
    expect(binIndex(-5)).toBe(0);
    expect(binIndex(-0)).toBe(0);
    expect(() => binIndex(Number.NaN)).toThrow(/waitMs is NaN/);
  });
});

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const values = [15_000, 20_000, 35_000, 40_000, 50_000];
    expect(exactPercentile(values, 0)).toBe(15_000);
    expect(exactPercentile(values, 5)).toBe(15_000);
    expect(exactPercentile(values, 30)).toBe(20_000);
    expect(exactPercentile(values, 40)).toBe(20_000);
    expect(exactPercentile(values, 25)).toBe(20_000); // rank ceil(1.25) = 2, not round(1.25) = 1
    expect(exactPercentile(values, 50)).toBe(35_000);
    expect(exactPercentile(values, 61)).toBe(40_000); // rank ceil(3.05) = 4
    expect(exactPercentile(values, 100)).toBe(50_000);
    expect(exactPercentile([], 50)).toBeNull();
  });

  it('keeps whole ranks exact (7% of 100 is rank 7, not 8)', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i + 1) * 1000);
    expect(exactPercentile(values, 7)).toBe(7000);
    expect(percentileFromHistogram(histogramFromValues(values), 7)).toBe(7000);
  });

  it('reads the lower bound of the bin, 600000 for the overflow bin, null when empty', () => {
    expect(percentileFromHistogram(histogramFromValues([12_345]), 95)).toBe(12_000);
    expect(percentileFromHistogram(histogramFromValues([700_000]), 50)).toBe(HISTOGRAM_CAP_MS);
    expect(percentileFromHistogram(emptyHistogram(), 50)).toBeNull();
    expect(percentileFromHistogram([], 50)).toBeNull();
  });

  it('rejects a percentile outside 0–100', () => {
    expect(() => exactPercentile([1], 101)).toThrow(/between 0 and 100, got 101/);
    expect(() => percentileFromHistogram(histogramFromValues([1]), -1)).toThrow(RangeError);
  });

  it('property: exactPercentile is the nearest rank of the sorted raw values', () => {
    fc.assert(
      fc.property(fc.array(wait, { minLength: 1, maxLength: 300 }), percentile, (values, p) => {
        expect(exactPercentile(values, p)).toBe(nearestRankByHand(values, p));
      }),
      { numRuns: 500 },
    );
  });

  it('property: the histogram percentile is the raw nearest rank floored to the second, capped at 600 s', () => {
    fc.assert(
      fc.property(fc.array(wait, { minLength: 1, maxLength: 300 }), percentile, (values, p) => {
        const exact = nearestRankByHand(values, p);
        const expected = exact >= HISTOGRAM_CAP_MS ? HISTOGRAM_CAP_MS : Math.floor(exact / 1000) * 1000;
        expect(percentileFromHistogram(histogramFromValues(values), p)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('mergeHistograms', () => {
  it('treats short and empty arrays as zeros and folds extra bins into the last', () => {
    const merged = mergeHistograms([], [1, 2]);
    expect(merged).toHaveLength(HISTOGRAM_BINS);
    expect(merged.slice(0, 3)).toEqual([1, 2, 0]);
    const long = new Array<number>(HISTOGRAM_BINS + 2).fill(1);
    expect(mergeHistograms(long, [])[HISTOGRAM_BINS - 1]).toBe(3);
  });

  it('addToHistogram pads a short array', () => {
    const h: number[] = [];
    addToHistogram(h, 5_500);
    expect(h).toHaveLength(HISTOGRAM_BINS);
    expect(h[5]).toBe(1);
    expect(histogramTotal(h)).toBe(1);
  });

  it('property: merging histograms equals the histogram of the concatenated values', () => {
    fc.assert(
      fc.property(fc.array(wait), fc.array(wait), (a, b) => {
        expect(mergeHistograms(histogramFromValues(a), histogramFromValues(b))).toEqual(
          histogramFromValues([...a, ...b]),
        );
      }),
    );
  });
});
