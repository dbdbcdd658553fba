import { type Db, rowsOf } from '@switchboard/db';
import { type CallCounts, emptyCounts, localDateString } from '@switchboard/metrics';
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { epochMs, type LevelSpan, type RollupLevel, sitesFilter, textArray } from './levels.ts';

/**
 * The one read path of the call rollups: counts summed per key, with the answer-time histogram summed in
 * SQL and returned as two arrays per key (bins and their calls), whatever level stores it.
 */
export type SummedRow = {
  k: string | number;
  offered: number;
  answered: number;
  answered_within_60s: number;
  abandoned: number;
  abandoned_after_30s: number;
  answer_ms_sum: number;
  /** The bins and their calls: one list, or one list per packed row. */
  bins: number[] | number[][] | null;
  bin_calls: number[] | number[][] | null;
};

/** The SELECT list summing a call table's rows (each times `weight`, when given). */
function sums(table: RollupLevel['calls'], weight?: SQL): SQL {
  const w = weight ? sql` * ${weight}` : sql``;
  const cast = weight ? sql.raw('float8') : sql.raw('int');
  return sql`sum(${table.offered}${w})::${cast} as offered, sum(${table.answered}${w})::${cast} as answered,
    sum(${table.answeredWithin60s}${w})::${cast} as answered_within_60s, sum(${table.abandoned}${w})::${cast} as abandoned,
    sum(${table.abandonedAfter30s}${w})::${cast} as abandoned_after_30s, sum(${table.answerMsSum}${w})::float8 as answer_ms_sum`;
}

/** Per key, the (key, bin, calls) rows of `perBin` as two parallel arrays (unsorted: sorting them in SQL cost more than the rest of a day chart). */
const packBins = (perBin: SQL) =>
  sql`select k, array_agg(bin) as bins, array_agg(calls) as bin_calls
      from (${perBin}) per_bin group by k`;

/** Adds parallel arrays of bins and their calls into a histogram. */
function addBins(hist: number[], bins: readonly number[], calls: readonly number[]): void {
  bins.forEach((bin, i) => {
    hist[bin] = (hist[bin] ?? 0) + Number(calls[i] ?? 0);
  });
}

/** CallCounts from a summed row (its histogram arrays added into the bins). */
export function countsOf(row: SummedRow): CallCounts {
  const counts = emptyCounts();
  counts.offered = Number(row.offered);
  counts.answered = Number(row.answered);
  counts.answeredWithin60s = Number(row.answered_within_60s);
  counts.abandoned = Number(row.abandoned);
  counts.abandonedAfter30s = Number(row.abandoned_after_30s);
  counts.answerMsSum = Number(row.answer_ms_sum);
  const bins = row.bins ?? [];
  const calls = row.bin_calls ?? [];
  const hist = counts.answerHist;
  bins.forEach((b, i) => {
    const c = calls[i];
    if (Array.isArray(b)) addBins(hist, b, Array.isArray(c) ? c : []);
    else hist[b] = (hist[b] ?? 0) + Number(c ?? 0);
  });
  return counts;
}

export type ReadKey = 'site' | 'bucket';

/**
 * Counts (with histograms) of `level`'s rows in [from, to) of the sites (none = all), summed per site or per
 * bucket start (the key: the site id, or the bucket start in epoch ms as a string). A key without rows is
 * absent: no data, which callers show as a gap, never as zero.
 */
export async function readCallCounts(
  db: Db,
  level: RollupLevel,
  range: { from: number; to: number; siteIds: readonly string[] },
  by: ReadKey,
): Promise<Map<string, CallCounts>> {
  const { calls, callsTime, histogram: h } = level;
  const where = (time: PgColumn, siteId: PgColumn) =>
    sql`${level.inRange(time, range.from, range.to)}${sitesFilter(siteId, range.siteIds)}`;
  const key = (time: PgColumn, siteId: PgColumn) => (by === 'site' ? sql`${siteId}` : level.bucket(time));
  const out = (k: SQL) => (by === 'site' ? k : epochMs(k));
  // Histograms packed into the call rows come with them, as JSON lists of each row's arrays: summing them
  // in SQL meant unnesting every pair (four times slower for a day of every site), and a row per call row
  // cost the driver as much. Bin tables are summed per key and bin in SQL.
  const histogram = h.packed
    ? {
        select: sql`, json_agg(${h.packed.bins}) as bins, json_agg(${h.packed.calls}) as bin_calls`,
        join: sql``,
      }
    : {
        select: sql``,
        join: sql`left join (${packBins(
          sql`select ${key(h.time, h.siteId)} as k, ${h.bin} as bin, sum(${h.calls})::int as calls
              from ${h.from} where ${where(h.time, h.siteId)} group by 1, 2`,
        )}) h on h.k = c.k`,
      };
  const rows = await rowsOf<SummedRow>(
    db,
    sql`select ${out(sql`c.k`)} as k, offered, answered, answered_within_60s, abandoned, abandoned_after_30s,
          answer_ms_sum, bins, bin_calls
        from (select ${key(callsTime, calls.siteId)} as k, ${sums(calls)}${histogram.select} from ${calls}
              where ${where(callsTime, calls.siteId)} group by 1) c
        ${histogram.join}`,
  );
  return new Map(rows.map((row) => [String(row.k), countsOf(row)]));
}

/** Which buckets of `level` in the ranges [from, to) have rows, per site: `${siteId}|${bucket start ms}`. */
export async function bucketsWithData(
  db: Db,
  level: RollupLevel,
  ranges: readonly { from: number; to: number }[],
  siteIds: readonly string[],
): Promise<Set<string>> {
  if (ranges.length === 0) return new Set();
  const { calls, callsTime } = level;
  const inRanges = sql.join(
    ranges.map((range) => sql`(${level.inRange(callsTime, range.from, range.to)})`),
    sql` or `,
  );
  const rows = await rowsOf<{ site_id: string; t: number[] }>(
    db,
    sql`select ${calls.siteId} as site_id, array_agg(${epochMs(level.bucket(callsTime))}) as t from ${calls}
        where (${inRanges})${sitesFilter(calls.siteId, siteIds)} group by 1`,
  );
  return new Set(rows.flatMap((row) => row.t.map((t) => `${row.site_id}|${Number(t)}`)));
}

/** Rows of one site over a span of one level, weighing `weight` each (times the span's sign), summed under `${group}|${siteId}`. */
export type WeightedSpan = LevelSpan & { group: string; siteId: string; weight: number };

/**
 * Σ weight × counts (with histograms) of each span's rows, per `${group}|${siteId}`, in one statement: the
 * spans are grouped by level, and each level's rows are joined with its spans. A key without rows is absent.
 */
export async function readWeightedCounts(
  db: Db,
  spans: readonly WeightedSpan[],
): Promise<Map<string, CallCounts>> {
  const byLevel = new Map<RollupLevel['rows'], WeightedSpan[]>();
  for (const span of spans) byLevel.set(span.level.rows, [...(byLevel.get(span.level.rows) ?? []), span]);
  if (byLevel.size === 0) return new Map();
  const callParts: SQL[] = [];
  const binParts: SQL[] = [];
  for (const [rows, list] of byLevel) {
    const level = list[0]?.level as RollupLevel;
    // Days are dates, other levels instants: each span's edges in its level's type.
    const edge = (ms: number) => (rows === '1d' ? localDateString(ms) : new Date(ms).toISOString());
    const type = sql.raw(rows === '1d' ? 'date' : 'timestamptz');
    const array = (values: string[], of: SQL) => sql`${textArray(values)}::${of}[]`;
    const s = sql`unnest(${array(
      list.map((x) => `${x.group}|${x.siteId}`),
      sql`text`,
    )}, ${array(
      list.map((x) => x.siteId),
      sql`text`,
    )}, ${array(
      list.map((x) => edge(x.from)),
      type,
    )}, ${array(
      list.map((x) => edge(x.to)),
      type,
    )}, ${`{${list.map((x) => x.sign * x.weight).join(',')}}`}::float8[]) as s(k, site_id, f, t, w)`;
    const { calls, callsTime, histogram: h } = level;
    // Each distinct time span is read once, for every site (one index range scan: the rollup keys start with
    // the time, so a scan per site and span would walk every site's rows of the span anyway), summed per
    // site, then weighed per span and site. Lateral with `offset 0`, else the planner, which cannot guess
    // what the unnested spans cover, flattens it into a hash join over a whole year of rows.
    const read = (time: PgColumn, siteId: PgColumn, from: SQL, summed: SQL, weighed: SQL, by: SQL) =>
      sql`with s as (select * from ${s}), per_span as materialized (
            select r.f, r.t, x.* from (select distinct f, t from s) r cross join lateral (
              select ${siteId} as site_id, ${summed} from ${from} where ${time} >= r.f and ${time} < r.t
              group by ${siteId}${by} offset 0) x)
          select s.k, ${weighed} from per_span p join s on s.f = p.f and s.t = p.t and s.site_id = p.site_id
          group by s.k${by}`;
    const weighed = (columns: string[]) =>
      sql.raw(columns.map((c) => `sum(p.${c} * s.w)::float8 as ${c}`).join(', '));
    callParts.push(
      read(
        callsTime,
        calls.siteId,
        sql`${calls}`,
        sums(calls),
        weighed([
          'offered',
          'answered',
          'answered_within_60s',
          'abandoned',
          'abandoned_after_30s',
          'answer_ms_sum',
        ]),
        sql``,
      ),
    );
    binParts.push(
      read(
        h.time,
        h.siteId,
        h.from,
        sql`${h.bin} as bin, sum(${h.calls})::float8 as calls`,
        sql`bin, sum(p.calls * s.w)::float8 as calls`,
        sql`, bin`,
      ),
    );
  }
  const rows = await rowsOf<SummedRow>(
    db,
    sql`with c as (
          select k, sum(offered)::float8 as offered, sum(answered)::float8 as answered,
            sum(answered_within_60s)::float8 as answered_within_60s, sum(abandoned)::float8 as abandoned,
            sum(abandoned_after_30s)::float8 as abandoned_after_30s, sum(answer_ms_sum)::float8 as answer_ms_sum
          from (${sql.join(
            callParts.map((part) => sql`(${part})`),
            sql` union all `,
          )}) per_level group by k
        ), h as (${packBins(
          sql`select k, bin, sum(calls)::float8 as calls from (${sql.join(
            binParts.map((part) => sql`(${part})`),
            sql` union all `,
          )}) per_level group by 1, 2`,
        )})
        select c.*, bins, bin_calls from c left join h on h.k = c.k`,
  );
  const out = new Map<string, CallCounts>();
  for (const row of rows) {
    const counts = cleared(countsOf(row));
    if (counts) out.set(String(row.k), counts);
  }
  return out;
}

/**
 * Sums in which a day's rows were added and some of its hours taken away leave float residues (1e-13) where
 * the answer is 0: cleared to 0, as every true count here is at least the smallest weight (1/4 of a call).
 * All counts 0 means the span had no rows (a rollup row always counts something): null, no data.
 */
function cleared(c: CallCounts): CallCounts | null {
  const clear = (x: number) => (Math.abs(x) < 1e-6 ? 0 : x);
  const out: CallCounts = {
    offered: clear(c.offered),
    answered: clear(c.answered),
    answeredWithin60s: clear(c.answeredWithin60s),
    abandoned: clear(c.abandoned),
    abandonedAfter30s: clear(c.abandonedAfter30s),
    answerMsSum: clear(c.answerMsSum),
    answerHist: c.answerHist.map(clear),
  };
  return out.offered === 0 && out.answered === 0 && out.abandoned === 0 ? null : out;
}
