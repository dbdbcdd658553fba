import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** A feed's key. Only the SHA-256 of the secret is stored; `siteIds` of ['*'] means every site. */
export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  secretHash: text('secret_hash').notNull().unique(),
  feed: text('feed').notNull(),
  /** What the key is for, e.g. "Leeds Avaya ACD" (optional). */
  name: text('name'),
  siteIds: text('site_ids').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
export type ApiKey = typeof apiKeys.$inferSelect;
