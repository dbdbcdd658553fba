import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { sites } from './sites';

/** A site's OPEL level history (1 normal … 4 unable to deliver comprehensive care); the latest row is current. */
export const opelLevels = pgTable(
  'opel_levels',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    level: smallint('level').notNull(),
    note: text('note'),
    setBy: text('set_by').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('opel_levels_site_idx').on(t.siteId, t.setAt),
    check('opel_levels_level_range', sql`${t.level} between 1 and 4`),
  ],
);
