import type { BaselineResult, SeriesInterval, SeriesPoint, SeriesResult } from '@switchboard/contracts';
import { bucketStarts, chooseInterval } from '@switchboard/metrics';

/** One chart row: a bucket start (epoch ms) and its values in display units; null is a gap, never zero. */
export interface ChartRow {
  t: number;
  meanS: number | null;
  p95S: number | null;
  within60Pct: number | null;
  queueMax: number | null;
  longestWaitS: number | null;
  offered: number | null;
  answered: number | null;
  abandoned: number | null;
  /** The normal band (same time, previous 4 weeks; metrics.baseline): median, lowest and highest. */
  meanBaseMid: number | null;
  meanBaseLow: number | null;
  meanBaseHigh: number | null;
  within60BaseMid: number | null;
  within60BaseLow: number | null;
  within60BaseHigh: number | null;
  /** Calls handled counted on paper (manual tallies, paper mode): never part of the telephony figures. */
  manualCallsHandled: number | null;
}

const seconds = (value: number | null): number | null => (value === null ? null : value / 1000);

/**
 * Every bucket of the result's range, in order: buckets the API did not return are gaps (all null), so a
 * chart never joins across a minute in which no data arrived.
 */
export function chartRows(result: Pick<SeriesResult, 'from' | 'to' | 'interval' | 'points'>): ChartRow[] {
  const byStart = new Map<number, SeriesPoint>();
  for (const point of result.points) byStart.set(Date.parse(point.start), point);
  const starts = bucketStarts(Date.parse(result.from), Date.parse(result.to), result.interval);
  for (const start of byStart.keys()) if (!starts.includes(start)) starts.push(start);
  starts.sort((a, b) => a - b);
  return starts.map((t) => {
    const p = byStart.get(t);
    return {
      t,
      meanS: seconds(p?.meanAnswerMs ?? null),
      p95S: seconds(p?.p95AnswerMs ?? null),
      within60Pct: p?.answeredWithin60sPct ?? null,
      queueMax: p?.queueDepthMax ?? null,
      longestWaitS: seconds(p?.longestWaitMs ?? null),
      offered: p?.offered ?? null,
      answered: p?.answered ?? null,
      abandoned: p?.abandoned ?? null,
      meanBaseMid: null,
      meanBaseLow: null,
      meanBaseHigh: null,
      within60BaseMid: null,
      within60BaseLow: null,
      within60BaseHigh: null,
      manualCallsHandled: null,
    };
  });
}

/** Rows with the baseline band of the same buckets filled in (buckets it does not cover stay null). */
export function withBaseline(rows: ChartRow[], baseline: BaselineResult | undefined): ChartRow[] {
  if (!baseline) return rows;
  const at = new Map(baseline.points.map((p) => [Date.parse(p.start), p]));
  return rows.map((row) => {
    const b = at.get(row.t);
    if (!b) return row;
    return {
      ...row,
      meanBaseMid: seconds(b.meanAnswerMs.mid),
      meanBaseLow: seconds(b.meanAnswerMs.low),
      meanBaseHigh: seconds(b.meanAnswerMs.high),
      within60BaseMid: b.answeredWithin60sPct.mid,
      within60BaseLow: b.answeredWithin60sPct.low,
      within60BaseHigh: b.answeredWithin60sPct.high,
    };
  });
}

/** Pixels a chart point needs; the interval follows the chart width. */
export const PX_PER_POINT = 6;

/** The interval for a chart `plotWidth` pixels wide over [from, to). */
export function intervalForWidth(from: number, to: number, plotWidth: number): SeriesInterval {
  const maxPoints = Math.max(2, Math.floor(plotWidth / PX_PER_POINT));
  return chooseInterval(from, to, maxPoints);
}
