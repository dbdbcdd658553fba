import { type SQL, sql } from 'drizzle-orm';

/** Sums and counts are bigint (as their columns): one queue's day can pass 2^31 calls waiting summed. */
const STATS = sql.raw(`count(*)::bigint, sum(calls_waiting)::bigint, max(calls_waiting), max(longest_wait_ms),
  sum(agents_available)::bigint`);
const COLUMNS = sql.raw('samples, waiting_sum, waiting_max, longest_wait_max_ms, agents_available_sum');
const MERGE = sql.raw(`samples = r.samples + excluded.samples,
  waiting_sum = r.waiting_sum + excluded.waiting_sum,
  waiting_max = greatest(r.waiting_max, excluded.waiting_max),
  longest_wait_max_ms = greatest(r.longest_wait_max_ms, excluded.longest_wait_max_ms),
  agents_available_sum = r.agents_available_sum + excluded.agents_available_sum`);

/**
 * CTEs that add the queue snapshots of relation `source` (columns site_id, queue, at, calls_waiting,
 * longest_wait_ms, agents_available) to the minute, five-minute, hour and London-day queue rollups.
 */
export function queueRollupCtes(source: string): SQL {
  const from = sql.raw(source);
  const level = (table: string, column: string, bucket: string, cte: string) =>
    sql`${sql.raw(cte)} as (
      insert into ${sql.raw(table)} as r (site_id, queue, ${sql.raw(column)}, ${COLUMNS})
      select site_id, queue, ${sql.raw(bucket)}, ${STATS} from ${from} group by 1, 2, 3 order by 1, 3, 2
      on conflict (site_id, ${sql.raw(column)}, queue) do update set ${MERGE} returning 1
    )`;
  return sql.join(
    [
      level('queue_minute_rollups', 'minute', `date_trunc('minute', at, 'UTC')`, 'rollup_queue_minute'),
      level(
        'queue_5min_rollups',
        'bucket',
        `date_bin('5 minutes', at, timestamptz '2000-01-01T00:00:00Z')`,
        'rollup_queue_5min',
      ),
      level('queue_hour_rollups', 'hour', `date_trunc('hour', at, 'UTC')`, 'rollup_queue_hour'),
      level('queue_day_rollups', 'day', `(at at time zone 'Europe/London')::date`, 'rollup_queue_day'),
    ],
    sql`, `,
  );
}
