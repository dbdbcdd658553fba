import { type Db, rowsOf } from '@switchboard/db';
import { getTableName, sql } from 'drizzle-orm';
import { catchUpChange, encodeChange } from '../../live/change.ts';
import { LIVE_CHANNEL } from '../../live/hub.ts';
import { ROLLUP_TABLES as ROLLUP_TABLE_OBJECTS } from '../queries/levels.ts';
import { callRollupCtes } from './call-rollups-sql.ts';
import { queueRollupCtes } from './queue-rollups-sql.ts';

/** Every rollup table's name. */
export const ROLLUP_TABLES = ROLLUP_TABLE_OBJECTS.map((table) => getTableName(table));

/**
 * Recomputes every rollup from the raw events and snapshots, in one transaction, with the same SQL
 * that ingestion uses incrementally (so rebuild == incremental, which the tests check). At commit, running
 * API instances on the same PostgreSQL hear "anything may have changed": their series caches empty and
 * their dashboards refetch.
 */
export async function rebuildRollups(db: Db): Promise<{ events: number; snapshots: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`truncate ${ROLLUP_TABLES.join(', ')}`));
    const [calls] = await rowsOf<{ n: number }>(
      tx,
      sql`with all_events as (select site_id, queue, kind, at, wait_ms from call_events), ${callRollupCtes('all_events')}
          select count(*)::int as n from all_events`,
    );
    const [snapshots] = await rowsOf<{ n: number }>(
      tx,
      sql`with all_snapshots as (select site_id, queue, at, calls_waiting, longest_wait_ms, agents_available
            from queue_snapshots), ${queueRollupCtes('all_snapshots')}
          select count(*)::int as n from all_snapshots`,
    );
    await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${encodeChange(catchUpChange())})`);
    return { events: Number(calls?.n ?? 0), snapshots: Number(snapshots?.n ?? 0) };
  });
}
