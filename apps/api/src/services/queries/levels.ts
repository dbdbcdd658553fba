import type { SeriesInterval } from '@switchboard/contracts';
import {
  callDayAnswerBins,
  callDayRollups,
  callFiveMinuteRollups,
  callHourAnswerBins,
  callHourRollups,
  callMinuteRollups,
  queueDayRollups,
  queueFiveMinuteRollups,
  queueHourRollups,
  queueMinuteRollups,
} from '@switchboard/db';
import { bucketStart, localDateString, nextBucketStart } from '@switchboard/metrics';
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

type CallTable =
  | typeof callMinuteRollups
  | typeof callFiveMinuteRollups
  | typeof callHourRollups
  | typeof callDayRollups;
type QueueTable =
  | typeof queueMinuteRollups
  | typeof queueFiveMinuteRollups
  | typeof queueHourRollups
  | typeof queueDayRollups;

/** Where a level's answer-time histogram rows come from: one FROM item (joinable) giving (time, site, bin, calls). */
export interface HistogramSource {
  from: SQL;
  time: PgColumn;
  siteId: PgColumn;
  bin: SQL;
  calls: SQL;
  /** Set when the histogram is packed into the call rows: the arrays of bins and of their calls. */
  packed?: { bins: PgColumn; calls: PgColumn };
}

/**
 * One rollup level, through the Drizzle schema: its call table, its answer-time histogram (a bin table, or
 * the five-minute rows' packed arrays unnested), its queue table, each with the column holding the bucket.
 */
export interface RollupLevel {
  /** The interval this level's rows are (a day is a London calendar day). */
  rows: '1m' | '5m' | '1h' | '1d';
  calls: CallTable;
  callsTime: PgColumn;
  histogram: HistogramSource;
  queue: QueueTable;
  queueTime: PgColumn;
  /**
   * The start (timestamptz) of the bucket a row's time column falls in. Group by this and convert to epoch
   * ms once per bucket (`epochMs`): converting every row first (extract() is numeric) made the all-site
   * day queries twice as slow.
   */
  bucket(time: PgColumn): SQL;
  /** Rows of `time` (this level's time column) whose bucket lies in [from, to). */
  inRange(time: PgColumn, from: number, to: number): SQL;
}

const iso = (ms: number) => new Date(ms).toISOString();
const timeRange = (time: PgColumn, from: number, to: number) =>
  sql`${time} >= ${iso(from)}::timestamptz and ${time} < ${iso(to)}::timestamptz`;
/** A level on the UTC clock (minutes, five minutes, hours): its buckets are its rows' own times. */
const onUtcClock = { bucket: (time: PgColumn) => sql`${time}`, inRange: timeRange };

/** A histogram packed into the call rows as two arrays (see the schema), unnested for SQL that needs bins. */
function packedHistogram(table: typeof callMinuteRollups | typeof callFiveMinuteRollups, time: PgColumn) {
  return {
    from: sql`(${table} cross join lateral unnest(${table.answerBins}, ${table.answerBinCalls}) as packed(bin, calls))`,
    time,
    siteId: table.siteId,
    bin: sql`packed.bin`,
    calls: sql`packed.calls`,
    packed: { bins: table.answerBins, calls: table.answerBinCalls },
  };
}

/** A histogram kept in a bin table: one row per site, bucket and non-empty bin. */
function binTable(
  table: typeof callHourAnswerBins | typeof callDayAnswerBins,
  time: PgColumn,
): HistogramSource {
  return {
    from: sql`${table}`,
    time,
    siteId: table.siteId,
    bin: sql`${table.bin}`,
    calls: sql`${table.calls}`,
  };
}

/** Minute rows (per queue) carry their histogram packed, like the five-minute rows. */
const MINUTES: RollupLevel = {
  rows: '1m',
  calls: callMinuteRollups,
  callsTime: callMinuteRollups.minute,
  histogram: packedHistogram(callMinuteRollups, callMinuteRollups.minute),
  queue: queueMinuteRollups,
  queueTime: queueMinuteRollups.minute,
  ...onUtcClock,
};

const FIVE_MINUTES: RollupLevel = {
  rows: '5m',
  calls: callFiveMinuteRollups,
  callsTime: callFiveMinuteRollups.bucket,
  histogram: packedHistogram(callFiveMinuteRollups, callFiveMinuteRollups.bucket),
  queue: queueFiveMinuteRollups,
  queueTime: queueFiveMinuteRollups.bucket,
  ...onUtcClock,
};

const HOURS: RollupLevel = {
  rows: '1h',
  calls: callHourRollups,
  callsTime: callHourRollups.hour,
  histogram: binTable(callHourAnswerBins, callHourAnswerBins.hour),
  queue: queueHourRollups,
  queueTime: queueHourRollups.hour,
  ...onUtcClock,
};

const DAYS: RollupLevel = {
  rows: '1d',
  calls: callDayRollups,
  callsTime: callDayRollups.day,
  histogram: binTable(callDayAnswerBins, callDayAnswerBins.day),
  queue: queueDayRollups,
  queueTime: queueDayRollups.day,
  bucket: (time) => sql`(${time}::timestamp at time zone 'Europe/London')`,
  // `to` is a local midnight (the end of the last bucket), so days before it are in range.
  inRange: (time, from, to) =>
    sql`${time} >= ${localDateString(from)}::date and ${time} < ${localDateString(to)}::date`,
};

/** Every rollup table, from the schema (what a rebuild truncates and refills). */
export const ROLLUP_TABLES = [
  callMinuteRollups,
  callFiveMinuteRollups,
  callHourRollups,
  callHourAnswerBins,
  callDayRollups,
  callDayAnswerBins,
  queueMinuteRollups,
  queueFiveMinuteRollups,
  queueHourRollups,
  queueDayRollups,
];

const ORIGIN = sql.raw(`timestamptz '2000-01-01T00:00:00Z'`);

/**
 * THE choice of rollup level: which level's rows serve an interval, and how a row's bucket is computed.
 * Minute rows serve 1-minute buckets, five-minute rows 5 and 15 minutes, hour rows hourly, London-day
 * rows daily.
 */
export function levelFor(interval: SeriesInterval): RollupLevel {
  if (interval === '1m') return MINUTES;
  if (interval === '5m') return FIVE_MINUTES;
  if (interval === '15m')
    return { ...FIVE_MINUTES, bucket: (time) => sql`date_bin('15 minutes', ${time}, ${ORIGIN})` };
  if (interval === '1h') return HOURS;
  return DAYS;
}

/** A part of a range read from one level: [from, to) on the bucket edges of `level.rows`, added or taken away. */
export type LevelSpan = { level: RollupLevel; from: number; to: number; sign: 1 | -1 };

/**
 * [from, to) (on the edges of `interval`'s buckets) as the fewest rows to read: each whole London day in
 * it from the day rows; a part of a day up to half of it from `interval`'s own level; a larger part as the
 * whole day less the rest of that day (sign −1), so no day costs more than half its hours.
 */
export function spansOf(from: number, to: number, interval: SeriesInterval): LevelSpan[] {
  const edge = levelFor(interval);
  if (interval === '1d') return from < to ? [{ level: edge, from, to, sign: 1 }] : [];
  const spans: LevelSpan[] = [];
  const add = (level: RollupLevel, a: number, b: number, sign: 1 | -1) => {
    if (a >= b) return;
    const last = spans[spans.length - 1];
    // Consecutive whole days are one span.
    if (last && last.level === level && last.sign === sign && last.to === a) last.to = b;
    else spans.push({ level, from: a, to: b, sign });
  };
  for (let day = bucketStart(from, '1d'); day < to; ) {
    const end = nextBucketStart(day, '1d');
    const a = Math.max(from, day);
    const b = Math.min(to, end);
    if (b - a === end - day) add(DAYS, day, end, 1);
    else if (2 * (b - a) <= end - day) add(edge, a, b, 1);
    else {
      add(edge, day, a, -1);
      add(DAYS, day, end, 1);
      add(edge, b, end, -1);
    }
    day = end;
  }
  return spans;
}

/** A timestamptz column or expression as epoch milliseconds (float8). */
export const epochMs = (time: SQL | PgColumn) => sql`(extract(epoch from ${time}) * 1000)::float8`;

/** A PostgreSQL array literal of texts (one statement text whatever the number of values). */
export const textArray = (values: readonly string[]) =>
  `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

/** `and <site column> = any(...)`, or nothing for every site. */
export function sitesFilter(siteId: PgColumn, siteIds: readonly string[]): SQL {
  if (siteIds.length === 0) return sql``;
  return sql` and ${siteId} = any(${textArray(siteIds)}::text[])`;
}
