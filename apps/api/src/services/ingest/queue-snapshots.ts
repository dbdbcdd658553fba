import type { IngestResult, QueueSnapshot } from '@switchboard/contracts';
import { type Db, rowsOf } from '@switchboard/db';
import { sql } from 'drizzle-orm';
import type { FeedKey } from '../keys.ts';
import { queueRollupCtes } from '../rollups/queue-rollups-sql.ts';
import { checkSites } from './references.ts';
import { retryOnConflict } from './retry.ts';

/** Stores a validated batch of queue snapshots, all or nothing; (site, queue, at) identifies a snapshot. */
export async function ingestQueueSnapshots(
  db: Db,
  key: FeedKey,
  snapshots: QueueSnapshot[],
): Promise<IngestResult> {
  await checkSites(db, key, 'snapshots', snapshots);
  const [row] = await retryOnConflict(() =>
    rowsOf<{ accepted: number }>(
      db,
      sql`with input as (
      select * from json_to_recordset(${JSON.stringify(snapshots)}::json) as x(
        "siteId" text, queue text, at timestamptz, "callsWaiting" integer, "longestWaitMs" integer,
        "agentsAvailable" integer, "agentsOnCall" integer, "agentsWrapUp" integer)
    ), inserted as (
      insert into queue_snapshots (site_id, queue, at, calls_waiting, longest_wait_ms, agents_available,
        agents_on_call, agents_wrap_up)
      select "siteId", queue, at, "callsWaiting", "longestWaitMs", "agentsAvailable", "agentsOnCall", "agentsWrapUp"
      from input
      order by 1, 2, 3
      on conflict do nothing
      returning site_id, queue, at, calls_waiting, longest_wait_ms, agents_available
    ), ${queueRollupCtes('inserted')}
    select count(*)::int as accepted from inserted`,
    ),
  );
  const accepted = Number(row?.accepted ?? 0);
  return { accepted, duplicates: snapshots.length - accepted };
}
