import {
  READ_LIMITS,
  type SeriesInput,
  type SeriesInterval,
  type SeriesPoint,
  type SeriesResult,
  type seriesInput,
} from '@switchboard/contracts';
import { type Db, rowsOf, sites } from '@switchboard/db';
import {
  bucketCount,
  bucketStarts,
  chooseInterval,
  computeMeasures,
  nextBucketStart,
} from '@switchboard/metrics';
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { DomainError } from '../../errors.ts';
import { type CountsRow, groupBy, SUM_COUNTS, toCounts, toWindowMeasures } from './call-counts.ts';
import { epochMs, type Level, levelFor, sitesFilter } from './levels.ts';
import { iso, resolveRange } from './range.ts';
import type { SeriesCache } from './series-cache.ts';

export const DEFAULT_MAX_POINTS = 300;
const MAX_POINTS = READ_LIMITS.maxPoints;

type QueueRow = {
  t: number;
  waiting_mean: number;
  waiting_max: number;
  longest_ms: number;
  agents_mean: number;
};

/**
 * Measures per bucket for one or more sites (none = all sites together). A bucket in which neither calls
 * nor queue snapshots arrived has null measures: a gap, never a zero. With a cache, buckets it holds are
 * not read again (see series-cache.ts).
 */
export async function getSeries(
  db: Db,
  input: z.output<typeof seriesInput> | SeriesInput,
  now = Date.now(),
  cache?: SeriesCache,
): Promise<SeriesResult> {
  const siteIds = input.siteIds ?? [];
  const range = resolveRange(input, now);
  // Let other requests (health checks, small reads) through between one series and the next of a batch.
  await new Promise((resolve) => setImmediate(resolve));
  // Counted before any bucket is built or read: a range that is too long costs nothing.
  if (!(range.to - range.from <= READ_LIMITS.maxRangeDays * 86_400_000)) {
    throw new DomainError('invalid', `to: the range may be at most ${READ_LIMITS.maxRangeDays} days`);
  }
  const interval =
    input.interval ?? chooseInterval(range.from, range.to, input.maxPoints ?? DEFAULT_MAX_POINTS);
  // Local days cost time-zone maths each, so they are listed once (the range cap bounds them); sub-day
  // buckets are counted by arithmetic before any is built.
  const daily = interval === '1d' ? bucketStarts(range.from, range.to, interval) : undefined;
  const count = daily ? daily.length : bucketCount(range.from, range.to, interval);
  if (count > MAX_POINTS) {
    throw new DomainError(
      'invalid',
      `interval: ${interval} over this range gives ${count} points; at most ${MAX_POINTS}`,
    );
  }
  const starts = daily ?? bucketStarts(range.from, range.to, interval);
  const ends = starts.map((start, i) => starts[i + 1] ?? nextBucketStart(start, interval));
  const from = starts[0] ?? range.from;
  const to = ends[ends.length - 1] ?? range.to;
  const fetch = (some: number[]) => fetchPoints(db, siteIds, interval, some);
  // Only series of registered sites are kept: ids anyone can invent must not fill the cache.
  const cacheable = cache && (await allSitesExist(db, siteIds));
  const points = cacheable ? await cache.points(siteIds, interval, starts, ends, fetch) : await fetch(starts);
  return { interval, from: iso(from), to: iso(to), siteIds: [...siteIds], points };
}

/** Whether every id names a registered site (none: all sites, which exist by definition). */
async function allSitesExist(db: Db, siteIds: readonly string[]): Promise<boolean> {
  const ids = [...new Set(siteIds)];
  if (ids.length === 0) return true;
  const found = await db.select({ id: sites.id }).from(sites).where(inArray(sites.id, ids));
  return found.length === ids.length;
}

/** The points of consecutive buckets `starts` of `interval`, read from the rollups. */
async function fetchPoints(
  db: Db,
  siteIds: readonly string[],
  interval: SeriesInterval,
  starts: number[],
): Promise<SeriesPoint[]> {
  const first = starts[0];
  const last = starts[starts.length - 1];
  if (first === undefined || last === undefined) return [];
  const level = levelFor(interval);
  const where = sql`${level.inRange(first, nextBucketStart(last, interval))}${sitesFilter(siteIds)}`;
  const [{ callsAt, binsAt }, queue] = await Promise.all([
    readCalls(db, level, where),
    rowsOf<QueueRow>(
      db,
      // Per site and queue first (means over the bucket), then across them: calls waiting and agents
      // available add up across queues; the max and longest wait are the largest at any one queue.
      sql`select ${epochMs('b')} as t, sum(waiting_mean)::float8 as waiting_mean, max(waiting_max)::int as waiting_max,
            max(longest_ms)::int as longest_ms, sum(agents_mean)::float8 as agents_mean
          from (select ${level.bucket} as b, sum(waiting_sum)::float8 / sum(samples) as waiting_mean,
                  max(waiting_max) as waiting_max, max(longest_wait_max_ms) as longest_ms,
                  sum(agents_available_sum)::float8 / sum(samples) as agents_mean
                from ${sql.raw(level.queue)} where ${where} group by 1, site_id, queue) per_queue
          group by b`,
    ),
  ]);

  const queueAt = new Map(queue.map((row) => [Number(row.t), row]));
  return starts.map((start): SeriesPoint => {
    const callRow = callsAt.get(start);
    const queueRow = queueAt.get(start);
    const hasData = callRow !== undefined || queueRow !== undefined;
    const measures = computeMeasures(hasData ? toCounts(callRow, binsAt.get(start)) : null);
    return {
      start: iso(start),
      ...toWindowMeasures(measures),
      queueDepthMax: queueRow ? Number(queueRow.waiting_max) : null,
      queueDepthMean: queueRow ? Number(queueRow.waiting_mean) : null,
      longestWaitMs: queueRow ? Number(queueRow.longest_ms) : null,
      agentsAvailable: queueRow ? Number(queueRow.agents_mean) : null,
    };
  });
}

type Bins = { bin: number; calls: number }[];

/** Call counts and answer-time bins per bucket start, from a bin table or from histograms packed in rows. */
async function readCalls(
  db: Db,
  level: Level,
  where: SQL,
): Promise<{ callsAt: Map<number, CountsRow>; binsAt: Map<number, Bins | string> }> {
  // Packed histograms come as one text per bucket: each row's "bins;calls", joined by spaces (see addPackedBins).
  const packed =
    level.bins === null
      ? sql`, string_agg(array_to_string(answer_bins, ',') || ';' || array_to_string(answer_bin_calls, ','), ' ') as packed`
      : sql``;
  const [calls, bins] = await Promise.all([
    rowsOf<CountsRow & { t: number; packed?: string | null }>(
      db,
      sql`select ${epochMs('b')} as t, per_bucket.* from (
            select ${level.bucket} as b, ${sql.raw(SUM_COUNTS)}${packed} from ${sql.raw(level.calls)} where ${where} group by 1
          ) per_bucket`,
    ),
    level.bins === null
      ? undefined
      : rowsOf<{ t: number; bin: number; calls: number }>(
          db,
          sql`select ${epochMs('b')} as t, bin, calls from (
            select ${level.bucket} as b, bin, sum(calls)::int as calls from ${sql.raw(level.bins)} where ${where} group by 1, 2
          ) per_bin`,
        ),
  ]);
  return {
    callsAt: new Map(calls.map((row) => [Number(row.t), row])),
    binsAt: bins
      ? groupBy(bins, (row) => Number(row.t))
      : new Map(calls.map((row) => [Number(row.t), row.packed ?? ''])),
  };
}
