import { sql } from 'drizzle-orm';
import { bigint, date, integer, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Call counts per site and bucket, attributed to the bucket in which each call was OFFERED (answer or
 * abandon time minus the wait), as NHS reporting counts calls by arrival. Kept current inside the
 * ingestion transaction (see apps/api/src/services/rollups); answer-time histograms are in answer-bins.ts.
 * Levels: minute (per queue, for the last hours), five minutes (for a day or so), hour and London-local day
 * (for long ranges).
 *
 * Every rollup key starts with its time bucket (then site): each query reads a time range, of all sites or
 * a few, so the primary key serves them all and no second index costs every upsert.
 */
const counts = {
  offered: integer('offered').notNull().default(0),
  answered: integer('answered').notNull().default(0),
  answeredWithin60s: integer('answered_within_60s').notNull().default(0),
  abandoned: integer('abandoned').notNull().default(0),
  abandonedAfter30s: integer('abandoned_after_30s').notNull().default(0),
  /** Of those, abandoned after 60 s (IUC ADC B05; B04 = after 30 s − after 60 s). */
  abandonedAfter60s: integer('abandoned_after_60s').notNull().default(0),
  answerMsSum: bigint('answer_ms_sum', { mode: 'number' }).notNull().default(0),
};
/** No foreign key: rollups derive from rows that already passed one, and the check would cost every upsert. */
const siteId = () => text('site_id').notNull();

/** The answer-time histogram packed into a row: the non-empty bins ascending (see answer-bins.ts), their calls. */
const packedBins = () => ({
  answerBins: smallint('answer_bins').array().notNull().default(sql`'{}'`),
  answerBinCalls: integer('answer_bin_calls').array().notNull().default(sql`'{}'`),
});

/**
 * Minutes per site and queue, with the answer-time histogram packed into the row like the five-minute
 * level's: a minute's dozen answered calls are one row, not a row each (a bulk import of a million events
 * wrote half a million bin rows).
 */
export const callMinuteRollups = pgTable(
  'call_minute_rollups',
  {
    siteId: siteId(),
    queue: text('queue').notNull(),
    minute: timestamp('minute', { withTimezone: true }).notNull(),
    ...counts,
    ...packedBins(),
  },
  (t) => [primaryKey({ columns: [t.minute, t.siteId, t.queue] })],
);

/**
 * Five-minute buckets (on the UTC clock) per site, with the answer-time histogram packed into the row:
 * `answer_bins` lists the non-empty bins in ascending order (same bins as answer-bins.ts) and
 * `answer_bin_calls` the calls in each. A day of every site is then a few thousand rows, not one row per
 * answered call, which is what keeps all-site day charts fast.
 */
export const callFiveMinuteRollups = pgTable(
  'call_5min_rollups',
  {
    siteId: siteId(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    ...counts,
    ...packedBins(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.siteId] })],
);

export const callHourRollups = pgTable(
  'call_hour_rollups',
  { siteId: siteId(), hour: timestamp('hour', { withTimezone: true }).notNull(), ...counts },
  (t) => [primaryKey({ columns: [t.hour, t.siteId] })],
);

/** `day` is the calendar date in Europe/London (23 or 25 hours long at the clock changes). */
export const callDayRollups = pgTable(
  'call_day_rollups',
  { siteId: siteId(), day: date('day', { mode: 'string' }).notNull(), ...counts },
  (t) => [primaryKey({ columns: [t.day, t.siteId] })],
);
