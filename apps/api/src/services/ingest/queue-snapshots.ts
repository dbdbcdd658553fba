import type { IngestResult, QueueSnapshot } from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import { sql } from 'drizzle-orm';
import type { FeedKey } from '../keys.ts';
import { queueRollupCtes } from '../rollups/queue-rollups-sql.ts';
import { createLookups, type IngestLookups } from './lookups.ts';
import { checkSites } from './references.ts';
import { conflictMessage, firstConflict, storeBatch } from './store.ts';

/** The conflict check of a batch of queue snapshots (JSON): see firstConflict. */
export const snapshotConflicts = (json: string) =>
  firstConflict(
    json,
    sql`select from queue_snapshots s
    where s.site_id = x.item->>'siteId' and s.queue = x.item->>'queue' and s.at = (x.item->>'at')::timestamptz
      and (s.calls_waiting <> (x.item->>'callsWaiting')::int
        or s.longest_wait_ms <> (x.item->>'longestWaitMs')::int
        or s.agents_available <> (x.item->>'agentsAvailable')::int
        or s.agents_on_call <> (x.item->>'agentsOnCall')::int
        or s.agents_wrap_up <> (x.item->>'agentsWrapUp')::int)`,
  );

/**
 * Stores a validated batch of queue snapshots, all or nothing; (site, queue, at) identifies a snapshot. An
 * exact repeat is a duplicate; other counts under a stored identity are a conflict (409, nothing stored).
 */
export async function ingestQueueSnapshots(
  db: Db,
  key: FeedKey,
  snapshots: QueueSnapshot[],
  options: { lookups?: IngestLookups } = {},
): Promise<IngestResult> {
  await checkSites(db, key, 'snapshots', snapshots, options.lookups ?? createLookups());
  const json = JSON.stringify(snapshots);
  const insert = sql`with input as (
      select * from json_to_recordset(${json}::json) as x(
        "siteId" text, queue text, at timestamptz, "callsWaiting" integer, "longestWaitMs" integer,
        "agentsAvailable" integer, "agentsOnCall" integer, "agentsWrapUp" integer)
    ), inserted as (
      insert into queue_snapshots (site_id, queue, at, calls_waiting, longest_wait_ms, agents_available,
        agents_on_call, agents_wrap_up, key_id)
      select "siteId", queue, at, "callsWaiting", "longestWaitMs", "agentsAvailable", "agentsOnCall",
        "agentsWrapUp", ${key.id}
      from input
      order by 1, 2, 3
      on conflict do nothing
      returning site_id, queue, at, calls_waiting, longest_wait_ms, agents_available
    ), ${queueRollupCtes('inserted')}
    select count(*)::int as accepted from inserted`;
  const conflicts = snapshotConflicts(json);
  const accepted = await storeBatch(
    db,
    { insert, conflicts },
    conflictMessage('snapshots', 'snapshot', 'siteId, queue and at'),
    { field: 'snapshots', items: snapshots },
  );
  return { accepted, duplicates: snapshots.length - accepted };
}
