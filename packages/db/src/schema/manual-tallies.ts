import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { incidents } from './incidents';
import { sites } from './sites';

/** Counts kept on paper during an outage and typed in later; always shown and exported as manual. */
export const manualTallies = pgTable(
  'manual_tallies',
  {
    id: serial('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    incidentId: integer('incident_id').references(() => incidents.id),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    /** Which measure was counted: offered, answered, abandoned, … */
    measure: text('measure').notNull(),
    count: integer('count').notNull(),
    enteredBy: text('entered_by').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
    note: text('note'),
  },
  (t) => [index('manual_tallies_site_period_idx').on(t.siteId, t.periodStart)],
);
