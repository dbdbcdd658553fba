import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A read-only token for the CSV exports (Power Query, scheduled scripts), owned by a person. It acts as its
 * owner, capped: the sites are the stored ones (['*'] = the owner's) within the owner's current sites, and it
 * works only while the owner is enabled and holds the export permission. Only the SHA-256 is stored.
 */
export const exportTokens = pgTable(
  'export_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    siteIds: text('site_ids').array().notNull().default(sql`'{*}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('export_tokens_user_idx').on(table.userId)],
);
export type ExportToken = typeof exportTokens.$inferSelect;
