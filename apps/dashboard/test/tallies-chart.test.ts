import { describe, expect, it } from 'vitest';
import { chartRows } from '../lib/series.ts';
import { withTallies } from '../lib/tallies.ts';

const H = 3_600_000;
const FROM = Date.parse('2026-11-27T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const rows = (interval: '5m' | '1h' | '1d', hours: number) =>
  chartRows({ from: iso(FROM), to: iso(FROM + hours * H), interval, points: [] });
const tally = (hour: number, count: number, measure = 'calls_handled') => ({
  hourStart: iso(FROM + hour * H),
  measure,
  count,
});

describe('withTallies (manual tallies on the volume chart)', () => {
  it('puts each hour of calls handled on the interval its hour starts in, apart from the telephony figures', () => {
    const out = withTallies(rows('5m', 2), FROM + 2 * H, [tally(1, 42), tally(1, 7, 'callbacks_owed')]);
    const marked = out.filter((r) => r.manualCallsHandled !== null);
    expect(marked.map((r) => [r.t, r.manualCallsHandled])).toEqual([[FROM + H, 42]]);
    expect(marked[0]?.offered).toBeNull();
  });

  it('adds up the hours of a longer interval and leaves out tallies outside the range', () => {
    const out = withTallies(rows('1h', 3), FROM + 3 * H, [
      tally(0, 5),
      tally(2, 6),
      tally(3, 9),
      tally(-1, 4),
    ]);
    expect(out.map((r) => r.manualCallsHandled)).toEqual([5, null, 6]);
    const days = rows('1d', 48);
    const summed = withTallies(days, FROM + 48 * H, [tally(1, 5), tally(2, 6)]);
    expect(summed.map((r) => r.manualCallsHandled).filter((v) => v !== null)).toEqual([11]);
  });

  it('without tallies the rows stay as they are (no manual figure is ever zero-filled)', () => {
    const plain = rows('1h', 2);
    expect(withTallies(plain, FROM + 2 * H, [])).toBe(plain);
    expect(plain.every((r) => r.manualCallsHandled === null)).toBe(true);
  });
});
