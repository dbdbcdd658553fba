import type { BaselineResult } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { actorLabel } from '../lib/format.ts';
import { chartRows, withBaseline } from '../lib/series.ts';
import { recentHours, talliesByHour } from '../lib/tallies.ts';
import { ukInputToIso, ukInputValue } from '../lib/uk-input.ts';

const band = (mid: number | null, low: number | null, high: number | null, weeks: number) => ({
  mid,
  low,
  high,
  weeks,
});

describe('the normal band on chart rows', () => {
  it('fills the band of the same buckets, in seconds for answer times; other buckets stay gaps', () => {
    const rows = chartRows({
      from: '2026-11-25T09:00:00.000Z',
      to: '2026-11-25T09:30:00.000Z',
      interval: '15m',
      points: [],
    });
    const baseline: BaselineResult = {
      interval: '15m',
      from: '2026-11-25T09:00:00.000Z',
      to: '2026-11-25T09:30:00.000Z',
      siteIds: ['leeds'],
      points: [
        {
          start: '2026-11-25T09:15:00.000Z',
          meanAnswerMs: band(20_000, 10_000, 40_000, 3),
          p95AnswerMs: band(60_000, 50_000, 70_000, 3),
          answeredWithin60sPct: band(95, 90, 99, 3),
        },
      ],
    };
    const out = withBaseline(rows, baseline);
    expect(out.map((r) => [r.meanBaseMid, r.meanBaseLow, r.meanBaseHigh])).toEqual([
      [null, null, null],
      [20, 10, 40],
    ]);
    expect(out[1]?.within60BaseLow).toBe(90);
    expect(out[1]?.meanS).toBeNull(); // the band never fills the measured line
    expect(withBaseline(rows, undefined)).toBe(rows);
  });
});

describe('manual tallies', () => {
  it('groups by hour, newest first, each measure on its own', () => {
    const t = (hourStart: string, measure: string, count: number) => ({
      hourStart,
      measure,
      count,
      corrected: false,
      enteredBy: 'mo',
    });
    const rows = talliesByHour([
      t('2026-11-25T09:00:00.000Z', 'calls_handled', 30),
      t('2026-11-25T10:00:00.000Z', 'calls_handled', 25),
      t('2026-11-25T09:00:00.000Z', 'passed_to_ed', 2),
    ]);
    expect(rows.map((r) => r.hourStart)).toEqual(['2026-11-25T10:00:00.000Z', '2026-11-25T09:00:00.000Z']);
    expect(rows[1]?.entries.passed_to_ed?.count).toBe(2);
    expect(rows[0]?.entries.passed_to_ed).toBeUndefined();
  });

  it('offers the last whole hours, on the hour', () => {
    const hours = recentHours(Date.parse('2026-11-25T10:42:00Z'), 3);
    expect(hours).toEqual([
      '2026-11-25T10:00:00.000Z',
      '2026-11-25T09:00:00.000Z',
      '2026-11-25T08:00:00.000Z',
    ]);
  });
});

describe('UK date-time fields', () => {
  it('reads a field as UK time across the clock changes, and refuses a time that did not exist', () => {
    expect(ukInputToIso('2026-07-01T10:15')).toBe('2026-07-01T09:15:00.000Z');
    expect(ukInputToIso('2026-12-01T10:15')).toBe('2026-12-01T10:15:00.000Z');
    expect(ukInputToIso('2026-03-29T01:30')).toBeNull();
    expect(ukInputToIso('2026-10-25T01:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(ukInputToIso('yesterday')).toBeNull();
    expect(ukInputValue(Date.parse('2026-07-01T09:15:00Z'))).toBe('2026-07-01T10:15');
  });
});

describe('who did it', () => {
  it('shows a person by their e-mail, other audit labels as they are', () => {
    expect(actorLabel('user:mo@nhs.net')).toBe('mo@nhs.net');
    expect(actorLabel('anonymous')).toBe('anonymous');
    expect(actorLabel('display:Wall 1')).toBe('display:Wall 1');
  });
});
