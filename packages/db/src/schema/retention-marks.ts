import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * How far raw data has been pruned: `raw` = call events and queue snapshots before `before` (a London
 * midnight) are gone, their rollups kept. A rollup rebuild recomputes only from there on.
 * `abandoned_after_60s` = call rollups before `before` lack the 60 s split of abandoned calls (the raw
 * mark when that column was added and filled from the stored events; absent when nothing had been pruned).
 */
export const retentionMarks = pgTable('retention_marks', {
  name: text('name').primaryKey(),
  before: timestamp('before', { withTimezone: true }).notNull(),
});
