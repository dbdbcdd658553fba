import type { CallEvent, IngestResult } from '@switchboard/contracts';
import { type Db, DEFAULT_QUEUE, rowsOf } from '@switchboard/db';
import { sql } from 'drizzle-orm';
import type { FeedKey } from '../keys.ts';
import { callRollupCtes } from '../rollups/call-rollups-sql.ts';
import { checkSites } from './references.ts';
import { retryOnConflict } from './retry.ts';

/**
 * Stores a validated batch of call events, all or nothing. Events already stored (same site, call and
 * kind) are counted as duplicates and left as they were, so a retried batch changes nothing.
 * The batch travels as one JSON parameter expanded by json_to_recordset, and the rollups are updated from
 * the rows actually inserted, in the same statement: one round trip, atomic, and a retry changes no rollup.
 */
export async function ingestCallEvents(
  db: Db,
  key: FeedKey,
  events: CallEvent[],
  /** `rollups: false` exists only so the benchmark can measure what the rollups cost. */
  options: { rollups?: boolean } = {},
): Promise<IngestResult> {
  const rollups = options.rollups === false ? sql`` : sql`, ${callRollupCtes('inserted')}`;
  await checkSites(db, key, 'events', events);
  const [row] = await retryOnConflict(() =>
    rowsOf<{ accepted: number }>(
      db,
      sql`with input as (
      select * from json_to_recordset(${JSON.stringify(events)}::json) as x(
        "siteId" text, "callId" text, kind call_event_kind, at timestamptz,
        "waitMs" integer, queue text, "agentId" text)
    ), inserted as (
      insert into call_events (site_id, call_id, kind, at, wait_ms, queue, agent_id)
      select "siteId", "callId", kind, at, "waitMs", coalesce(queue, ${DEFAULT_QUEUE}), "agentId" from input
      order by 1, 2, 3
      on conflict do nothing
      returning site_id, queue, kind, at, wait_ms
    )${rollups}
    select count(*)::int as accepted from inserted`,
    ),
  );
  const accepted = Number(row?.accepted ?? 0);
  return { accepted, duplicates: events.length - accepted };
}
