import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * How far raw data has been pruned: `raw` = call events and queue snapshots before `before` (a London
 * midnight) are gone, their rollups kept. A rollup rebuild recomputes only from there on.
 */
export const retentionMarks = pgTable('retention_marks', {
  name: text('name').primaryKey(),
  before: timestamp('before', { withTimezone: true }).notNull(),
});
