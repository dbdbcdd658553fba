import type { SeriesInterval } from '@switchboard/contracts';
import { localDateString } from '@switchboard/metrics';
import { type SQL, sql } from 'drizzle-orm';

/**
 * Which rollup tables serve an interval, how a row's bucket start is computed, and how the range is
 * filtered. Minute tables serve 1-minute buckets, five-minute tables 5 and 15, hour tables hourly,
 * London-day tables daily.
 */
export interface Level {
  calls: string;
  /** The answer-bin table, or null when the histogram is packed into the calls table's rows. */
  bins: string | null;
  queue: string;
  /**
   * The bucket start (timestamptz). Group by this and convert to epoch ms once per bucket (`epochMs`):
   * converting every row first (extract() is numeric) made the all-site day queries twice as slow.
   */
  bucket: SQL;
  /** Rows whose bucket lies in [from, to). */
  inRange(from: number, to: number): SQL;
}

const ORIGIN = `timestamptz '2000-01-01T00:00:00Z'`;
/** A timestamptz column as epoch milliseconds (float8). */
export const epochMs = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);
const timeRange = (column: string) => (from: number, to: number) =>
  sql`${sql.raw(column)} >= ${new Date(from).toISOString()}::timestamptz and ${sql.raw(column)} < ${new Date(to).toISOString()}::timestamptz`;

export function levelFor(interval: SeriesInterval): Level {
  if (interval === '1h') {
    return {
      calls: 'call_hour_rollups',
      bins: 'call_hour_answer_bins',
      queue: 'queue_hour_rollups',
      bucket: sql.raw('hour'),
      inRange: timeRange('hour'),
    };
  }
  if (interval === '1d') {
    return {
      calls: 'call_day_rollups',
      bins: 'call_day_answer_bins',
      queue: 'queue_day_rollups',
      bucket: sql.raw(`(day::timestamp at time zone 'Europe/London')`),
      // `to` is a local midnight (the end of the last bucket), so days before it are in range.
      inRange: (from, to) =>
        sql`day >= ${localDateString(from)}::date and day < ${localDateString(to)}::date`,
    };
  }
  if (interval === '1m') {
    return {
      calls: 'call_minute_rollups',
      bins: 'call_minute_answer_bins',
      queue: 'queue_minute_rollups',
      bucket: sql.raw('minute'),
      inRange: timeRange('minute'),
    };
  }
  return {
    calls: 'call_5min_rollups',
    bins: null,
    queue: 'queue_5min_rollups',
    bucket: sql.raw(interval === '5m' ? 'bucket' : `date_bin('15 minutes', bucket, ${ORIGIN})`),
    inRange: timeRange('bucket'),
  };
}

/** `and site_id = any(...)`, or nothing for every site. */
export function sitesFilter(siteIds: readonly string[]): SQL {
  if (siteIds.length === 0) return sql``;
  return sql` and site_id in (${sql.join(
    siteIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}
