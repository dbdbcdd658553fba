import { INTERVAL_MS, SERIES_INTERVALS, type SeriesInterval } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bucketStarts,
  chooseInterval,
  localDateString,
  localDayStart,
  parseRelativeRange,
  timeZoneOffsetMs,
} from '../src/index.ts';

const H = 3_600_000;
const utc = (iso: string) => Date.parse(iso);

describe('bucketStarts, 1d in Europe/London', () => {
  it('makes the spring clock-change day (29 March 2026) 23 hours long', () => {
    const days = bucketStarts(utc('2026-03-28T12:00:00Z'), utc('2026-03-30T12:00:00Z'), '1d');
    expect(days).toEqual([
      utc('2026-03-28T00:00:00Z'),
      utc('2026-03-29T00:00:00Z'),
      utc('2026-03-29T23:00:00Z'),
    ]);
    expect((days[2] ?? 0) - (days[1] ?? 0)).toBe(23 * H);
    expect(localDateString(days[2] ?? 0)).toBe('2026-03-30');
  });

  it('makes the autumn clock-change day (25 October 2026) 25 hours long', () => {
    const days = bucketStarts(utc('2026-10-24T12:00:00Z'), utc('2026-10-26T12:00:00Z'), '1d');
    expect(days).toEqual([
      utc('2026-10-23T23:00:00Z'),
      utc('2026-10-24T23:00:00Z'),
      utc('2026-10-26T00:00:00Z'),
    ]);
    expect((days[2] ?? 0) - (days[1] ?? 0)).toBe(25 * H);
    expect(localDateString(days[1] ?? 0)).toBe('2026-10-25');
  });

  it('reads the offset either side of the changes', () => {
    expect(timeZoneOffsetMs(utc('2026-03-29T00:59:59Z'))).toBe(0);
    expect(timeZoneOffsetMs(utc('2026-03-29T01:00:00Z'))).toBe(H);
    expect(timeZoneOffsetMs(utc('2026-10-25T00:59:59Z'))).toBe(H);
    expect(timeZoneOffsetMs(utc('2026-10-25T01:00:00Z'))).toBe(0);
  });

  it('property: every day of 2026 starts at local midnight and lasts 23, 24 or 25 hours', () => {
    const year = bucketStarts(utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z'), '1d');
    expect(year).toHaveLength(365);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 363 }), (i) => {
        const start = year[i] ?? 0;
        const length = (year[i + 1] ?? 0) - start;
        expect([23 * H, 24 * H, 25 * H]).toContain(length);
        expect(length === 24 * H).toBe(!['2026-03-29', '2026-10-25'].includes(localDateString(start)));
        expect(localDayStart(start + length - 1)).toBe(start);
        expect(localDayStart(start)).toBe(start);
      }),
    );
  });

  it('works in another time zone', () => {
    expect(
      bucketStarts(utc('2026-03-08T12:00:00Z'), utc('2026-03-09T12:00:00Z'), '1d', 'America/New_York'),
    ).toEqual([utc('2026-03-08T05:00:00Z'), utc('2026-03-09T04:00:00Z')]);
  });
});

describe('bucketStarts, sub-day', () => {
  it('aligns to UTC multiples, starting at the bucket holding `from`', () => {
    expect(bucketStarts(utc('2026-11-25T09:07:00Z'), utc('2026-11-25T09:30:00Z'), '15m')).toEqual([
      utc('2026-11-25T09:00:00Z'),
      utc('2026-11-25T09:15:00Z'),
    ]);
    expect(bucketStarts(10, 10, '1m')).toEqual([]);
  });

  it('property: buckets are contiguous and cover [from, to)', () => {
    const name = fc.constantFrom(...SERIES_INTERVALS);
    const t = fc.integer({ min: utc('2026-01-01T00:00:00Z'), max: utc('2027-01-01T00:00:00Z') });
    fc.assert(
      fc.property(name, t, fc.integer({ min: 1, max: 40 * H }), (interval, from, length) => {
        const to = from + length;
        const starts = bucketStarts(from, to, interval);
        expect(starts[0]).toBeLessThanOrEqual(from);
        expect(starts[starts.length - 1]).toBeLessThan(to);
        for (let i = 1; i < starts.length; i++) {
          const step = (starts[i] ?? 0) - (starts[i - 1] ?? 0);
          if (interval === '1d') expect([23 * H, 24 * H, 25 * H]).toContain(step);
          else expect(step).toBe(INTERVAL_MS[interval]);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('chooseInterval', () => {
  it('picks the smallest interval giving at most maxPoints buckets', () => {
    const from = utc('2026-11-25T00:00:00Z');
    expect(chooseInterval(from, from + 4 * H, 300)).toBe('1m');
    expect(chooseInterval(from, from + 24 * H, 300)).toBe('5m');
    expect(chooseInterval(from, from + 7 * 24 * H, 300)).toBe('1h');
    expect(chooseInterval(from, from + 90 * 24 * H, 300)).toBe('1d');
    expect(chooseInterval(from, from + 5000 * 24 * H, 300)).toBe('1d');
  });

  it('property: the chosen interval fits and the next smaller does not', () => {
    const names = [...SERIES_INTERVALS];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 1, max: 60 * 24 * H }),
        fc.integer({ min: 1, max: 2000 }),
        (from, length, maxPoints) => {
          const chosen = chooseInterval(from, from + length, maxPoints);
          const i = names.indexOf(chosen);
          const fits = (n: SeriesInterval) => bucketStarts(from, from + length, n).length <= maxPoints;
          if (chosen !== '1d') expect(fits(chosen)).toBe(true);
          const smaller = names[i - 1];
          if (smaller) expect(fits(smaller)).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('parseRelativeRange', () => {
  it('resolves against the now passed in', () => {
    const now = utc('2026-11-25T10:00:00Z');
    expect(parseRelativeRange('4h', now)).toEqual({ from: now - 4 * H, to: now });
    expect(parseRelativeRange('30m', now)).toEqual({ from: now - 30 * 60_000, to: now });
    expect(parseRelativeRange('7d', now)).toEqual({ from: now - 7 * 24 * H, to: now });
    for (const bad of ['', '4', 'h', '0h', '-4h', '4y', '4.5h']) {
      expect(() => parseRelativeRange(bad, now)).toThrow(RangeError);
    }
  });
});
