import { bucketStart, nextBucketStart } from '@switchboard/metrics';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightedRuns } from '../src/services/incidents/impact.ts';
import { spansOf } from '../src/services/queries/levels.ts';

const H = 3_600_000;
// Hours from 2026-03-20 to 2026-04-05 and 2026-10-16 to 2026-11-01: both clock changes inside.
const SPRING = Date.parse('2026-03-20T00:00:00Z');
const AUTUMN = Date.parse('2026-10-16T00:00:00Z');
const hourIn = (base: number) => fc.integer({ min: 0, max: 16 * 24 }).map((h) => base + h * H);

describe('spansOf', () => {
  it('adds up to the range exactly, reading at most half of any day from the edge level', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(SPRING, AUTUMN).chain((base) => fc.tuple(hourIn(base), hourIn(base))),
        fc.constantFrom('5m' as const, '1h' as const),
        ([a, b], interval) => {
          const [from, to] = a <= b ? [a, b] : [b, a];
          const spans = spansOf(from, to, interval);
          // Every hour of the days around the range is counted once if in [from, to), else not at all.
          for (let t = bucketStart(from, '1d') - 24 * H; t < to + 48 * H; t += H) {
            const n = spans.filter((s) => s.from <= t && t < s.to).reduce((sum, s) => sum + s.sign, 0);
            expect(n, new Date(t).toISOString()).toBe(t >= from && t < to ? 1 : 0);
          }
          for (const span of spans) {
            expect(span.to).toBeGreaterThan(span.from);
            if (span.level.rows === '1d') {
              expect(span.sign).toBe(1);
              expect(bucketStart(span.from, '1d')).toBe(span.from);
              expect(bucketStart(span.to, '1d')).toBe(span.to);
            } else {
              expect(span.level.rows).toBe(interval);
              // At most half of any London day it touches.
              for (let day = bucketStart(span.from, '1d'); day < span.to; day = nextBucketStart(day, '1d')) {
                const end = nextBucketStart(day, '1d');
                const part = Math.min(end, span.to) - Math.max(day, span.from);
                expect(2 * part).toBeLessThanOrEqual(end - day);
              }
            }
          }
        },
      ),
    );
  });
});

describe('weightedRuns', () => {
  it('gives each weighted bucket its weight once, joins buckets without data, and never covers a blocked one', () => {
    const bucket = fc.record({
      gapBefore: fc.boolean(),
      kind: fc.constantFrom('empty', 'blocked', 'w1', 'w2', 'w3'),
    });
    fc.assert(
      fc.property(fc.array(bucket, { maxLength: 40 }), (list) => {
        const starts: number[] = [];
        const weightAt = new Map<number, number>();
        const blocked = new Set<number>();
        let t = 0;
        for (const b of list) {
          t += b.gapBefore ? 2 * H : H;
          starts.push(t);
          if (b.kind === 'blocked') blocked.add(t);
          else if (b.kind !== 'empty') weightAt.set(t, 1 / Number(b.kind.slice(1)));
        }
        const runs = weightedRuns(starts, H, weightAt, blocked);
        const covering = (s: number) => runs.filter((r) => r.from <= s && s < r.to);
        for (const s of starts) {
          const w = weightAt.get(s);
          const over = covering(s);
          expect(over.length).toBeLessThanOrEqual(1);
          if (w !== undefined) expect(over.map((r) => r.weight)).toEqual([w]);
          if (blocked.has(s)) expect(over).toEqual([]);
        }
        // Runs only span listed, consecutive buckets.
        for (const r of runs) for (let s = r.from; s < r.to; s += H) expect(starts).toContain(s);
      }),
    );
  });
});
