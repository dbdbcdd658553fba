import { type SQL, sql } from 'drizzle-orm';

/**
 * The rollup rules in SQL, in one place, used both by ingestion (rolling up only the events it just
 * inserted) and by the rebuild (rolling up every stored event). The same rules in TypeScript live in
 * packages/metrics (counts.ts, histogram.ts); property tests prove the two agree.
 *
 * - a call counts in the minute it was OFFERED: `at` for `offered`, `at - waitMs` for `answered`/`abandoned`
 * - answered within 60 s: waitMs <= 60000; abandoned after 30 s: waitMs > 30000
 * - answer-time bin: whole seconds waited, capped at 600 (10 minutes or more)
 * - hours are UTC hours; days are calendar days in Europe/London
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

/**
 * CTEs that add the call events of relation `source` (columns site_id, queue, kind, at, wait_ms) to every
 * call rollup table. Rows are upserted in key order so concurrent batches lock them in the same order.
 */
export function callRollupCtes(source: string): SQL {
  const from = sql.raw(source);
  return sql`rollup_calls as (
    select site_id, queue, kind, wait_ms, date_trunc('minute', ${OFFERED_AT}, 'UTC') as minute
    from ${from} where kind in ('offered', 'answered', 'abandoned')
  ), rollup_minute as (
    insert into call_minute_rollups as r (site_id, queue, minute, ${COLUMNS})
    select site_id, queue, minute, ${MEASURES} from rollup_calls group by 1, 2, 3 order by 1, 3, 2
    on conflict (site_id, minute, queue) do update set ${ADD} returning 1
  ), rollup_minute_bins as (
    insert into call_minute_answer_bins as r (site_id, queue, minute, bin, calls)
    select site_id, queue, minute, ${BIN}, count(*)::int from rollup_calls where kind = 'answered'
    group by 1, 2, 3, 4 order by 1, 3, 2, 4
    on conflict (site_id, minute, queue, bin) do update set calls = r.calls + excluded.calls returning 1
  ), ${siteLevel('hour', HOUR)}, ${siteLevel('day', DAY)}`;
}

/** The counts and answer bins of one per-site level (`call_<level>_rollups`, `call_<level>_answer_bins`). */
function siteLevel(level: 'hour' | 'day', bucket: SQL): SQL {
  const name = sql.raw(level);
  return sql`rollup_${name} as (
    insert into ${sql.raw(`call_${level}_rollups`)} as r (site_id, ${name}, ${COLUMNS})
    select site_id, ${bucket}, ${MEASURES} from rollup_calls group by 1, 2 order by 1, 2
    on conflict (site_id, ${name}) do update set ${ADD} returning 1
  ), rollup_${name}_bins as (
    insert into ${sql.raw(`call_${level}_answer_bins`)} as r (site_id, ${name}, bin, calls)
    select site_id, ${bucket}, ${BIN}, count(*)::int from rollup_calls where kind = 'answered'
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (site_id, ${name}, bin) do update set calls = r.calls + excluded.calls returning 1
  )`;
}
