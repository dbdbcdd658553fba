import type { SeriesInterval, SeriesPoint, SeriesResult } from '@switchboard/contracts';
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
