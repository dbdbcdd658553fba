import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

export type IncidentNote = { at: string; author: string; text: string };

/** A declared outage or business-continuity incident. */
export const incidents = pgTable(
  'incidents',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    severity: text('severity').notNull().default('major'),
    systemIds: text('system_ids').array().notNull().default(sql`'{}'::text[]`),
    siteIds: text('site_ids').array().notNull().default(sql`'{}'::text[]`),
    /** Staff working on paper (business continuity). */
    continuityMode: boolean('continuity_mode').notNull().default(false),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    notes: jsonb('notes').$type<IncidentNote[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incidents_started_at_idx').on(t.startedAt)],
);
export type Incident = typeof incidents.$inferSelect;
