import type { CallEvent, IngestResult } from '@switchboard/contracts';
import { type Db, DEFAULT_QUEUE } from '@switchboard/db';
import { sql } from 'drizzle-orm';
import type { FeedKey } from '../keys.ts';
import { callRollupCtes } from '../rollups/call-rollups-sql.ts';
import { createLookups, type IngestLookups } from './lookups.ts';
import { checkSites } from './references.ts';
import { conflictMessage, firstConflict, storeBatch } from './store.ts';

/** The conflict check of a batch of call events (JSON): see firstConflict. */
export const callEventConflicts = (json: string) =>
  firstConflict(
    json,
    sql`select from call_events e
    where e.site_id = x.item->>'siteId' and e.call_id = x.item->>'callId'
      and e.kind = (x.item->>'kind')::call_event_kind
      and (e.at <> (x.item->>'at')::timestamptz
        or e.wait_ms is distinct from (x.item->>'waitMs')::int
        or e.queue <> coalesce(x.item->>'queue', ${DEFAULT_QUEUE})
        or e.agent_id is distinct from x.item->>'agentId')`,
  );

/**
 * Stores a validated batch of call events, all or nothing. Events already stored exactly as sent (same
 * site, call and kind, and the same time, wait, queue and agent) are counted as duplicates, so a retried
 * batch changes nothing; an event stored under the same site, call and kind with other content is a
 * conflict (409) and nothing of the batch is stored. Each row records the key that wrote it.
 * The batch travels as one JSON parameter expanded by json_to_recordset, and the rollups are updated from
 * the rows actually inserted, in the same statement.
 */
export async function ingestCallEvents(
  db: Db,
  key: FeedKey,
  events: CallEvent[],
  /** `rollups: false` exists only so the benchmark can measure what the rollups cost. */
  options: { rollups?: boolean; lookups?: IngestLookups } = {},
): Promise<IngestResult> {
  const rollups = options.rollups === false ? sql`` : sql`, ${callRollupCtes('inserted')}`;
  await checkSites(db, key, 'events', events, options.lookups ?? createLookups());
  const json = JSON.stringify(events);
  const insert = sql`with input as (
      select * from json_to_recordset(${json}::json) as x(
        "siteId" text, "callId" text, kind call_event_kind, at timestamptz,
        "waitMs" integer, queue text, "agentId" text)
    ), inserted as (
      insert into call_events (site_id, call_id, kind, at, wait_ms, queue, agent_id, key_id)
      select "siteId", "callId", kind, at, "waitMs", coalesce(queue, ${DEFAULT_QUEUE}), "agentId", ${key.id}
      from input
      order by 1, 2, 3
      on conflict do nothing
      returning site_id, queue, kind, at, wait_ms
    )${rollups}
    select count(*)::int as accepted from inserted`;
  const conflicts = callEventConflicts(json);
  const accepted = await storeBatch(
    db,
    { insert, conflicts },
    conflictMessage('events', 'event', 'siteId, callId and kind'),
    { field: 'events', items: events },
  );
  return { accepted, duplicates: events.length - accepted };
}
