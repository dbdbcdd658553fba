import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { incidentStage, incidents } from './incidents';

/**
 * An incident's timeline, append-only: its declaration, each stage change, notes and edits, with when
 * it happened (`at`, which may be in the past) and when and by whom it was recorded.
 */
export const incidentUpdates = pgTable(
  'incident_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** declared | stage | note | edit */
    kind: text('kind').notNull(),
    stage: incidentStage('stage'),
    note: text('note'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    actor: text('actor').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_updates_incident_idx').on(t.incidentId, t.at)],
);
export type IncidentUpdate = typeof incidentUpdates.$inferSelect;
