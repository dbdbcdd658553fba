import { integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { sites } from './sites';
import { systems } from './systems';

/**
 * How often a (system, site) stream is expected to report (site null: the national stream), and the grace
 * after that: an up or degraded report holds for period + grace, then the status is `unknown`. Streams
 * without a row hold for HEARTBEAT_TIMEOUT_S (period = that, grace 0).
 */
export const heartbeatExpectations = pgTable(
  'heartbeat_expectations',
  {
    systemId: text('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    siteId: text('site_id').references(() => sites.id, { onDelete: 'cascade' }),
    periodS: integer('period_s').notNull(),
    graceS: integer('grace_s').notNull(),
  },
  (t) => [unique('heartbeat_expectations_stream').on(t.systemId, t.siteId).nullsNotDistinct()],
);
export type HeartbeatExpectation = typeof heartbeatExpectations.$inferSelect;
