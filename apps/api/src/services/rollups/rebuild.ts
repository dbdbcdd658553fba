import { type Db, rowsOf } from '@switchboard/db';
import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import { catchUpChange, encodeChange } from '../../live/change.ts';
import { LIVE_CHANNEL } from '../../live/hub.ts';
import { ROLLUP_TABLES as ROLLUP_TABLE_OBJECTS } from '../queries/levels.ts';
import { rawPrunedBefore } from '../retention.ts';
import { callRollupCtes, OFFERED_AT } from './call-rollups-sql.ts';
import { queueRollupCtes } from './queue-rollups-sql.ts';

/** Every rollup table's name. */
export const ROLLUP_TABLES = ROLLUP_TABLE_OBJECTS.map((table) => getTableName(table));

/**
 * Recomputes every rollup from the raw events and snapshots, in one transaction, with the same SQL
 * that ingestion uses incrementally (so rebuild == incremental, which the tests check). Once raw data has
 * been pruned (RETENTION_RAW_DAYS), only the rollups from the retention mark on are recomputed (the mark is
 * a London midnight, so every minute, hour and day there is whole); older ones are kept. At commit, running
 * API instances on the same PostgreSQL hear "anything may have changed": their series caches empty and
 * their dashboards refetch.
 */
export async function rebuildRollups(db: Db): Promise<{ events: number; snapshots: number }> {
  return db.transaction(async (tx) => {
    // Taken inside the transaction: a prune that raises the mark meanwhile waits on nothing, but its
    // deletes of rows older than the old mark do not touch what is recomputed here (from the mark on).
    const mark = await rawPrunedBefore(tx as unknown as Db);
    if (mark === null) await tx.execute(sql.raw(`truncate ${ROLLUP_TABLES.join(', ')}`));
    else for (const table of ROLLUP_TABLE_OBJECTS) await tx.execute(deleteFrom(table, mark));
    const since = mark === null ? sql`` : sql` where at >= ${mark}::timestamptz`;
    // A call counts in the minute it was offered: an answer or abandonment at or after the mark whose call
    // was offered before it belongs to a kept minute (it is already counted there), so events are taken by
    // that instant, not their own. Every event of a call offered from the mark on is itself from the mark on.
    const callsSince = mark === null ? sql`` : sql` where ${OFFERED_AT} >= ${mark}::timestamptz`;
    const [calls] = await rowsOf<{ n: number }>(
      tx,
      sql`with all_events as (select site_id, queue, kind, at, wait_ms from call_events${callsSince}), ${callRollupCtes('all_events')}
          select count(*)::int as n from all_events`,
    );
    const [snapshots] = await rowsOf<{ n: number }>(
      tx,
      sql`with all_snapshots as (select site_id, queue, at, calls_waiting, longest_wait_ms, agents_available
            from queue_snapshots${since}), ${queueRollupCtes('all_snapshots')}
          select count(*)::int as n from all_snapshots`,
    );
    await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${encodeChange(catchUpChange())})`);
    return { events: Number(calls?.n ?? 0), snapshots: Number(snapshots?.n ?? 0) };
  });
}

/** Deletes a rollup table's rows from the mark on (a day table by London date, the others by instant). */
function deleteFrom(table: (typeof ROLLUP_TABLE_OBJECTS)[number], mark: string): SQL {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const day = columns.day?.name;
  const instant = (columns.minute ?? columns.bucket ?? columns.hour)?.name;
  const where = day
    ? sql`${sql.identifier(day)} >= (${mark}::timestamptz at time zone 'Europe/London')::date`
    : sql`${sql.identifier(instant ?? 'missing')} >= ${mark}::timestamptz`;
  return sql`delete from ${table} where ${where}`;
}
