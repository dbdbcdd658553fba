import { type SQL, sql } from 'drizzle-orm';

/**
 * The rollup rules in SQL, in one place, used both by ingestion (rolling up only the events it just
 * inserted) and by the rebuild (rolling up every stored event). The same rules in TypeScript live in
 * packages/metrics (counts.ts, histogram.ts); property tests prove the two agree.
 *
 * - a call counts in the minute it was OFFERED: `at` for `offered`, `at - waitMs` for `answered`/`abandoned`
 * - answered within 60 s: waitMs <= 60000; abandoned after 30 s: waitMs > 30000
 * - answer-time bin: whole seconds waited, capped at 600 (10 minutes or more)
 * - five-minute buckets and hours are on the UTC clock; days are calendar days in Europe/London
 */
const OFFERED_AT = sql.raw(
  `case when kind in ('answered', 'abandoned') then at - wait_ms * interval '1 millisecond' else at end`,
);
const MEASURES = sql.raw(`count(*) filter (where kind = 'offered')::int,
  count(*) filter (where kind = 'answered')::int,
  count(*) filter (where kind = 'answered' and wait_ms <= 60000)::int,
  count(*) filter (where kind = 'abandoned')::int,
  count(*) filter (where kind = 'abandoned' and wait_ms > 30000)::int,
  coalesce(sum(wait_ms) filter (where kind = 'answered'), 0)::bigint`);
const COLUMNS = sql.raw(
  'offered, answered, answered_within_60s, abandoned, abandoned_after_30s, answer_ms_sum',
);
const ADD = sql.raw(`offered = r.offered + excluded.offered,
  answered = r.answered + excluded.answered,
  answered_within_60s = r.answered_within_60s + excluded.answered_within_60s,
  abandoned = r.abandoned + excluded.abandoned,
  abandoned_after_30s = r.abandoned_after_30s + excluded.abandoned_after_30s,
  answer_ms_sum = r.answer_ms_sum + excluded.answer_ms_sum`);
const BIN = sql.raw('least(wait_ms / 1000, 600)::smallint');
const DAY = sql.raw(`(minute at time zone 'Europe/London')::date`);
const HOUR = sql.raw(`date_trunc('hour', minute, 'UTC')`);
const FIVE_MINUTES = sql.raw(`date_bin('5 minutes', minute, timestamptz '2000-01-01T00:00:00Z')`);
/** Adds two packed histograms (ascending bins and their calls) into one, still ascending. */
const MERGE_PACKED = sql.raw(`(answer_bins, answer_bin_calls) = (
    select coalesce(array_agg(bin order by bin), '{}'), coalesce(array_agg(calls order by bin), '{}')
    from (select bin, sum(calls)::int as calls
          from unnest(r.answer_bins || excluded.answer_bins, r.answer_bin_calls || excluded.answer_bin_calls)
            as u(bin, calls)
          group by bin) merged)`);

/** A rollup level: its table, its time column, how a minute maps to its bucket, and whether it has queues. */
type Level = { cte: string; table: string; column: string; bucket: SQL; perQueue: boolean };
const LEVELS: Level[] = [
  {
    cte: 'rollup_minute',
    table: 'call_minute_rollups',
    column: 'minute',
    bucket: sql.raw('minute'),
    perQueue: true,
  },
  { cte: 'rollup_5min', table: 'call_5min_rollups', column: 'bucket', bucket: FIVE_MINUTES, perQueue: false },
  { cte: 'rollup_hour', table: 'call_hour_rollups', column: 'hour', bucket: HOUR, perQueue: false },
  { cte: 'rollup_day', table: 'call_day_rollups', column: 'day', bucket: DAY, perQueue: false },
];

/**
 * CTEs that add the call events of relation `source` (columns site_id, queue, kind, at, wait_ms) to every
 * call rollup table. Rows are upserted in key order so concurrent batches lock them in the same order.
 */
export function callRollupCtes(source: string): SQL {
  const from = sql.raw(source);
  return sql`rollup_calls as (
    select site_id, queue, kind, wait_ms, date_trunc('minute', ${OFFERED_AT}, 'UTC') as minute
    from ${from} where kind in ('offered', 'answered', 'abandoned')
  ), ${sql.join(LEVELS.map(levelCte), sql`, `)}`;
}

/** Counts and packed answer-time histogram of one level, per bucket and site (and queue). */
function levelCte({ cte, table, column, bucket, perQueue }: Level): SQL {
  const keys = sql.raw(perQueue ? 'b, site_id, queue' : 'b, site_id');
  const columns = sql.raw(`${column}, site_id${perQueue ? ', queue' : ''}`);
  return sql`${sql.raw(cte)} as (
    insert into ${sql.raw(table)} as r (${columns}, ${COLUMNS}, answer_bins, answer_bin_calls)
    select counted.*, coalesce(packed.bins, '{}'), coalesce(packed.calls, '{}')
    from (select ${bucket} as b, site_id${sql.raw(perQueue ? ', queue' : '')}, ${MEASURES}
          from rollup_calls group by ${keys}) counted
    left join (
      select ${keys}, array_agg(bin order by bin) as bins, array_agg(calls order by bin) as calls
      from (select ${bucket} as b, site_id${sql.raw(perQueue ? ', queue' : '')}, ${BIN} as bin, count(*)::int as calls
            from rollup_calls where kind = 'answered' group by ${keys}, bin) per_bin
      group by ${keys}
    ) packed using (${keys})
    order by ${keys}
    on conflict (${columns}) do update set ${ADD}, ${MERGE_PACKED} returning 1
  )`;
}
