import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** An NHS 111 call centre. */
export const sites = pgTable('sites', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Region name, e.g. "North East and Yorkshire" (IUC ADC REGION_NAME). */
  region: text('region'),
  timezone: text('timezone').notNull().default('Europe/London'),
  /** Codes of the national IUC ADC return (all optional): provider ODS code, region code, contract area. */
  orgCode: text('org_code'),
  regionCode: text('region_code'),
  contractCode: text('contract_code'),
  contractName: text('contract_name'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Site = typeof sites.$inferSelect;
