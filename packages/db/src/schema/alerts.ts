import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Where alerts go: a Teams incoming webhook, an e-mail address, or a generic JSON webhook (HMAC-signed). */
export const alertChannels = pgTable('alert_channels', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** teams | email | webhook */
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  /** A URL (teams, webhook) or an e-mail address. */
  target: text('target').notNull(),
  /** The HMAC-SHA256 key of a generic webhook (generated, shown once at creation). */
  secret: text('secret'),
  enabled: boolean('enabled').notNull().default(true),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type AlertChannel = typeof alertChannels.$inferSelect;

/** What to alert on. Empty site/system lists mean every site/system. */
export const alertRules = pgTable('alert_rules', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** system_down | off_target | feed_stale | incident */
  kind: text('kind').notNull(),
  name: text('name'),
  /** How long the condition must hold before it fires. */
  minutes: integer('minutes').notNull().default(5),
  siteIds: text('site_ids').array().notNull().default(sql`'{}'::text[]`),
  systemIds: text('system_ids').array().notNull().default(sql`'{}'::text[]`),
  /** off_target: the measure and the threshold it must not fall below (or rise above). */
  measure: text('measure'),
  threshold: real('threshold'),
  channelIds: integer('channel_ids').array().notNull().default(sql`'{}'::integer[]`),
  /** Repeat while it holds, every this many minutes (null: never repeat). */
  repeatMinutes: integer('repeat_minutes'),
  enabled: boolean('enabled').notNull().default(true),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type AlertRule = typeof alertRules.$inferSelect;

/**
 * One row per rule and subject (e.g. `cas@leeds`) while an alert holds. The unique key is what makes an alert
 * fire once across API instances: the instance whose insert wins sends it.
 */
export const alertStates = pgTable(
  'alert_states',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ruleId: integer('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    siteId: text('site_id'),
    systemId: text('system_id'),
    since: timestamp('since', { withTimezone: true }).notNull(),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('alert_states_rule_subject_idx').on(t.ruleId, t.subject)],
);
export type AlertState = typeof alertStates.$inferSelect;

/** Every delivery attempt (bounded: rows older than the retention, or past the row cap, are deleted). */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ruleId: integer('rule_id'),
    channelId: integer('channel_id').notNull(),
    subject: text('subject'),
    /** firing | resolved | test */
    state: text('state').notNull(),
    attempt: integer('attempt').notNull(),
    /** sent | failed */
    status: text('status').notNull(),
    error: text('error'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('alert_deliveries_at_idx').on(t.at)],
);
export type AlertDelivery = typeof alertDeliveries.$inferSelect;

/**
 * Planned downtime of a system at some sites (empty = every site), in UK local time: a one-off date, or
 * weekly on a weekday (1 = Monday … 7 = Sunday), from `startTime` to `endTime` (HH:MM, end may pass midnight).
 */
export const maintenanceWindows = pgTable('maintenance_windows', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  systemId: text('system_id').notNull(),
  siteIds: text('site_ids').array().notNull().default(sql`'{}'::text[]`),
  /** YYYY-MM-DD (one-off) or null */
  date: text('date'),
  /** 1–7 (weekly) or null */
  weekday: integer('weekday'),
  startTime: text('start_time').notNull(),
  endTime: text('end_time').notNull(),
  note: text('note'),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type MaintenanceWindow = typeof maintenanceWindows.$inferSelect;
