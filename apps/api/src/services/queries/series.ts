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
  emptyCounts,
  nextBucketStart,
} from '@switchboard/metrics';
import { inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { DomainError } from '../../errors.ts';
import { toWindowMeasures } from './call-counts.ts';
import { epochMs, levelFor, sitesFilter } from './levels.ts';
import { iso, resolveRange } from './range.ts';
import { readCallCounts } from './rollup-reads.ts';
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
  const range = { from: first, to: nextBucketStart(last, interval), siteIds };
  const { queue: q, queueTime } = level;
  const [callsAt, queue] = await Promise.all([
    readCallCounts(db, level, range, 'bucket'),
    rowsOf<QueueRow>(
      db,
      // Per site and queue first (means over the bucket), then across them: calls waiting and agents
      // available add up across queues; the max and longest wait are the largest at any one queue.
      sql`select ${epochMs(sql`b`)} as t, sum(waiting_mean)::float8 as waiting_mean, max(waiting_max)::int as waiting_max,
            max(longest_ms)::int as longest_ms, sum(agents_mean)::float8 as agents_mean
          from (select ${level.bucket(queueTime)} as b, sum(${q.waitingSum})::float8 / sum(${q.samples}) as waiting_mean,
                  max(${q.waitingMax}) as waiting_max, max(${q.longestWaitMaxMs}) as longest_ms,
                  sum(${q.agentsAvailableSum})::float8 / sum(${q.samples}) as agents_mean
                from ${q} where ${level.inRange(queueTime, range.from, range.to)}${sitesFilter(q.siteId, siteIds)}
                group by 1, ${q.siteId}, ${q.queue}) per_queue
          group by b`,
    ),
  ]);

  const queueAt = new Map(queue.map((row) => [Number(row.t), row]));
  return starts.map((start): SeriesPoint => {
    const counts = callsAt.get(String(start));
    const queueRow = queueAt.get(start);
    const hasData = counts !== undefined || queueRow !== undefined;
    const measures = computeMeasures(hasData ? (counts ?? emptyCounts()) : null);
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
