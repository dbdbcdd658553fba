import { sql } from 'drizzle-orm';
import { check, index, pgEnum, pgTable, serial, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/** EPRR incident types (NHS England EPRR Framework). */
export const incidentType = pgEnum('incident_type', ['business_continuity', 'critical', 'major']);
/** declared → active → monitoring → stood_down → closed, or cancelled from any open stage. */
export const incidentStage = pgEnum('incident_stage', [
  'declared',
  'active',
  'monitoring',
  'stood_down',
  'closed',
  'cancelled',
]);

/**
 * A declared incident: its current state. Every change is also appended to `incident_updates` (and the
 * audit log), so the row may be updated while its history is never overwritten.
 */
export const incidents = pgTable(
  'incidents',
  {
    id: serial('id').primaryKey(),
    type: incidentType('type').notNull(),
    /** EPRR level 1 (local) to 4 (national), when one has been set. */
    eprrLevel: smallint('eprr_level'),
    title: text('title').notNull(),
    systemIds: text('system_ids').array().notNull().default(sql`'{}'::text[]`),
    siteIds: text('site_ids').array().notNull().default(sql`'{}'::text[]`),
    stage: incidentStage('stage').notNull().default('declared'),
    /** When the impact began (may be before it was declared); every other milestone is at or after it. */
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
    declaredBy: text('declared_by').notNull(),
    activeAt: timestamp('active_at', { withTimezone: true }),
    monitoringAt: timestamp('monitoring_at', { withTimezone: true }),
    /** Service restored: the end of the incident's impact window. */
    stoodDownAt: timestamp('stood_down_at', { withTimezone: true }),
    /** Debrief done. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('incidents_started_at_idx').on(t.startedAt),
    check('incidents_eprr_level_range', sql`${t.eprrLevel} between 1 and 4`),
    check('incidents_stood_down_after_start', sql`${t.stoodDownAt} >= ${t.startedAt}`),
  ],
);
export type Incident = typeof incidents.$inferSelect;
export type IncidentStage = (typeof incidentStage.enumValues)[number];
export type IncidentType = (typeof incidentType.enumValues)[number];
