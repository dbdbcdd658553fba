import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_WEEKS,
  type BaselineBucket,
  bandOf,
  baselineFromBuckets,
  type CallCounts,
  emptyCounts,
  histogramFromValues,
  impactOf,
  localParts,
  sameLocalTimeWeeksBefore,
  scaleCounts,
  totalImpact,
} from '../src/index.ts';

const countsArb: fc.Arbitrary<CallCounts> = fc
  .record({
    offered: fc.nat(500),
    answeredFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    within60Frac: fc.double({ min: 0, max: 1, noNaN: true }),
    abandonedFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    after30Frac: fc.double({ min: 0, max: 1, noNaN: true }),
    after60Frac: fc.double({ min: 0, max: 1, noNaN: true }),
    waits: fc.array(fc.nat(700_000), { maxLength: 20 }),
  })
  .map((r) => {
    const answered = Math.floor(r.offered * r.answeredFrac);
    const abandoned = Math.floor((r.offered - answered) * r.abandonedFrac);
    const after30 = Math.floor(abandoned * r.after30Frac);
    const waits = r.waits.slice(0, answered);
    return {
      offered: r.offered,
      answered,
      answeredWithin60s: Math.floor(answered * r.within60Frac),
      abandoned,
      abandonedAfter30s: after30,
      abandonedAfter60s: Math.floor(after30 * r.after60Frac),
      answerMsSum: waits.reduce((a, b) => a + b, 0),
      answerHist: histogramFromValues(waits),
    };
  });

const bucketArb: fc.Arbitrary<BaselineBucket> = fc.record({
  offset: fc.nat(5),
  week: fc.integer({ min: 1, max: BASELINE_WEEKS }),
  counts: fc.option(countsArb, { nil: null }),
  excluded: fc.boolean(),
});

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

describe('sameLocalTimeWeeksBefore', () => {
  it('keeps the London wall-clock time and weekday, 7 days a week earlier', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 1, max: 4 }),
        (ms, weeks) => {
          const before = sameLocalTimeWeeksBefore(ms, weeks);
          const a = localParts(ms);
          const b = localParts(before);
          // 01:00–02:00 is skipped or repeated on clock-change Sundays: only there may the hour differ.
          if (a.hour !== 1) expect([b.hour, b.minute, b.second]).toEqual([a.hour, a.minute, a.second]);
          const days = Math.round(
            (Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day)) / 86_400_000,
          );
          expect(days).toBe(7 * weeks);
          expect(Math.abs(ms - before - weeks * 7 * 86_400_000)).toBeLessThanOrEqual(3_600_000);
        },
      ),
    );
  });

  it('is 167 hours back across the spring clock change and 169 across the autumn one', () => {
    // Sunday 29 March 2026 10:00 BST and the Sunday before at 10:00 GMT.
    expect(sameLocalTimeWeeksBefore(Date.parse('2026-03-29T09:00:00Z'), 1)).toBe(
      Date.parse('2026-03-22T10:00:00Z'),
    );
    // Sunday 25 October 2026 10:00 GMT and the Sunday before at 10:00 BST.
    expect(sameLocalTimeWeeksBefore(Date.parse('2026-10-25T10:00:00Z'), 1)).toBe(
      Date.parse('2026-10-18T09:00:00Z'),
    );
    // A week after the spring change, 00:30 and 03:00 local map to the same local times before it.
    expect(sameLocalTimeWeeksBefore(Date.parse('2026-04-05T02:00:00Z'), 1)).toBe(
      Date.parse('2026-03-29T02:00:00Z'),
    );
  });
});

describe('baselineFromBuckets', () => {
  it('counts contributing and missing weeks, which always add up to four', () => {
    fc.assert(
      fc.property(fc.array(bucketArb, { maxLength: 30 }), (buckets) => {
        const b = baselineFromBuckets(buckets);
        expect(b.weeks + b.missingWeeks).toBe(BASELINE_WEEKS);
        const usable = buckets.filter((x) => x.counts && !x.excluded);
        expect(b.weeks).toBe(new Set(usable.map((x) => x.week)).size);
        expect(b.counts === null).toBe(usable.length === 0);
        if (b.counts) for (const v of Object.values(b.counts).flat()) expect(Number.isFinite(v)).toBe(true);
      }),
    );
  });

  it('ignores buckets without data and buckets under another incident', () => {
    fc.assert(
      fc.property(fc.array(bucketArb, { maxLength: 20 }), countsArb, fc.nat(5), (buckets, noise, offset) => {
        const with_ = baselineFromBuckets([
          ...buckets,
          { offset, week: 2, counts: noise, excluded: true },
          { offset, week: 3, counts: null, excluded: false },
        ]);
        expect(with_).toEqual(baselineFromBuckets(buckets));
      }),
    );
  });

  it('is the mean of the weeks left at each bucket, summed over buckets', () => {
    fc.assert(
      fc.property(countsArb, countsArb, countsArb, (a, b, c) => {
        // Bucket 0 has weeks 1 and 2; bucket 1 only week 4 (week 3 is under another incident).
        const base = baselineFromBuckets([
          { offset: 0, week: 1, counts: a, excluded: false },
          { offset: 0, week: 2, counts: b, excluded: false },
          { offset: 1, week: 3, counts: a, excluded: true },
          { offset: 1, week: 4, counts: c, excluded: false },
        ]);
        expect(base.weeks).toBe(3);
        expect(base.missingWeeks).toBe(1);
        expect(close(base.counts?.offered ?? null, (a.offered + b.offered) / 2 + c.offered)).toBe(true);
        expect(
          close(base.counts?.answerMsSum ?? null, (a.answerMsSum + b.answerMsSum) / 2 + c.answerMsSum),
        ).toBe(true);
      }),
    );
  });

  it('is null with four missing weeks when nothing was usable', () => {
    expect(baselineFromBuckets([])).toEqual({ counts: null, weeks: 0, missingWeeks: 4 });
  });
});

describe('impactOf', () => {
  it('propagates nulls', () => {
    fc.assert(
      fc.property(countsArb, (c) => {
        const none = { extraOver60s: null, extraAbandoned: null, extraWaitHours: null };
        expect(impactOf(null, c)).toEqual(none);
        expect(impactOf(c, null)).toEqual(none);
      }),
    );
  });

  it('never divides by zero: a zero baseline denominator gives null, never NaN or Infinity', () => {
    fc.assert(
      fc.property(countsArb, countsArb, (current, baseline) => {
        const impact = impactOf(current, baseline);
        for (const v of Object.values(impact)) if (v !== null) expect(Number.isFinite(v)).toBe(true);
        expect(impact.extraOver60s === null).toBe(baseline.answered === 0);
        expect(impact.extraAbandoned === null).toBe(baseline.offered === 0);
        expect(impact.extraWaitHours === null).toBe(baseline.answered === 0);
      }),
    );
  });

  it('gives no extra wait when the baseline answered no call (and no rate to compare with)', () => {
    const baseline = { ...emptyCounts(), offered: 10, abandoned: 10 };
    const current = {
      ...emptyCounts(),
      offered: 10,
      answered: 4,
      answeredWithin60s: 4,
      answerMsSum: 7_200_000,
    };
    expect(impactOf(current, baseline)).toEqual({
      extraOver60s: null,
      extraAbandoned: -10,
      extraWaitHours: null,
    });
  });

  it('is zero when the window handled calls exactly as the baseline did, whatever the demand', () => {
    fc.assert(
      fc.property(countsArb, fc.double({ min: 0.1, max: 10, noNaN: true }), (baseline, demand) => {
        const impact = impactOf(scaleCounts(baseline, demand), baseline);
        for (const v of Object.values(impact)) if (v !== null) expect(Math.abs(v)).toBeLessThan(1e-6);
      }),
    );
  });

  it('counts the difference in handling', () => {
    const baseline = {
      ...emptyCounts(),
      offered: 100,
      answered: 90,
      answeredWithin60s: 81,
      abandoned: 10,
      answerMsSum: 90 * 20_000,
    };
    const current = {
      ...emptyCounts(),
      offered: 200,
      answered: 150,
      answeredWithin60s: 60,
      abandoned: 50,
      answerMsSum: 150 * 200_000,
    };
    const impact = impactOf(current, baseline);
    expect(impact.extraOver60s).toBeCloseTo(90 - 150 * 0.1);
    expect(impact.extraAbandoned).toBeCloseTo(50 - 200 * 0.1);
    expect(impact.extraWaitHours).toBeCloseTo((150 * 180_000) / 3_600_000);
  });
});

describe('bandOf', () => {
  it('has low <= middle <= high over the non-null values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null })),
        (xs) => {
          const band = bandOf(xs);
          expect(band.n).toBe(xs.filter((x) => x !== null).length);
          if (band.n === 0) expect(band).toEqual({ middle: null, low: null, high: null, n: 0 });
          else {
            expect(band.low as number).toBeLessThanOrEqual(band.middle as number);
            expect(band.middle as number).toBeLessThanOrEqual(band.high as number);
          }
        },
      ),
    );
    expect(bandOf([4, 1, 3, null])).toEqual({ middle: 3, low: 1, high: 4, n: 3 });
    expect(bandOf([4, 1, 3, 2])).toEqual({ middle: 2.5, low: 1, high: 4, n: 4 });
  });
});

describe('totalImpact', () => {
  it('sums the sites that have a figure, and is null only when none has', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(countsArb, { nil: null }), countsArb), { maxLength: 6 }),
        (pairs) => {
          const impacts = pairs.map(([current, baseline]) => impactOf(current, baseline));
          const total = totalImpact(impacts);
          const values = impacts.map((i) => i.extraAbandoned).filter((v): v is number => v !== null);
          if (values.length === 0) expect(total.extraAbandoned).toBeNull();
          else
            expect(
              close(
                total.extraAbandoned,
                values.reduce((a, b) => a + b, 0),
              ),
            ).toBe(true);
        },
      ),
    );
  });
});
