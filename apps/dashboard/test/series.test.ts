import type { SeriesPoint } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { outagePeriods } from '../lib/outages.ts';
import { chartRows, intervalForWidth } from '../lib/series.ts';
import { timeTicks } from '../lib/ticks.ts';

const point = (start: string, meanAnswerMs: number | null): SeriesPoint => ({
  start,
  offered: 3,
  answered: 3,
  answeredWithin60s: 3,
  abandoned: 0,
  abandonedAfter30s: 0,
  answeredWithin60sPct: 100,
  abandonedPct: 0,
  abandonedAllPct: 0,
  meanAnswerMs,
  p50AnswerMs: meanAnswerMs,
  p95AnswerMs: meanAnswerMs,
  queueDepthMax: 2,
  queueDepthMean: 1,
  longestWaitMs: 20_000,
  agentsAvailable: 4,
});

describe('chart rows', () => {
  it('keeps a missing minute as a gap, never a zero', () => {
    const rows = chartRows({
      from: '2026-11-25T09:00:00.000Z',
      to: '2026-11-25T09:04:00.000Z',
      interval: '1m',
      points: [point('2026-11-25T09:00:00.000Z', 12_000), point('2026-11-25T09:03:00.000Z', 30_000)],
    });
    expect(rows.map((r) => r.meanS)).toEqual([12, null, null, 30]);
    expect(rows[1]?.offered).toBeNull();
  });

  it('lets the interval follow the chart width', () => {
    const from = Date.parse('2026-11-25T05:00:00Z');
    const to = from + 4 * 3_600_000;
    expect(intervalForWidth(from, to, 1_800)).toBe('1m');
    expect(intervalForWidth(from, to, 900)).toBe('5m');
    expect(intervalForWidth(from, from + 30 * 86_400_000, 900)).toBe('1d');
  });

  it('puts ticks on round UK times', () => {
    const from = Date.parse('2026-07-01T08:07:00Z'); // 09:07 BST
    const { ticks } = timeTicks(from, from + 4 * 3_600_000, 8);
    expect(new Date(ticks[0] ?? 0).toISOString()).toBe('2026-07-01T08:30:00.000Z');
  });
});

describe('outage periods', () => {
  it('merges overlapping down periods of every system, naming each', () => {
    const row = (name: string, intervals: [string, string, 'up' | 'down'][]) => ({
      systemId: name,
      name,
      siteId: 'leeds',
      availabilityPct: null,
      downMs: 0,
      degradedMs: 0,
      unknownMs: 0,
      current: 'up' as const,
      since: null,
      lastReportAt: null,
      expectedEveryS: 90,
      graceS: 0,
      intervals: intervals.map(([from, to, status]) => ({ from, to, status })),
    });
    const periods = outagePeriods([
      row('CAS', [
        ['2026-11-25T09:00:00Z', '2026-11-25T09:30:00Z', 'down'],
        ['2026-11-25T09:30:00Z', '2026-11-25T10:00:00Z', 'up'],
      ]),
      row('GP', [['2026-11-25T09:20:00Z', '2026-11-25T09:40:00Z', 'down']]),
    ]);
    expect(periods).toEqual([
      {
        from: Date.parse('2026-11-25T09:00:00Z'),
        to: Date.parse('2026-11-25T09:40:00Z'),
        systems: ['CAS', 'GP'],
      },
    ]);
  });
});
