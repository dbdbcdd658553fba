import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { incidents } from './incidents';
import { sites } from './sites';

/**
 * A site working on paper (business continuity) for a period; open while `ended_at` is null. During it,
 * figures that come only from the clinical system are partial, and manual tallies may be entered.
 */
export const paperPeriods = pgTable(
  'paper_periods',
  {
    id: serial('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    incidentId: integer('incident_id').references(() => incidents.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    note: text('note'),
    setBy: text('set_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('paper_periods_site_idx').on(t.siteId, t.startedAt),
    check('paper_periods_end_after_start', sql`${t.endedAt} > ${t.startedAt}`),
  ],
);
export type PaperPeriod = typeof paperPeriods.$inferSelect;
