import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A wallboard screen's token: read-only, scoped to sites (['*'] = every site), no idle expiry, revocable.
 * Only the SHA-256 of the token is stored.
 */
export const displays = pgTable('displays', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  secretHash: text('secret_hash').notNull().unique(),
  siteIds: text('site_ids').array().notNull().default(sql`'{}'::text[]`),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  /** The wallboard it shows (null: none assigned yet). */
  boardId: text('board_id'),
  /** Heartbeat: what the screen reports about itself. */
  clientVersion: text('client_version'),
  screen: text('screen'),
  lastReloadAt: timestamp('last_reload_at', { withTimezone: true }),
  lastHeartbeatAt: timestamp('last_heartbeat_at', { withTimezone: true }),
  /** A manager asked for a reload; the screen reloads at its next heartbeat after this instant. */
  reloadRequestedAt: timestamp('reload_requested_at', { withTimezone: true }),
});
export type Display = typeof displays.$inferSelect;
