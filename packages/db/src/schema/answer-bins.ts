import { date, integer, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Fixed-bin histograms of answer times, stored sparsely (one row per non-empty bin): bin i counts calls
 * answered after waiting [i, i+1) seconds for i < 600; bin 600 counts waits of 10 minutes or more.
 * Percentiles over any range sum these rows, never raw events (see packages/metrics/src/histogram.ts).
 */
const bin = () => smallint('bin').notNull();
const calls = () => integer('calls').notNull();
/** No foreign key: rollups derive from rows that already passed one, and the check would cost every upsert. */
const siteId = () => text('site_id').notNull();

export const callHourAnswerBins = pgTable(
  'call_hour_answer_bins',
  { siteId: siteId(), hour: timestamp('hour', { withTimezone: true }).notNull(), bin: bin(), calls: calls() },
  (t) => [primaryKey({ columns: [t.hour, t.siteId, t.bin] })],
);

export const callDayAnswerBins = pgTable(
  'call_day_answer_bins',
  { siteId: siteId(), day: date('day', { mode: 'string' }).notNull(), bin: bin(), calls: calls() },
  (t) => [primaryKey({ columns: [t.day, t.siteId, t.bin] })],
);
