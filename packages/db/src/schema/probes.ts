import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sites } from './sites';
import { systems } from './systems';

/**
 * A check the API runs itself against a system (at a site, or nationally when site is null): an HTTP(S)
 * request, a TCP connect, or a supplier's Statuspage summary. Its results are status reports with source
 * `probe`. `lease_owner`/`lease_until` make each run happen once across API instances: an instance claims a
 * due probe by moving `lease_until` one interval ahead; the probe is due again when the lease runs out.
 */
export const probes = pgTable(
  'probes',
  {
    id: text('id').primaryKey(),
    systemId: text('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    siteId: text('site_id').references(() => sites.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['http', 'tcp', 'statuspage'] }).notNull(),
    /** An http(s) URL, or host:port for tcp. */
    target: text('target').notNull(),
    /** Statuspage: the component's name (or id) whose state is mapped. */
    component: text('component'),
    /** HTTP: the expected status code (null: any 2xx or 3xx). */
    expectStatus: integer('expect_status'),
    /** HTTP: text the body must contain. */
    expectKeyword: text('expect_keyword'),
    /** HTTP: a dotted path into a JSON body, and the value it must equal (as text). */
    expectJsonPath: text('expect_json_path'),
    expectJsonValue: text('expect_json_value'),
    /** A response slower than this is `degraded` (null: never). */
    degradedMs: integer('degraded_ms'),
    intervalS: integer('interval_s').notNull(),
    timeoutMs: integer('timeout_ms').notNull(),
    /** Further attempts after a failed one before reporting `down`. */
    retries: integer('retries').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('probes_due_idx').on(t.leaseUntil).where(sql`${t.enabled}`)],
);
export type Probe = typeof probes.$inferSelect;
