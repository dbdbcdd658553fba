import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { sites } from './sites';

/** A system call handlers depend on: the clinical system (CAS), GP booking, ambulance CAD link, … */
export const systems = pgTable('systems', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type System = typeof systems.$inferSelect;

/** Which sites depend on which systems. */
export const siteSystems = pgTable(
  'site_systems',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    systemId: text('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.systemId] })],
);
