import { INTERVAL_MS } from '@switchboard/contracts';
import { type Db, rowsOf } from '@switchboard/db';
import { type CallCounts, emptyCounts, localDateString } from '@switchboard/metrics';
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import {
  epochMs,
  type HistogramSource,
  type LevelSpan,
  type RollupLevel,
  sitesFilter,
  textArray,
} from './levels.ts';

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
  abandoned_after_60s: number;
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
    sum(${table.abandonedAfter30s}${w})::${cast} as abandoned_after_30s,
    sum(${table.abandonedAfter60s}${w})::${cast} as abandoned_after_60s, sum(${table.answerMsSum}${w})::float8 as answer_ms_sum`;
}

/** Per key, the (key, bin, calls) rows of `perBin` as two parallel arrays (unsorted: sorting them in SQL cost more than the rest of a day chart). */
const packBins = (perBin: SQL) =>
  sql`select k, array_agg(bin) as bins, array_agg(calls) as bin_calls
      from (${perBin}) per_bin group by k`;

/** Adds `factor` × parallel arrays of bins and their calls into a histogram. */
/**
 * The answer-time histogram of the call rows grouped by key `c.k`: packed in the call rows themselves (JSON
 * lists of each row's arrays, aggregated with them), or a bin table summed per key and bin and joined.
 */
function histogramOf(h: HistogramSource, key: SQL, where: SQL): { select: SQL; join: SQL } {
  if (h.packed)
    return {
      select: sql`, json_agg(${h.packed.bins}) as bins, json_agg(${h.packed.calls}) as bin_calls`,
      join: sql``,
    };
  const perBin = sql`select ${key} as k, ${h.bin} as bin, sum(${h.calls})::int as calls
    from ${h.from} where ${where} group by 1, 2`;
  return { select: sql``, join: sql`left join (${packBins(perBin)}) h on h.k = c.k` };
}

function addBins(hist: number[], bins: readonly number[], calls: readonly number[], factor: number): void {
  for (let i = 0; i < bins.length; i++) {
    const bin = bins[i] as number;
    hist[bin] = (hist[bin] ?? 0) + Number(calls[i] ?? 0) * factor;
  }
}

/** Adds `factor` × a summed row (counts and histogram arrays) into `into`, in place; returns it. */
function addRow(into: CallCounts, row: SummedRow, factor: number): CallCounts {
  into.offered += Number(row.offered) * factor;
  into.answered += Number(row.answered) * factor;
  into.answeredWithin60s += Number(row.answered_within_60s) * factor;
  into.abandoned += Number(row.abandoned) * factor;
  into.abandonedAfter30s += Number(row.abandoned_after_30s) * factor;
  into.abandonedAfter60s += Number(row.abandoned_after_60s) * factor;
  into.answerMsSum += Number(row.answer_ms_sum) * factor;
  const bins = row.bins ?? [];
  const calls = row.bin_calls ?? [];
  const hist = into.answerHist;
  bins.forEach((b, i) => {
    const c = calls[i];
    if (Array.isArray(b)) addBins(hist, b, Array.isArray(c) ? c : [], factor);
    else hist[b] = (hist[b] ?? 0) + Number(c ?? 0) * factor;
  });
  return into;
}

/** CallCounts from a summed row (its histogram arrays added into the bins). */
export function countsOf(row: SummedRow): CallCounts {
  return addRow(emptyCounts(), row, 1);
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
  const histogram = histogramOf(h, key(h.time, h.siteId), where(h.time, h.siteId));
  const rows = await rowsOf<SummedRow>(
    db,
    sql`select ${out(sql`c.k`)} as k, offered, answered, answered_within_60s, abandoned, abandoned_after_30s,
          abandoned_after_60s, answer_ms_sum, bins, bin_calls
        from (select ${key(callsTime, calls.siteId)} as k, ${sums(calls)}${histogram.select} from ${calls}
              where ${where(callsTime, calls.siteId)} group by 1) c
        ${histogram.join}`,
  );
  return new Map(rows.map((row) => [String(row.k), countsOf(row)]));
}

/**
 * Which buckets of `level`'s rows (a level on the UTC clock: minutes, five minutes, hours) in the ranges
 * [from, to) have no row, per site of `siteIds`, as site id → bucket starts (epoch ms); a site with every
 * bucket is absent. Usually nothing is missing, so the answer is small: each range is one index range scan,
 * anti-joined with the buckets it should hold (OR-ed ranges made the planner scan the whole year). The
 * sites are not a condition of the scan: a prepared statement's generic plan made `site_id = any(...)` an
 * index condition, one walk of the whole range per site.
 */
export async function bucketsWithoutData(
  db: Db,
  level: RollupLevel,
  ranges: readonly { from: number; to: number }[],
  siteIds: readonly string[],
): Promise<Map<string, Set<number>>> {
  if (level.rows === '1d') throw new Error('bucketsWithoutData: days are not on the UTC clock');
  const list = ranges.filter((r) => r.from < r.to);
  if (list.length === 0 || siteIds.length === 0) return new Map();
  const { calls, callsTime } = level;
  const step = sql.raw(`interval '${INTERVAL_MS[level.rows] / 1000} seconds'`);
  const instants = (values: number[]) =>
    sql`${textArray(values.map((ms) => new Date(ms).toISOString()))}::timestamptz[]`;
  const rows = await rowsOf<{ site_id: string; t: number[] }>(
    db,
    sql`with r as (select * from unnest(${instants(list.map((r) => r.from))}, ${instants(list.map((r) => r.to))}) as r(f, t)),
        present as (select p.* from r cross join lateral (
          select ${calls.siteId} as site_id, ${callsTime} as t from ${calls}
          where ${callsTime} >= r.f and ${callsTime} < r.t offset 0) p)
        select s.site_id, array_agg(${epochMs(sql`g.t`)}) as t
        from unnest(${textArray(siteIds)}::text[]) as s(site_id)
        cross join (select generate_series(r.f, r.t - ${step}, ${step}) as t from r) g
        left join present on present.site_id = s.site_id and present.t = g.t
        where present.site_id is null group by 1`,
  );
  return new Map(rows.map((row) => [row.site_id, new Set(row.t.map(Number))]));
}

/** A part of a range to read from one level: [from, to) on the edges of its rows. */
export type ReadSpan = Pick<LevelSpan, 'level' | 'from' | 'to'>;

/** The key of one site's counts over one span in readSpanCounts' answer. */
export const spanKey = (span: ReadSpan, siteId: string) =>
  `${span.level.rows}|${span.from}|${span.to}|${siteId}`;

/**
 * Summed counts (with histogram arrays: countsOf) of each distinct span's rows, per site of `siteIds`
 * (none = all), keyed by spanKey: one statement per level, run together. Each span is read once for every site (one index range
 * scan: the rollup keys start with the time, so a scan per site and span would walk every site's rows of
 * the span anyway) and summed per site in SQL; a site without rows in a span is absent. Lateral with
 * `offset 0`, else the planner, which cannot guess what the unnested spans cover, may flatten it into a hash
 * join over a whole year of rows.
 */
export async function readSpanCounts(
  db: Db,
  spans: readonly ReadSpan[],
  siteIds: readonly string[],
): Promise<Map<string, SummedRow>> {
  const byLevel = new Map<RollupLevel['rows'], Map<string, ReadSpan>>();
  for (const span of spans) {
    if (span.from >= span.to) continue;
    const distinct = byLevel.get(span.level.rows) ?? new Map<string, ReadSpan>();
    distinct.set(`${span.from}|${span.to}`, span);
    byLevel.set(span.level.rows, distinct);
  }
  const parts = await Promise.all(
    [...byLevel.values()].map((distinct) => readLevelSpans(db, [...distinct.values()], siteIds)),
  );
  return new Map(parts.flat());
}

/** readSpanCounts for spans of one level. */
async function readLevelSpans(
  db: Db,
  spans: readonly ReadSpan[],
  siteIds: readonly string[],
): Promise<[string, SummedRow][]> {
  const level = spans[0]?.level as RollupLevel;
  const { calls, callsTime, histogram: h } = level;
  // Days are dates, other levels instants: each span's edges in its level's type.
  const edges = (values: number[]) =>
    level.rows === '1d'
      ? sql`${textArray(values.map((ms) => localDateString(ms)))}::date[]`
      : sql`${textArray(values.map((ms) => new Date(ms).toISOString()))}::timestamptz[]`;
  // The sites are kept after the sums (see bucketsWithoutData): `offset 0` keeps that filter out of the scan.
  const inSpan = (time: PgColumn) => sql`${time} >= r.f and ${time} < r.t`;
  // As readCallCounts: packed histograms come with their call rows as JSON lists, bin tables are summed
  // per site and bin.
  const histogram = histogramOf(h, sql`${h.siteId}`, inSpan(h.time));
  const rows = await rowsOf<SummedRow & { i: string | number }>(
    db,
    sql`select r.i, x.* from unnest(${edges(spans.map((s) => s.from))}, ${edges(spans.map((s) => s.to))})
          with ordinality as r(f, t, i)
        cross join lateral (
          select c.k, offered, answered, answered_within_60s, abandoned, abandoned_after_30s, abandoned_after_60s,
            answer_ms_sum, bins, bin_calls
          from (select ${calls.siteId} as k, ${sums(calls)}${histogram.select} from ${calls}
                where ${inSpan(callsTime)} group by 1) c
          ${histogram.join} offset 0) x
        ${siteIds.length > 0 ? sql`where x.k = any(${textArray(siteIds)}::text[])` : sql``}`,
  );
  return rows.map((row) => [spanKey(spans[Number(row.i) - 1] as ReadSpan, String(row.k)), row]);
}

/** Rows of one site over a span of one level, weighing `weight` each (times the span's sign), summed under `${group}|${siteId}`. */
export type WeightedSpan = LevelSpan & { group: string; siteId: string; weight: number };

/**
 * Σ sign × weight × counts of each span (its site's counts in `read`, readSpanCounts' answer), per
 * `${group}|${siteId}`. A key none of whose spans had rows is absent.
 */
export function weighSpanCounts(
  spans: readonly WeightedSpan[],
  read: ReadonlyMap<string, SummedRow>,
): Map<string, CallCounts> {
  const sums = new Map<string, CallCounts>();
  for (const span of spans) {
    const row = read.get(spanKey(span, span.siteId));
    if (!row) continue;
    const key = `${span.group}|${span.siteId}`;
    const sum = sums.get(key) ?? emptyCounts();
    sums.set(key, sum);
    addRow(sum, row, span.sign * span.weight);
  }
  const out = new Map<string, CallCounts>();
  for (const [key, sum] of sums) {
    const counts = cleared(sum);
    if (counts) out.set(key, counts);
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
    abandonedAfter60s: clear(c.abandonedAfter60s),
    answerMsSum: clear(c.answerMsSum),
    answerHist: c.answerHist.map(clear),
  };
  return out.offered === 0 && out.answered === 0 && out.abandoned === 0 ? null : out;
}
