import type { IngestResult, SystemStatusReport } from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import { sql } from 'drizzle-orm';
import type { FeedKey } from '../keys.ts';
import { createLookups, type IngestLookups } from './lookups.ts';
import { checkSites, checkSystems } from './references.ts';
import { conflictMessage, numberedItems, storeBatch } from './store.ts';

/**
 * Stores a validated batch of status reports, all or nothing; (system, site, at, source) identifies a
 * report, a missing site meaning the system nationally. An exact repeat is a duplicate; another status or
 * detail under a stored identity (an `up` and a `down` of the same instant) is a conflict (409).
 */
export async function ingestSystemStatus(
  db: Db,
  key: FeedKey,
  statuses: SystemStatusReport[],
  options: { lookups?: IngestLookups } = {},
): Promise<IngestResult> {
  const lookups = options.lookups ?? createLookups();
  await checkSites(db, key, 'statuses', statuses, lookups);
  await checkSystems(db, 'statuses', statuses, lookups);
  const json = JSON.stringify(statuses);
  const insert = sql`with input as (
      select * from json_to_recordset(${json}::json) as x(
        "systemId" text, "siteId" text, at timestamptz, status system_status_value, source status_source,
        detail text, "responseMs" int)
    ), inserted as (
      insert into system_status (system_id, site_id, at, status, source, detail, response_ms, key_id)
      select "systemId", "siteId", at, status, source, detail, "responseMs", ${key.id} from input
      on conflict do nothing
      returning 1
    )
    select count(*)::int as accepted from inserted`;
  const conflicts = sql`select x.n from ${numberedItems(json)}
    join system_status s on s.system_id = x.item->>'systemId'
      and coalesce(s.site_id, '') = coalesce(x.item->>'siteId', '')
      and s.at = (x.item->>'at')::timestamptz and s.source = (x.item->>'source')::status_source
    where s.status <> (x.item->>'status')::system_status_value
      or s.detail is distinct from x.item->>'detail'
    order by x.n limit 1`;
  const accepted = await storeBatch(
    db,
    { insert, conflicts },
    conflictMessage('statuses', 'status report', 'systemId, siteId, at and source'),
  );
  return { accepted, duplicates: statuses.length - accepted };
}
