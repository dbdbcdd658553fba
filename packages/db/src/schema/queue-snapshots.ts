import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { sites } from './sites';

/** A queue's state at an instant, as the ACD reported it. */
export const queueSnapshots = pgTable(
  'queue_snapshots',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    queue: text('queue').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    callsWaiting: integer('calls_waiting').notNull(),
    longestWaitMs: integer('longest_wait_ms').notNull(),
    agentsAvailable: integer('agents_available').notNull(),
    agentsOnCall: integer('agents_on_call').notNull(),
    agentsWrapUp: integer('agents_wrap_up').notNull(),
    /** The feed key that wrote the row (not part of its identity: the same report from another key is a duplicate). */
    keyId: text('key_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.queue, t.at] }),
    index('queue_snapshots_site_at_idx').on(t.siteId, t.at),
    index('queue_snapshots_at_brin').using('brin', t.at),
  ],
);
export type QueueSnapshotRow = typeof queueSnapshots.$inferSelect;
