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
const SUMS = sql.raw(`sum(offered)::int as offered, sum(answered)::int as answered,
  sum(answered_within_60s)::int as answered_within_60s, sum(abandoned)::int as abandoned,
  sum(abandoned_after_30s)::int as abandoned_after_30s, sum(abandoned_after_60s)::int as abandoned_after_60s,
  sum(answer_ms_sum)::bigint as answer_ms_sum`);

/**
 * CTEs that add the call events of relation `source` (columns site_id, queue, kind, at, wait_ms) to every
 * call rollup table. The events are read once into counts and answer bins per site, queue and minute;
 * the five-minute, hour and day levels add those up (a million imported events are some 40,000 minutes),
 * rather than each level grouping every event again.
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
  ), minute_rows as (
    select site_id, queue, minute, ${COLUMNS}, coalesce(packed.bins, '{}') as bins,
      coalesce(packed.calls, '{}') as calls
    from minute_counts left join (
      select site_id, queue, minute, array_agg(bin order by bin) as bins, array_agg(calls order by bin) as calls
      from minute_bins group by 1, 2, 3
    ) packed using (site_id, queue, minute)
  ), five_minute_rows as (
    select counted.*, coalesce(packed.bins, '{}') as bins, coalesce(packed.calls, '{}') as calls
    from (select ${FIVE_MINUTES} as bucket, site_id, ${SUMS} from minute_counts group by 1, 2) counted
    left join (
      select bucket, site_id, array_agg(bin order by bin) as bins, array_agg(calls order by bin) as calls
      from (select ${FIVE_MINUTES} as bucket, site_id, bin, sum(calls)::int as calls
            from minute_bins group by 1, 2, 3) per_bin
      group by 1, 2
    ) packed using (bucket, site_id)
  ), hour_rows as (
    select site_id, ${HOUR} as hour, ${SUMS} from minute_counts group by 1, 2
  ), hour_bin_rows as (
    select site_id, ${HOUR} as hour, bin, sum(calls)::int as calls from minute_bins group by 1, 2, 3
  ), day_rows as (
    select site_id, ${DAY} as day, ${SUMS} from minute_counts group by 1, 2
  ), day_bin_rows as (
    select site_id, ${DAY_OF_HOUR} as day, bin, sum(calls)::int as calls from hour_bin_rows group by 1, 2, 3
  ), ${upserts()}`;
}

/** The import's rollup levels, one table for all (see ImportPart in services/import/part.ts). */
export const STAGED_ROLLUPS_TABLE = `create temp table import_rollups (
  level text not null, queue text, bucket text not null, ${MINUTE_COLUMN_TYPES},
  answer_bins smallint[] not null, answer_bin_calls integer[] not null) on commit drop`;
/** Levels of import_rollups: `bucket` is an ISO instant, a London date (YYYY-MM-DD) for `day`. */
export type StagedLevel = 'minute' | 'five_minute' | 'hour' | 'day';

/**
 * CTEs that add the rollup rows of `siteId` staged in import_rollups to every call rollup table: the
 * import has counted them per level in TypeScript with the rules of packages/metrics, which tests hold
 * equal to the ones above (an import's rollups equal a rebuild from its events).
 */
export function callRollupCtesFromStaged(siteId: string): SQL {
  const site = sql`${siteId}::text as site_id`;
  const level = (name: StagedLevel) => sql`from import_rollups where level = ${name}`;
  const unpacked = sql`unnest(answer_bins) as bin, unnest(answer_bin_calls) as calls`;
  return sql`minute_rows as (
    select ${site}, queue, bucket::timestamptz as minute, ${COLUMNS}, answer_bins as bins,
      answer_bin_calls as calls ${level('minute')}
  ), five_minute_rows as (
    select bucket::timestamptz as bucket, ${site}, ${COLUMNS}, answer_bins as bins, answer_bin_calls as calls
    ${level('five_minute')}
  ), hour_rows as (
    select ${site}, bucket::timestamptz as hour, ${COLUMNS} ${level('hour')}
  ), hour_bin_rows as (
    select ${site}, bucket::timestamptz as hour, ${unpacked} ${level('hour')}
  ), day_rows as (
    select ${site}, bucket::date as day, ${COLUMNS} ${level('day')}
  ), day_bin_rows as (
    select ${site}, bucket::date as day, ${unpacked} ${level('day')}
  ), ${upserts()}`;
}

/**
 * Adds minute_rows, five_minute_rows, hour_rows, hour_bin_rows, day_rows and day_bin_rows to the rollup
 * tables. Rows are upserted in key order so concurrent batches lock them in the same order.
 */
function upserts(): SQL {
  return sql`rollup_minute as (
    insert into call_minute_rollups as r (site_id, queue, minute, ${COLUMNS}, answer_bins, answer_bin_calls)
    select site_id, queue, minute, ${COLUMNS}, bins, calls from minute_rows order by 1, 3, 2
    on conflict (site_id, minute, queue) do update set ${ADD}, ${MERGE_PACKED} returning 1
  ), rollup_5min as (
    insert into call_5min_rollups as r (bucket, site_id, ${COLUMNS}, answer_bins, answer_bin_calls)
    select bucket, site_id, ${COLUMNS}, bins, calls from five_minute_rows order by 1, 2
    on conflict (bucket, site_id) do update set ${ADD}, ${MERGE_PACKED} returning 1
  ), ${siteLevel('hour')}, ${siteLevel('day')}`;
}

/** The counts and answer bins of one per-site level (`call_<level>_rollups`, `call_<level>_answer_bins`). */
function siteLevel(level: 'hour' | 'day'): SQL {
  const name = sql.raw(level);
  return sql`rollup_${name} as (
    insert into ${sql.raw(`call_${level}_rollups`)} as r (site_id, ${name}, ${COLUMNS})
    select site_id, ${name}, ${COLUMNS} from ${sql.raw(`${level}_rows`)} order by 1, 2
    on conflict (site_id, ${name}) do update set ${ADD} returning 1
  ), rollup_${name}_bins as (
    insert into ${sql.raw(`call_${level}_answer_bins`)} as r (site_id, ${name}, bin, calls)
    select site_id, ${name}, bin, calls from ${sql.raw(`${level}_bin_rows`)} order by 1, 2, 3
    on conflict (site_id, ${name}, bin) do update set calls = r.calls + excluded.calls returning 1
  )`;
}
