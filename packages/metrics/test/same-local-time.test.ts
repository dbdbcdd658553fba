// @ts-nocheck
import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameLocalTimeWeeksBefore } from '../src/index.ts';

const H = 3_600_000;
const DAY = 86_400_000;

/**
 * The rule, built independently on @date-fns/tz's TZDate: the same wall-clock time on the day 7·weeks
 * days earlier; a wall time that day skipped is what TZDate makes of it (the clock read on the old offset);
 * a wall time that day repeated is its first occurrence (TZDate gives the second: step back while the wall
 * time stays the same).
 */
function oracle(ms: number, weeks: number, zone: string): number {
  const src = new TZDate(ms, zone);
  const day = new Date(Date.UTC(src.getFullYear(), src.getMonth(), src.getDate() - 7 * weeks));
  const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()];
  const [h, mi, s, sub] = [src.getHours(), src.getMinutes(), src.getSeconds(), src.getMilliseconds()];
  const sameWall = (t: number) => {
    const x = new TZDate(t, zone);
    return (
      x.getFullYear() === y &&
      x.getMonth() === m &&
      x.getDate() === d &&
      x.getHours() === h &&
      x.getMinutes() === mi &&
      x.getSeconds() === s
    );
  };
  let t = +new TZDate(y, m, d, h, mi, s, sub, zone);
  if (!sameWall(t)) return t; // skipped that day: TZDate's reading on the old clock
  for (const step of [H, H / 2]) if (sameWall(t - step)) t -= step;
  return t;
}

/** London's clock changes 2020–2030: 01:00 UTC on the last Sundays of March and October. */
const londonChanges: number[] = [];
for (let year = 2020; year <= 2030; year++) {
  for (const month of [2, 9]) {
    const last = new Date(Date.UTC(year, month + 1, 0, 1));
    londonChanges.push(last.getTime() - last.getUTCDay() * DAY);
  }
}

const anyInstant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) });
/** Instants within 3 h of a clock change, or of the same time 1–4 weeks after one. */
const nearChange = fc
  .tuple(
    fc.constantFrom(...londonChanges),
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: -180, max: 180 }),
  )
  .map(([change, after, minutes]) => change + after * 7 * DAY + minutes * 60_000);

describe('sameLocalTimeWeeksBefore against a @date-fns/tz oracle', () => {
  it('London: any instant and instants around the clock changes, 1–4 weeks back', () => {
    fc.assert(
      fc.property(fc.oneof(anyInstant, nearChange), fc.integer({ min: 1, max: 4 }), (ms, weeks) => {
        expect(sameLocalTimeWeeksBefore(ms, weeks)).toBe(oracle(ms, weeks, 'Europe/London'));
      }),
      { numRuns: 2000 },
    );
  });

  it('London: every quarter hour of the days around the 2026 clock changes and 1–4 weeks after them', () => {
    // Where London's fast path (same offset then and now) meets the general way, bucket by bucket.
    for (const change of londonChanges.filter((c) => new Date(c).getUTCFullYear() === 2026)) {
      for (let after = 0; after <= 4; after++) {
        for (let m = -24 * 60; m <= 24 * 60; m += 15) {
          const ms = change + after * 7 * DAY + m * 60_000;
          for (let weeks = 1; weeks <= 4; weeks++)
            expect(sameLocalTimeWeeksBefore(ms, weeks), new Date(ms).toISOString()).toBe(
              oracle(ms, weeks, 'Europe/London'),
            );
        }
      }
    }
  });

  it('another zone (New York, changes at 02:00 local)', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 1, max: 4 }), (ms, weeks) => {
        expect(sameLocalTimeWeeksBefore(ms, weeks, 'America/New_York')).toBe(
          oracle(ms, weeks, 'America/New_York'),
        );
      }),
    );
  });

  it('London spring change: 01:30 BST on 5 April is 01:30 GMT (02:30 BST) on 29 March, not 00:30 GMT', () => {
    expect(sameLocalTimeWeeksBefore(Date.parse('2026-04-05T00:30:00Z'), 1)).toBe(
      Date.parse('2026-03-29T01:30:00Z'),
    );
    // 00:30 exists on both days (GMT both times); 02:30 BST on both days.
    expect(sameLocalTimeWeeksBefore(Date.parse('2026-04-04T23:30:00Z'), 1)).toBe(
      Date.parse('2026-03-29T00:30:00Z'),
    );
    expect(sameLocalTimeWeeksBefore(Date.parse('2026-04-05T01:30:00Z'), 1)).toBe(
      Date.parse('2026-03-29T01:30:00Z'),
    );
    // The milliseconds carry over unchanged onto a skipped wall time too.
    expect(sameLocalTimeWeeksBefore(Date.parse('2026-04-05T00:30:00.250Z'), 1)).toBe(
      Date.parse('2026-03-29T01:30:00.250Z'),
    );
  });

  it('London autumn change: 01:30 GMT on 1 November is the first 01:30 (BST) on 25 October', () => {
    expect(sameLocalTimeWeeksBefore(Date.parse('2026-11-01T01:30:00Z'), 1)).toBe(
      Date.parse('2026-10-25T00:30:00Z'),
    );
    // Both 01:30s of 25 October map to 01:30 BST on the 18th.
    for (const at of ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z']) {
      expect(sameLocalTimeWeeksBefore(Date.parse(at), 1)).toBe(Date.parse('2026-10-18T00:30:00Z'));
    }
  });
});
