import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A wallboard layout, stored on the server and bound to displays: its sites (['*'] = every site together)
 * and its pages (JSON checked by the contracts' `wallboardPagesField` before it is stored).
 */
export const wallboards = pgTable('wallboards', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  siteIds: text('site_ids').array().notNull().default(sql`'{}'::text[]`),
  pages: jsonb('pages').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Wallboard = typeof wallboards.$inferSelect;

/**
 * A TV asking to be paired: it shows `code`; a manager approves it (choosing a board), which creates a
 * display; the TV then claims the display's token once with its secret (only the SHA-256 is stored).
 */
export const displayPairings = pgTable(
  'display_pairings',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull().unique(),
    secretHash: text('secret_hash').notNull().unique(),
    address: text('address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    displayId: text('display_id'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
  },
  (t) => [index('display_pairings_expires_idx').on(t.expiresAt)],
);
