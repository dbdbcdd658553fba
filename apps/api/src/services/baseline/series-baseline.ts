import {
  BASELINE_MEASURES,
  type BaselineBand,
  type BaselinePoint,
  type BaselineResult,
  type baselineInput,
  READ_LIMITS,
  type SeriesPoint,
} from '@switchboard/contracts';
import { type Db, incidents } from '@switchboard/db';
import {
  BASELINE_WEEKS,
  bandOf,
  bucketCount,
  bucketStarts,
  type Interval,
  nextBucketStart,
  overlaps,
  sameLocalTimeWeeksBefore,
} from '@switchboard/metrics';
import { and, lt, ne } from 'drizzle-orm';
import type { z } from 'zod';
import { DomainError } from '../../errors.ts';
import { windowEnd } from '../incidents/lifecycle.ts';
import { iso } from '../queries/range.ts';
import { getSeries } from '../queries/series.ts';

/**
 * The "normal" band behind the site charts: for every bucket of [from, to), the same measure at the same
 * London wall-clock time on the same weekday 1–4 weeks before (sameLocalTimeWeeksBefore), leaving out
 * earlier buckets without data (a null measure) and buckets that any incident at these sites overlaps
 * (cancelled ones aside; an open one runs to now). The band is the median (`mid`) and the lowest and highest
 * (`low`, `high`) of the weeks left — with at most four values a spread by quartiles would mean nothing —
 * and `weeks` says how many there were.
 */
export async function getSeriesBaseline(
  db: Db,
  input: z.output<typeof baselineInput>,
  now = Date.now(),
): Promise<BaselineResult> {
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  const { interval, siteIds } = input;
  const count = interval === '1d' ? bucketStarts(from, to, interval).length : bucketCount(from, to, interval);
  if (count > READ_LIMITS.maxPoints) {
    throw new DomainError(
      'invalid',
      `interval: ${interval} over this range gives ${count} points; at most ${READ_LIMITS.maxPoints}`,
    );
  }
  const starts = bucketStarts(from, to, interval);
  const end = (start: number) => nextBucketStart(start, interval);

  // Each earlier week's buckets, read as one series over the span they cover.
  const weeks = await Promise.all(
    Array.from({ length: BASELINE_WEEKS }, async (_, i) => {
      const week = i + 1;
      const aligned = starts.map((t) => sameLocalTimeWeeksBefore(t, week));
      const first = aligned[0];
      const last = aligned[aligned.length - 1];
      if (first === undefined || last === undefined) return { aligned, at: new Map<number, SeriesPoint>() };
      const series = await getSeries(db, { siteIds, interval, from: iso(first), to: iso(end(last)) }, now);
      return { aligned, at: new Map(series.points.map((p) => [Date.parse(p.start), p])) };
    }),
  );

  const earliest = Math.min(...weeks.flatMap((w) => w.aligned.slice(0, 1)));
  const windows: Interval[] = [];
  if (Number.isFinite(earliest)) {
    const rows = await db
      .select()
      .from(incidents)
      .where(and(ne(incidents.stage, 'cancelled'), lt(incidents.startedAt, new Date(to))));
    for (const row of rows) {
      if (siteIds.length > 0 && !row.siteIds.some((s) => siteIds.includes(s))) continue;
      const w = { from: row.startedAt.getTime(), to: windowEnd(row)?.getTime() ?? now };
      if (w.to > earliest) windows.push(w);
    }
  }

  const points = starts.map((start, j): BaselinePoint => {
    const usable: SeriesPoint[] = [];
    for (const { aligned, at } of weeks) {
      const u = aligned[j];
      if (u === undefined) continue;
      const point = at.get(u);
      const bucket = { from: u, to: end(u) };
      if (point && !windows.some((w) => overlaps(w, bucket))) usable.push(point);
    }
    const bands = {} as Record<(typeof BASELINE_MEASURES)[number], BaselineBand>;
    for (const measure of BASELINE_MEASURES) {
      const band = bandOf(usable.map((p) => p[measure]));
      bands[measure] = { mid: band.middle, low: band.low, high: band.high, weeks: band.n };
    }
    return { start: iso(start), ...bands };
  });
  return {
    interval,
    from: iso(starts[0] ?? from),
    to: iso(starts.length > 0 ? end(starts[starts.length - 1] as number) : to),
    siteIds: [...siteIds],
    points,
  };
}
