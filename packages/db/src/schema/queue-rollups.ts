import { bigint, date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Queue snapshots summarised per site, queue and bucket: number of snapshots, sum and max of calls
 * waiting, max longest wait, sum of agents available (means are sum / samples). The sums and the sample
 * count are bigint: 20,000 snapshots of 100,000 calls waiting in one queue and day pass 2^31.
 */
const stats = {
  samples: bigint('samples', { mode: 'number' }).notNull().default(0),
  waitingSum: bigint('waiting_sum', { mode: 'number' }).notNull().default(0),
  waitingMax: integer('waiting_max').notNull().default(0),
  longestWaitMaxMs: integer('longest_wait_max_ms').notNull().default(0),
  agentsAvailableSum: bigint('agents_available_sum', { mode: 'number' }).notNull().default(0),
};
/** No foreign key: rollups derive from rows that already passed one, and the check would cost every upsert. */
const siteId = () => text('site_id').notNull();
const queue = () => text('queue').notNull();

export const queueMinuteRollups = pgTable(
  'queue_minute_rollups',
  {
    siteId: siteId(),
    queue: queue(),
    minute: timestamp('minute', { withTimezone: true }).notNull(),
    ...stats,
  },
  (t) => [primaryKey({ columns: [t.minute, t.siteId, t.queue] })],
);

/** Five-minute buckets (on the UTC clock), as call_5min_rollups. */
export const queueFiveMinuteRollups = pgTable(
  'queue_5min_rollups',
  {
    siteId: siteId(),
    queue: queue(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    ...stats,
  },
  (t) => [primaryKey({ columns: [t.bucket, t.siteId, t.queue] })],
);

export const queueHourRollups = pgTable(
  'queue_hour_rollups',
  { siteId: siteId(), queue: queue(), hour: timestamp('hour', { withTimezone: true }).notNull(), ...stats },
  (t) => [primaryKey({ columns: [t.hour, t.siteId, t.queue] })],
);

export const queueDayRollups = pgTable(
  'queue_day_rollups',
  { siteId: siteId(), queue: queue(), day: date('day', { mode: 'string' }).notNull(), ...stats },
  (t) => [primaryKey({ columns: [t.day, t.siteId, t.queue] })],
);
