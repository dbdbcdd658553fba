import { sql } from 'drizzle-orm';
import { bigint, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { sites } from './sites';

/**
 * Per site, queue and minute (the minute the call was offered): counts, the sum of answer times and a
 * fixed-bin histogram of answer times, so long ranges and percentiles never scan raw events.
 */
export const callMinuteRollups = pgTable(
  'call_minute_rollups',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    queue: text('queue').notNull(),
    minute: timestamp('minute', { withTimezone: true }).notNull(),
    offered: integer('offered').notNull().default(0),
    answered: integer('answered').notNull().default(0),
    answeredWithin60s: integer('answered_within_60s').notNull().default(0),
    abandoned: integer('abandoned').notNull().default(0),
    abandonedAfter30s: integer('abandoned_after_30s').notNull().default(0),
    answerMsSum: bigint('answer_ms_sum', { mode: 'number' }).notNull().default(0),
    answerHist: integer('answer_hist').array().notNull().default(sql`'{}'::integer[]`),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.queue, t.minute] })],
);
