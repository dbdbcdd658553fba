import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { statusSource, systemStatusValue } from './enums';
import { sites } from './sites';
import { systems } from './systems';

/**
 * A status report for a system, at a site or (site null) nationally — or a run of repeated heartbeats
 * folded into one row: from `at` (the first report, which is the row's identity) to `lastSeenAt` (the
 * last), with no silence longer than `maxGapMs` inside (see apps/api/src/services/ingest/status-runs.ts).
 */
export const systemStatus = pgTable(
  'system_status',
  {
    systemId: text('system_id')
      .notNull()
      .references(() => systems.id),
    siteId: text('site_id').references(() => sites.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    status: systemStatusValue('status').notNull(),
    source: statusSource('source').notNull(),
    detail: text('detail'),
    /** How long the check took (probes, or a feed that measures it), in ms. */
    responseMs: integer('response_ms'),
    /** The feed key that wrote the row (not part of its identity: the same report from another key is a duplicate). */
    keyId: text('key_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** The last report of the run this row stands for (= at for a single report). */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** The longest silence between two reports of the run, in ms (0 for a single report). */
    maxGapMs: integer('max_gap_ms').notNull().default(0),
  },
  (t) => [
    unique('system_status_report_key').on(t.systemId, t.siteId, t.at, t.source).nullsNotDistinct(),
    // coalesce(site_id, '') so that "this site, or national" is one indexable equality in the queries.
    index('system_status_pair_at_idx').on(t.systemId, sql`coalesce(${t.siteId}, '')`, t.at),
    // The latest run of a stream, the runs reaching into a range, and retention: all by last-seen time.
    index('system_status_pair_last_seen_idx').on(t.systemId, sql`coalesce(${t.siteId}, '')`, t.lastSeenAt),
    index('system_status_last_seen_idx').on(t.lastSeenAt),
  ],
);
export type SystemStatusRow = typeof systemStatus.$inferSelect;
