import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { callEventKind } from './enums';

/** The queue name stored when a feed sends none. */
export const DEFAULT_QUEUE = 'default';

/** One row per call lifecycle event; (site, call, kind) identifies it, so a retried batch adds nothing. */
export const callEvents = pgTable(
  'call_events',
  {
    // No foreign key to sites: ingestion and import check the site first (sites are never deleted), and the
    // check per row cost a third of a bulk import (bench/csv.ts).
    siteId: text('site_id').notNull(),
    callId: text('call_id').notNull(),
    kind: callEventKind('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    waitMs: integer('wait_ms'),
    queue: text('queue').notNull().default(DEFAULT_QUEUE),
    agentId: text('agent_id'),
    /** The feed key that wrote the row (not part of its identity: the same report from another key is a duplicate). */
    keyId: text('key_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.callId, t.kind] }),
    index('call_events_site_at_idx').on(t.siteId, t.at),
    // Events arrive roughly in time order: a BRIN index makes all-site time filters cheap.
    index('call_events_at_brin').using('brin', t.at),
  ],
);
export type CallEventRow = typeof callEvents.$inferSelect;
