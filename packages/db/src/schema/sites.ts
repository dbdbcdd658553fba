import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** An NHS 111 call centre. */
export const sites = pgTable('sites', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  region: text('region'),
  timezone: text('timezone').notNull().default('Europe/London'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Site = typeof sites.$inferSelect;
