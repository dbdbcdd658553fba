import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CallCounts,
  computeMeasures,
  emptyCounts,
  histogramFromValues,
  IUC_ADC_CODES,
  IUC_ADC_LABELS,
  MEASURE_NAMES,
} from '../src/index.ts';

const counts = (over: Partial<CallCounts>): CallCounts => ({ ...emptyCounts(), ...over });

describe('computeMeasures', () => {
  it('computes each measure from its definition', () => {
    const m = computeMeasures(
      counts({
        offered: 200,
        answered: 190,
        answeredWithin60s: 171,
        abandoned: 10,
        abandonedAfter30s: 4,
        abandonedAfter60s: 1,
        answerMsSum: 190 * 18_500,
        answerHist: histogramFromValues([...Array(180).fill(15_200), ...Array(10).fill(75_900)]),
      }),
    );
    expect(m).toEqual({
      offered: 200,
      answered: 190,
      answeredWithin60s: 171,
      abandoned: 10,
      abandonedAfter30s: 4,
      abandonedWithin30s: 6,
      abandonedBetween30And60s: 3,
      abandonedAfter60s: 1,
      answerMsSum: 190 * 18_500,
      answeredWithin60sPct: 90,
      abandonedPct: 2,
      abandonedAllPct: 5,
      meanAnswerMs: 18_500,
      p50AnswerMs: 15_000,
      p95AnswerMs: 75_000,
    });
  });

  it('gives every measure null when there is no data', () => {
    for (const m of [computeMeasures(null), computeMeasures(undefined)]) {
      for (const name of MEASURE_NAMES) expect(m[name]).toBeNull();
    }
  });

  it('gives ratios with a zero denominator null but counts 0', () => {
    const m = computeMeasures(emptyCounts());
    expect(m.offered).toBe(0);
    expect(m.answered).toBe(0);
    expect(m.answeredWithin60sPct).toBeNull();
    expect(m.abandonedPct).toBeNull();
    expect(m.abandonedAllPct).toBeNull();
    expect(m.meanAnswerMs).toBeNull();
    expect(m.p95AnswerMs).toBeNull();
  });

  it('property: ratios are null exactly when their denominator is zero, else within 0–100', () => {
    const n = fc.integer({ min: 0, max: 1000 });
    const arb = fc
      .record({ offered: n, answered: n, abandoned: n, a: n, b: n, sum: fc.integer({ min: 0, max: 1e8 }) })
      .map(
        ({ offered, answered, abandoned, a, b, sum }): CallCounts =>
          counts({
            offered: Math.max(offered, answered + abandoned),
            answered,
            answeredWithin60s: Math.min(a, answered),
            abandoned,
            abandonedAfter30s: Math.min(b, abandoned),
            answerMsSum: answered === 0 ? 0 : sum,
          }),
      );
    fc.assert(
      fc.property(arb, (c) => {
        const m = computeMeasures(c);
        expect(m.answeredWithin60sPct === null).toBe(c.answered === 0);
        expect(m.meanAnswerMs === null).toBe(c.answered === 0);
        expect(m.abandonedPct === null).toBe(c.offered === 0);
        expect(m.abandonedAllPct === null).toBe(c.offered === 0);
        for (const v of [m.answeredWithin60sPct, m.abandonedPct, m.abandonedAllPct]) {
          if (v !== null) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(100);
          }
        }
        if (m.abandonedPct !== null && m.abandonedAllPct !== null) {
          expect(m.abandonedPct).toBeLessThanOrEqual(m.abandonedAllPct);
        }
      }),
    );
  });
});

describe('IUC ADC codes', () => {
  it('name a measure and carry a label for each code', () => {
    expect(IUC_ADC_CODES.offered).toBe('A01');
    expect(IUC_ADC_CODES.p95AnswerMs).toBe('B07');
    for (const [measure, code] of Object.entries(IUC_ADC_CODES)) {
      expect(MEASURE_NAMES).toContain(measure);
      expect(IUC_ADC_LABELS[code]).toBeTruthy();
    }
  });
});
