import type { ImpactScope, IncidentImpact } from '@switchboard/contracts';
import { type Db, incidents, rowsOf } from '@switchboard/db';
import {
  BASELINE_WEEKS,
  type BaselineBucket,
  baselineWeights,
  type CallCounts,
  computeMeasures,
  type Impact,
  type Interval,
  impactOf,
  overlaps,
  sameLocalTimeWeeksBefore,
  sumCounts,
  totalImpact,
} from '@switchboard/metrics';
import { and, lt, ne, sql } from 'drizzle-orm';
import { type CountsRow, SUM_COUNTS, toCounts, toWindowMeasures } from '../queries/call-counts.ts';
import { type Actor, visibleSites } from './actor.ts';
import { windowEnd } from './lifecycle.ts';
import { findIncident } from './read.ts';

/** Windows up to this long are measured in five-minute buckets, longer ones in hours. */
export const FIVE_MINUTE_WINDOW_MAX_MS = 12 * 3_600_000;

type Level = { interval: '5m' | '1h'; size: number; table: string; time: string };
const FIVE_MINUTES: Level = { interval: '5m', size: 300_000, table: 'call_5min_rollups', time: 'bucket' };
const HOURS: Level = { interval: '1h', size: 3_600_000, table: 'call_hour_rollups', time: 'hour' };

const iso = (ms: number) => new Date(ms).toISOString();
/** A PostgreSQL array literal of strings made only of id characters or ISO instants (no quotes, commas). */
const textArray = (values: readonly string[]) => `{${values.map((v) => `"${v}"`).join(',')}}`;
const sitesIn = (siteIds: readonly string[]) => sql`site_id = any(${textArray(siteIds)}::text[])`;

/** The measured window: the incident's start to its stand-down (or now), widened to bucket edges. */
export function impactWindow(startMs: number, endMs: number): { level: Level; from: number; to: number } {
  const level = endMs - startMs <= FIVE_MINUTE_WINDOW_MAX_MS ? FIVE_MINUTES : HOURS;
  const from = Math.floor(startMs / level.size) * level.size;
  const to = Math.max(Math.ceil(endMs / level.size) * level.size, from + level.size);
  return { level, from, to };
}

/**
 * An incident's impact for each affected site (within the caller's scope) and for them together: the
 * window's measures against its baseline (the same local weekday and time of day in the 4 weeks before,
 * leaving out buckets without data and buckets under other incidents of that site), and the extra calls
 * over 60 s, extra abandoned calls and extra caller-hours of waiting. Reads only the rollups.
 */
export async function getIncidentImpact(
  db: Db,
  actor: Actor,
  input: { id: number },
  now = Date.now(),
): Promise<IncidentImpact> {
  const incident = await findIncident(db, actor, input.id);
  const end = windowEnd(incident);
  const startMs = incident.startedAt.getTime();
  const { level, from, to } = impactWindow(startMs, Math.max(end ? end.getTime() : now, startMs));
  const siteIds = visibleSites(actor, incident.siteIds);

  // Earlier weeks' buckets aligned with each current bucket: (week, offset, start).
  const aligned: { week: number; offset: number; start: number }[] = [];
  for (let offset = 0, t = from; t < to; offset++, t += level.size) {
    for (let week = 1; week <= BASELINE_WEEKS; week++)
      aligned.push({ week, offset, start: sameLocalTimeWeeksBefore(t, week) });
  }
  const starts = [...new Set(aligned.map((a) => a.start))];
  const earliest = Math.min(...starts);
  const latest = Math.max(...starts) + level.size;

  const [current, currentBins, baselineRows, others] = await Promise.all([
    rowsOf<CountsRow & { site_id: string }>(
      db,
      sql`select site_id, ${sql.raw(SUM_COUNTS)} from ${sql.raw(level.table)}
          where ${timeIn(level, from, to)} and ${sitesIn(siteIds)} group by site_id`,
    ),
    rowsOf<{ site_id: string; bin: number; calls: number }>(
      db,
      binsQuery(level, timeIn(level, from, to), siteIds),
    ),
    rowsOf<CountsRow & { site_id: string; t: number }>(
      db,
      sql`select site_id, (extract(epoch from ${sql.raw(level.time)}) * 1000)::float8 as t,
            offered, answered, answered_within_60s, abandoned, abandoned_after_30s, answer_ms_sum::float8 as answer_ms_sum
          from ${sql.raw(level.table)}
          where ${sql.raw(level.time)} = any(${textArray(starts.map(iso))}::timestamptz[]) and ${sitesIn(siteIds)}`,
    ),
    db
      .select()
      .from(incidents)
      .where(and(ne(incidents.stage, 'cancelled'), lt(incidents.startedAt, new Date(latest)))),
  ]);

  // Incidents' windows per site (an open one runs to now); this one's too, as a long incident's later
  // weeks would otherwise compare with its own first week.
  const excludedBy = new Map<string, Interval[]>();
  for (const other of others) {
    const w = { from: other.startedAt.getTime(), to: windowEnd(other)?.getTime() ?? now };
    if (w.to <= earliest) continue;
    for (const s of other.siteIds) excludedBy.set(s, [...(excludedBy.get(s) ?? []), w]);
  }
  // Scalars only: the histograms are weighed in SQL (weightedBins).
  const baselineAt = new Map(
    baselineRows.map((r) => [
      `${r.site_id}|${Number(r.t)}`,
      {
        offered: Number(r.offered),
        answered: Number(r.answered),
        answeredWithin60s: Number(r.answered_within_60s),
        abandoned: Number(r.abandoned),
        abandonedAfter30s: Number(r.abandoned_after_30s),
        answerMsSum: Number(r.answer_ms_sum),
        answerHist: [],
      } satisfies CallCounts,
    ]),
  );

  // Per site: which earlier buckets count and how much (baselineWeights), then the weighted histograms.
  const perSite = siteIds.map((siteId) => {
    const excluded = excludedBy.get(siteId) ?? [];
    const buckets: BaselineBucket[] = aligned.map((a) => ({
      week: a.week,
      offset: a.offset,
      counts: baselineAt.get(`${siteId}|${a.start}`) ?? null,
      excluded: excluded.some((x) => overlaps(x, { from: a.start, to: a.start + level.size })),
    }));
    const { weights, weeks, missingWeeks } = baselineWeights(buckets);
    const weekSet = new Set(buckets.filter((_, j) => (weights[j] ?? 0) > 0).map((b) => b.week));
    return {
      siteId,
      buckets,
      weights,
      weekSet,
      baseline: { counts: weightedSum(buckets, weights), weeks, missingWeeks },
    };
  });
  const weightAt = new Map<string, number>();
  for (const s of perSite)
    s.buckets.forEach((_, j) => {
      const w = s.weights[j] ?? 0;
      const a = aligned[j];
      if (w > 0 && a)
        weightAt.set(`${s.siteId}|${a.start}`, (weightAt.get(`${s.siteId}|${a.start}`) ?? 0) + w);
    });
  const baselineBins = await weightedBins(db, level, weightAt);

  const currentBy = new Map(current.map((r) => [r.site_id, r]));
  const binsOf = (rows: { site_id: string; bin: number; calls: number }[], siteId: string) =>
    rows.filter((r) => r.site_id === siteId).map((r) => ({ bin: Number(r.bin), calls: Number(r.calls) }));

  const window = { from: iso(from), to: iso(to) };
  const scopes: (ImpactScope & {
    impact: Impact;
    currentCounts: CallCounts | null;
    baselineCounts: CallCounts | null;
  })[] = perSite.map((s) => {
    const row = currentBy.get(s.siteId);
    const currentCounts = row ? toCounts(row, binsOf(currentBins, s.siteId)) : null;
    let baselineCounts = s.baseline.counts;
    if (baselineCounts) {
      const hist = toCounts(undefined, binsOf(baselineBins, s.siteId)).answerHist;
      baselineCounts = { ...baselineCounts, answerHist: hist };
    }
    const impact = impactOf(currentCounts, baselineCounts);
    return {
      siteId: s.siteId,
      window,
      current: toWindowMeasures(computeMeasures(currentCounts)),
      baseline: toWindowMeasures(computeMeasures(baselineCounts)),
      baselineWeeks: s.baseline.weeks,
      missingWeeks: s.baseline.missingWeeks,
      ...impact,
      impact,
      currentCounts,
      baselineCounts,
    };
  });

  const allWeeks = new Set(perSite.flatMap((s) => [...s.weekSet]));
  const total = totalImpact(scopes.map((s) => s.impact));
  return {
    incidentId: incident.id,
    interval: level.interval,
    live: end === null,
    siteId: null,
    window,
    current: toWindowMeasures(computeMeasures(sumCounts(scopes.map((s) => s.currentCounts)))),
    baseline: toWindowMeasures(computeMeasures(sumCounts(scopes.map((s) => s.baselineCounts)))),
    baselineWeeks: allWeeks.size,
    missingWeeks: BASELINE_WEEKS - allWeeks.size,
    ...total,
    sites: scopes.map(({ impact: _i, currentCounts: _c, baselineCounts: _b, ...scope }) => scope),
  };
}

function timeIn(level: Level, from: number, to: number) {
  const col = sql.raw(level.time);
  return sql`${col} >= ${iso(from)}::timestamptz and ${col} < ${iso(to)}::timestamptz`;
}

/** Answer-time histogram rows (site, bin, calls) of the rollup rows matching `where`. */
function binsQuery(level: Level, where: ReturnType<typeof sql>, siteIds: readonly string[]) {
  if (level.interval === '5m')
    return sql`select r.site_id, b.bin, sum(b.calls)::int as calls
      from call_5min_rollups r, unnest(r.answer_bins, r.answer_bin_calls) as b(bin, calls)
      where ${where} and r.${sitesIn(siteIds)} group by 1, 2`;
  return sql`select site_id, bin, sum(calls)::int as calls from call_hour_answer_bins
      where ${where} and ${sitesIn(siteIds)} group by 1, 2`;
}

/** Σ weight × histogram over the weighted (site, bucket) pairs, per site and bin. */
async function weightedBins(db: Db, level: Level, weightAt: Map<string, number>) {
  if (weightAt.size === 0) return [];
  const sites: string[] = [];
  const times: string[] = [];
  const weights: number[] = [];
  for (const [key, w] of weightAt) {
    const bar = key.lastIndexOf('|');
    sites.push(key.slice(0, bar));
    times.push(iso(Number(key.slice(bar + 1))));
    weights.push(w);
  }
  const pairs = sql`select * from unnest(${textArray(sites)}::text[], ${textArray(times)}::timestamptz[],
    ${`{${weights.join(',')}}`}::float8[]) as w(site_id, t, weight)`;
  const joined =
    level.interval === '5m'
      ? sql`from w join call_5min_rollups r on r.bucket = w.t and r.site_id = w.site_id,
          unnest(r.answer_bins, r.answer_bin_calls) as b(bin, calls)`
      : sql`from w join call_hour_answer_bins b on b.hour = w.t and b.site_id = w.site_id`;
  return rowsOf<{ site_id: string; bin: number; calls: number }>(
    db,
    sql`with w as (${pairs}) select w.site_id, b.bin, sum(b.calls * w.weight)::float8 as calls ${joined} group by 1, 2`,
  );
}

/**
 * Σ weight × counts of the buckets (what baselineFromBuckets computes), without the histograms, which the
 * SQL weighs (weightedBins): summing thousands of 601-bin arrays in JavaScript cost more than the query.
 */
function weightedSum(buckets: readonly BaselineBucket[], weights: readonly number[]): CallCounts | null {
  let out: CallCounts | null = null;
  buckets.forEach((b, j) => {
    const w = weights[j] ?? 0;
    if (w <= 0 || !b.counts) return;
    out ??= {
      offered: 0,
      answered: 0,
      answeredWithin60s: 0,
      abandoned: 0,
      abandonedAfter30s: 0,
      answerMsSum: 0,
      answerHist: [],
    };
    out.offered += b.counts.offered * w;
    out.answered += b.counts.answered * w;
    out.answeredWithin60s += b.counts.answeredWithin60s * w;
    out.abandoned += b.counts.abandoned * w;
    out.abandonedAfter30s += b.counts.abandonedAfter30s * w;
    out.answerMsSum += b.counts.answerMsSum * w;
  });
  return out;
}
