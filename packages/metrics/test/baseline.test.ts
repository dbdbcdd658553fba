import { describe, expect, it } from 'vitest';
import { compareToBaseline, computeMeasures, emptyCounts, MEASURE_NAMES } from '../src/index.ts';

describe('compareToBaseline', () => {
  it('gives delta and ratio per measure, propagating nulls and a zero baseline', () => {
    const current = computeMeasures({
      ...emptyCounts(),
      offered: 150,
      answered: 100,
      answerMsSum: 4_000_000,
    });
    const baseline = computeMeasures({
      ...emptyCounts(),
      offered: 100,
      answered: 100,
      answerMsSum: 1_500_000,
    });
    const cmp = compareToBaseline(current, baseline);
    expect(cmp.offered).toEqual({ current: 150, baseline: 100, delta: 50, ratio: 1.5 });
    expect(cmp.meanAnswerMs).toEqual({
      current: 40_000,
      baseline: 15_000,
      delta: 25_000,
      ratio: 40_000 / 15_000,
    });
    expect(cmp.abandoned).toEqual({ current: 0, baseline: 0, delta: 0, ratio: null });
    expect(Object.keys(cmp).sort()).toEqual([...MEASURE_NAMES].sort());

    const gap = compareToBaseline(current, computeMeasures(null));
    for (const name of MEASURE_NAMES) {
      expect(gap[name].delta).toBeNull();
      expect(gap[name].ratio).toBeNull();
    }
  });
});
