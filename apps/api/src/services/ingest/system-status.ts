import type { IngestResult, SystemStatusReport } from '@switchboard/contracts';
import { type Db, rowsOf } from '@switchboard/db';
import { sql } from 'drizzle-orm';
import type { FeedKey } from '../keys.ts';
import { checkSites, checkSystems } from './references.ts';

/**
 * Stores a validated batch of status reports, all or nothing; (system, site, at, source) identifies a
 * report, a missing site meaning the system nationally.
 */
export async function ingestSystemStatus(
  db: Db,
  key: FeedKey,
  statuses: SystemStatusReport[],
): Promise<IngestResult> {
  await checkSites(db, key, 'statuses', statuses);
  await checkSystems(db, 'statuses', statuses);
  const [row] = await rowsOf<{ accepted: number }>(
    db,
    sql`with input as (
      select * from json_to_recordset(${JSON.stringify(statuses)}::json) as x(
        "systemId" text, "siteId" text, at timestamptz, status system_status_value, source status_source,
        detail text)
    ), inserted as (
      insert into system_status (system_id, site_id, at, status, source, detail)
      select "systemId", "siteId", at, status, source, detail from input
      on conflict do nothing
      returning 1
    )
    select count(*)::int as accepted from inserted`,
  );
  const accepted = Number(row?.accepted ?? 0);
  return { accepted, duplicates: statuses.length - accepted };
}
