import { type SQL, sql } from 'drizzle-orm';

/**
 * The rollup rules in SQL, in one place, used both by ingestion (rolling up only the events it just
 * inserted) and by the rebuild (rolling up every stored event). The same rules in TypeScript live in
 * packages/metrics (counts.ts, histogram.ts); property tests prove the two agree.
 *
 * - a call counts in the minute it was OFFERED: `at` for `offered`, `at - waitMs` for `answered`/`abandoned`
 * - answered within 60 s: waitMs <= 60000; abandoned after 30 s: waitMs > 30000; after 60 s: waitMs > 60000
 * - answer-time bin: whole seconds waited, capped at 600 (10 minutes or more)
 * - five-minute buckets and hours are on the UTC clock; days are calendar days in Europe/London
 */
/** The instant a call event's call was offered (the minute it counts in). */
export const OFFERED_AT = sql.raw(
  `case when kind in ('answered', 'abandoned') then at - wait_ms * interval '1 millisecond' else at end`,
);
const MEASURES_NAMED = sql.raw(`count(*) filter (where kind = 'offered')::int as offered,
  count(*) filter (where kind = 'answered')::int as answered,
  count(*) filter (where kind = 'answered' and wait_ms <= 60000)::int as answered_within_60s,
  count(*) filter (where kind = 'abandoned')::int as abandoned,
  count(*) filter (where kind = 'abandoned' and wait_ms > 30000)::int as abandoned_after_30s,
  count(*) filter (where kind = 'abandoned' and wait_ms > 60000)::int as abandoned_after_60s,
  coalesce(sum(wait_ms) filter (where kind = 'answered'), 0)::bigint as answer_ms_sum`);
const COLUMNS = sql.raw(
  'offered, answered, answered_within_60s, abandoned, abandoned_after_30s, abandoned_after_60s, answer_ms_sum',
);
const MINUTE_COLUMN_TYPES = `offered integer not null, answered integer not null, answered_within_60s integer not null,
  abandoned integer not null, abandoned_after_30s integer not null, abandoned_after_60s integer not null,
  answer_ms_sum bigint not null`;
const ADD = sql.raw(`offered = r.offered + excluded.offered,
  answered = r.answered + excluded.answered,
  answered_within_60s = r.answered_within_60s + excluded.answered_within_60s,
  abandoned = r.abandoned + excluded.abandoned,
  abandoned_after_30s = r.abandoned_after_30s + excluded.abandoned_after_30s,
  abandoned_after_60s = r.abandoned_after_60s + excluded.abandoned_after_60s,
  answer_ms_sum = r.answer_ms_sum + excluded.answer_ms_sum`);
const BIN = sql.raw('least(wait_ms / 1000, 600)::smallint');
const DAY = sql.raw(`(minute at time zone 'Europe/London')::date`);
const HOUR = sql.raw(`date_trunc('hour', minute, 'UTC')`);
/** The London day of a UTC hour (London's offset is whole hours, so an hour lies in one day). */
const DAY_OF_HOUR = sql.raw(`(hour at time zone 'Europe/London')::date`);
export const FIVE_MINUTES = sql.raw(`date_bin('5 minutes', minute, timestamptz '2000-01-01T00:00:00Z')`);
/** Adds two packed histograms (ascending bins and their calls) into one, still ascending. */
const MERGE_PACKED = sql.raw(`(answer_bins, answer_bin_calls) = (
    select coalesce(array_agg(bin order by bin), '{}'), coalesce(array_agg(calls order by bin), '{}')
    from (select bin, sum(calls)::int as calls
          from unnest(r.answer_bins || excluded.answer_bins, r.answer_bin_calls || excluded.answer_bin_calls)
            as u(bin, calls)
          group by bin) merged)`);

/** The measures of minute_counts rows added up into a coarser bucket. */
const SUMS =
  sql.raw(`sum(offered)::int, sum(answered)::int, sum(answered_within_60s)::int, sum(abandoned)::int,
  sum(abandoned_after_30s)::int, sum(abandoned_after_60s)::int, sum(answer_ms_sum)::bigint`);

/**
 * CTEs that add the call events of relation `source` (columns site_id, queue, kind, at, wait_ms) to every
 * call rollup table. The events are read once into counts and answer bins per site, queue and minute;
 * the five-minute, hour and day levels add those up (a million imported events are some 40,000 minutes),
 * rather than each level grouping every event again. Rows are upserted in key order so concurrent batches
 * lock them in the same order.
 */
export function callRollupCtes(source: string): SQL {
  const from = sql.raw(source);
  return sql`rollup_calls as (
    select site_id, queue, kind, wait_ms, date_trunc('minute', ${OFFERED_AT}, 'UTC') as minute
    from ${from} where kind in ('offered', 'answered', 'abandoned')
  ), minute_counts as (
    select site_id, queue, minute, ${MEASURES_NAMED} from rollup_calls group by 1, 2, 3
  ), minute_bins as (
    select site_id, queue, minute, ${BIN} as bin, count(*)::int as calls from rollup_calls
    where kind = 'answered' group by 1, 2, 3, 4
  ), ${levelsFromMinutes()}`;
}

/**
 * A temporary table of call counts already added up per queue and minute (the import counts them in
 * TypeScript with the rules of packages/metrics, which property tests hold equal to the ones above), one
 * row per queue and minute, its answer-time histogram packed as in call_minute_rollups.
 */
export const STAGED_MINUTES_TABLE = `create temp table import_minutes (
  queue text not null, minute timestamptz not null, ${MINUTE_COLUMN_TYPES},
  answer_bins smallint[] not null, answer_bin_calls integer[] not null) on commit drop`;

/** CTEs that add the staged minutes of `siteId` (see STAGED_MINUTES_TABLE) to every call rollup table. */
export function callRollupCtesFromMinutes(siteId: string): SQL {
  return sql`minute_counts as (
    select ${siteId}::text as site_id, queue, minute, ${COLUMNS} from import_minutes
  ), minute_bins as (
    select ${siteId}::text as site_id, queue, minute, unnest(answer_bins) as bin, unnest(answer_bin_calls) as calls
    from import_minutes
  ), ${levelsFromMinutes()}`;
}

/** The minute, five-minute, hour and day rollups from minute_counts and minute_bins. */
function levelsFromMinutes(): SQL {
  return sql`rollup_minute as (
    insert into call_minute_rollups as r (site_id, queue, minute, ${COLUMNS}, answer_bins, answer_bin_calls)
    select site_id, queue, minute, ${COLUMNS}, coalesce(packed.bins, '{}'), coalesce(packed.calls, '{}')
    from minute_counts left join (
      select site_id, queue, minute, array_agg(bin order by bin) as bins, array_agg(calls order by bin) as calls
      from minute_bins group by 1, 2, 3
    ) packed using (site_id, queue, minute)
    order by 1, 3, 2
    on conflict (site_id, minute, queue) do update set ${ADD}, ${MERGE_PACKED} returning 1
  ), hour_bins as (
    select site_id, ${HOUR} as hour, bin, sum(calls)::int as calls from minute_bins group by 1, 2, 3
  ), ${fiveMinuteLevel()}, ${siteLevel('hour', HOUR, sql.raw('hour'))}, ${siteLevel('day', DAY, DAY_OF_HOUR)}`;
}

/** Five-minute counts per site with the answer-time histogram packed into the row (see the schema). */
function fiveMinuteLevel(): SQL {
  return sql`rollup_5min as (
    insert into call_5min_rollups as r (bucket, site_id, ${COLUMNS}, answer_bins, answer_bin_calls)
    select counted.*, coalesce(packed.bins, '{}'), coalesce(packed.calls, '{}')
    from (select ${FIVE_MINUTES} as bucket, site_id, ${SUMS} from minute_counts group by 1, 2) counted
    left join (
      select bucket, site_id, array_agg(bin order by bin) as bins, array_agg(calls order by bin) as calls
      from (select ${FIVE_MINUTES} as bucket, site_id, bin, sum(calls)::int as calls
            from minute_bins group by 1, 2, 3) per_bin
      group by 1, 2
    ) packed using (bucket, site_id)
    order by 1, 2
    on conflict (bucket, site_id) do update set ${ADD}, ${MERGE_PACKED} returning 1
  )`;
}

/** The counts and answer bins of one per-site level (`call_<level>_rollups`, `call_<level>_answer_bins`). */
function siteLevel(level: 'hour' | 'day', bucket: SQL, binBucket: SQL): SQL {
  const name = sql.raw(level);
  return sql`rollup_${name} as (
    insert into ${sql.raw(`call_${level}_rollups`)} as r (site_id, ${name}, ${COLUMNS})
    select site_id, ${bucket}, ${SUMS} from minute_counts group by 1, 2 order by 1, 2
    on conflict (site_id, ${name}) do update set ${ADD} returning 1
  ), rollup_${name}_bins as (
    insert into ${sql.raw(`call_${level}_answer_bins`)} as r (site_id, ${name}, bin, calls)
    select site_id, ${binBucket}, bin, sum(calls)::int from hour_bins
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (site_id, ${name}, bin) do update set calls = r.calls + excluded.calls returning 1
  )`;
}
