import type { ImpactScope, IncidentImpact } from '@switchboard/contracts';
import { type Db, incidents } from '@switchboard/db';
import {
  BASELINE_WEEKS,
  type BaselineBucket,
  baselineWeights,
  type CallCounts,
  computeMeasures,
  emptyCounts,
  type Impact,
  type Interval,
  impactOf,
  overlaps,
  sameLocalTimeWeeksBefore,
  sumCounts,
  totalImpact,
} from '@switchboard/metrics';
import { and, lt, ne } from 'drizzle-orm';
import { toWindowMeasures } from '../queries/call-counts.ts';
import { type LevelSpan, levelFor, spansOf } from '../queries/levels.ts';
import {
  bucketsWithoutData,
  readSpanCounts,
  type SummedRow,
  spanKey,
  type WeightedSpan,
  weighSpanCounts,
} from '../queries/rollup-reads.ts';
import { type Actor, visibleSites } from './actor.ts';
import { windowEnd } from './lifecycle.ts';
import { findIncident } from './read.ts';

/** Windows up to this long are measured in five-minute buckets, longer ones in hours. */
export const FIVE_MINUTE_WINDOW_MAX_MS = 12 * 3_600_000;

const SIZE_MS = { '5m': 300_000, '1h': 3_600_000 } as const;
const iso = (ms: number) => new Date(ms).toISOString();

/** The measured window: the incident's start to its stand-down (or now), widened to bucket edges. */
export function impactWindow(
  startMs: number,
  endMs: number,
): { interval: '5m' | '1h'; size: number; from: number; to: number } {
  const interval = endMs - startMs <= FIVE_MINUTE_WINDOW_MAX_MS ? '5m' : '1h';
  const size = SIZE_MS[interval];
  const from = Math.floor(startMs / size) * size;
  const to = Math.max(Math.ceil(endMs / size) * size, from + size);
  return { interval, size, from, to };
}

/** Stands for "this bucket has data" in baselineWeights, which looks at nothing else. */
const HAS_DATA = emptyCounts();

/** One earlier week's bucket aligned with a current bucket: how far back, which current bucket, its start. */
type Aligned = { week: number; offset: number; start: number };

/**
 * One site's baseline: which aligned buckets count and how much (baselineWeights, from which have data and
 * which lie under an incident), as runs of one weight to read (weightedRuns), and which weeks contribute.
 */
export function siteBaselineRuns(
  aligned: readonly Aligned[],
  starts: readonly number[],
  size: number,
  hasData: (start: number) => boolean,
  isExcluded: (start: number) => boolean,
): { runs: { from: number; to: number; weight: number }[]; weeks: Set<number>; missingWeeks: number } {
  const buckets: BaselineBucket[] = aligned.map((a) => ({
    week: a.week,
    offset: a.offset,
    counts: hasData(a.start) ? HAS_DATA : null,
    excluded: isExcluded(a.start),
  }));
  const { weights, missingWeeks } = baselineWeights(buckets);
  const weightAt = new Map<number, number>();
  const blocked = new Set<number>();
  const weeks = new Set<number>();
  buckets.forEach((b, j) => {
    const start = aligned[j]?.start as number;
    const w = weights[j] ?? 0;
    if (w > 0) {
      weightAt.set(start, (weightAt.get(start) ?? 0) + w);
      weeks.add(b.week);
    } else if (b.counts && b.excluded) blocked.add(start);
  });
  return { runs: weightedRuns(starts, size, weightAt, blocked), weeks, missingWeeks };
}

/**
 * An incident's impact for each affected site (within the caller's scope) and for them together: the
 * window's measures against its baseline (the same local weekday and time of day in the 4 weeks before,
 * leaving out buckets without data and buckets under other incidents of that site), and the extra calls
 * over 60 s, extra abandoned calls and extra caller-hours of waiting. Reads only the rollups, in one round
 * trip for nearly every incident: which earlier buckets lack data, the other incidents, and the counts of
 * the spans a site reads when all its earlier buckets have data and none is under an incident (whole London
 * days from the day rows, the edges from the window's own level: spansOf), all at once; then only a site
 * whose gaps or incidents cut its weeks differently reads its other spans.
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
  const { interval, size, from, to } = impactWindow(startMs, Math.max(end ? end.getTime() : now, startMs));
  const level = levelFor(interval);
  const siteIds = visibleSites(actor, incident.siteIds);

  // Earlier weeks' buckets aligned with each current bucket.
  const aligned: Aligned[] = [];
  for (let offset = 0, t = from; t < to; offset++, t += size) {
    for (let week = 1; week <= BASELINE_WEEKS; week++)
      aligned.push({ week, offset, start: sameLocalTimeWeeksBefore(t, week) });
  }
  const starts = [...new Set(aligned.map((a) => a.start))].sort((a, b) => a - b);
  const weekRanges = Array.from({ length: BASELINE_WEEKS }, (_, i) => {
    const weekStarts = aligned.filter((a) => a.week === i + 1).map((a) => a.start);
    return { from: Math.min(...weekStarts), to: Math.max(...weekStarts) + size };
  });
  const earliest = Math.min(...weekRanges.map((r) => r.from));
  const latest = Math.max(...weekRanges.map((r) => r.to));

  // Sites mostly share their runs; London days cost time-zone maths, so each run is split once.
  const split = new Map<string, LevelSpan[]>();
  const spansOfRun = (a: number, b: number) => {
    const key = `${a}|${b}`;
    const known = split.get(key);
    if (known) return known;
    const list = spansOf(a, b, interval);
    split.set(key, list);
    return list;
  };
  const currentSpans = spansOfRun(from, to);
  const usual = siteBaselineRuns(
    aligned,
    starts,
    size,
    () => true,
    () => false,
  ).runs.flatMap((run) => spansOfRun(run.from, run.to));
  const prefetched = [...usual, ...currentSpans];
  const [others, missing, read] = await Promise.all([
    db
      .select()
      .from(incidents)
      .where(and(ne(incidents.stage, 'cancelled'), lt(incidents.startedAt, new Date(latest)))),
    bucketsWithoutData(db, level, weekRanges, siteIds),
    siteIds.length > 0 ? readSpanCounts(db, prefetched, siteIds) : new Map<string, SummedRow>(),
  ]);

  // Incidents' windows per site (an open one runs to now); this one's too, as a long incident's later
  // weeks would otherwise compare with its own first week.
  const excludedBy = new Map<string, Interval[]>();
  for (const other of others) {
    const w = { from: other.startedAt.getTime(), to: windowEnd(other)?.getTime() ?? now };
    if (w.to <= earliest) continue;
    for (const s of other.siteIds) excludedBy.set(s, [...(excludedBy.get(s) ?? []), w]);
  }

  // Per site: which earlier buckets count and how much, then the spans to read. Sites with the same gaps
  // and incidents (most of them) share one answer.
  const spans: WeightedSpan[] = [];
  const shared = new Map<string, ReturnType<typeof siteBaselineRuns>>();
  const perSite = siteIds.map((siteId) => {
    const excluded = excludedBy.get(siteId) ?? [];
    const gaps = missing.get(siteId);
    const key = `${[...(gaps ?? [])].join()}|${excluded.map((x) => `${x.from}-${x.to}`).join()}`;
    const known = shared.get(key);
    const { runs, weeks, missingWeeks } =
      known ??
      siteBaselineRuns(
        aligned,
        starts,
        size,
        (start) => !gaps?.has(start),
        (start) => excluded.some((x) => overlaps(x, { from: start, to: start + size })),
      );
    if (!known) shared.set(key, { runs, weeks, missingWeeks });
    for (const run of runs)
      for (const span of spansOfRun(run.from, run.to))
        spans.push({ ...span, group: 'b', siteId, weight: run.weight });
    for (const span of currentSpans) spans.push({ ...span, group: 'c', siteId, weight: 1 });
    return { siteId, weekSet: weeks, weeks: weeks.size, missingWeeks };
  });

  // The spans some site reads that were not read with the rest, for those sites only.
  const readAlready = new Set(prefetched.map((span) => spanKey(span, '')));
  const rest = spans.filter((span) => !readAlready.has(spanKey(span, '')));
  if (rest.length > 0) {
    const more = await readSpanCounts(db, rest, [...new Set(rest.map((span) => span.siteId))]);
    for (const [key, counts] of more) read.set(key, counts);
  }
  const counts = weighSpanCounts(spans, read);

  const window = { from: iso(from), to: iso(to) };
  const scopes: (ImpactScope & {
    impact: Impact;
    currentCounts: CallCounts | null;
    baselineCounts: CallCounts | null;
  })[] = perSite.map((s) => {
    const currentCounts = counts.get(`c|${s.siteId}`) ?? null;
    const baselineCounts = counts.get(`b|${s.siteId}`) ?? null;
    const impact = impactOf(currentCounts, baselineCounts);
    return {
      siteId: s.siteId,
      window,
      current: toWindowMeasures(computeMeasures(currentCounts)),
      baseline: toWindowMeasures(computeMeasures(baselineCounts)),
      baselineWeeks: s.weeks,
      missingWeeks: s.missingWeeks,
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
    interval,
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

/**
 * The weighted earlier buckets (ascending `starts` of `size`) as runs of consecutive buckets of one weight:
 * a bucket without data may join any run (it adds nothing), a bucket with data but under another incident
 * ends one. Each run is then read as whole London days plus its edges (spansOf).
 */
export function weightedRuns(
  starts: readonly number[],
  size: number,
  weightAt: ReadonlyMap<number, number>,
  blocked: ReadonlySet<number>,
): { from: number; to: number; weight: number }[] {
  const runs: { from: number; to: number; weight: number }[] = [];
  let run: { from: number; to: number; weight: number | null } | null = null;
  const close = () => {
    if (run?.weight != null) runs.push({ from: run.from, to: run.to, weight: run.weight });
    run = null;
  };
  for (const start of starts) {
    const w = weightAt.get(start) ?? null;
    if (blocked.has(start)) {
      close();
      continue;
    }
    const current = run as { from: number; to: number; weight: number | null } | null;
    if (current && current.to === start && (w === null || current.weight === null || current.weight === w)) {
      current.to = start + size;
      current.weight ??= w;
    } else {
      close();
      run = { from: start, to: start + size, weight: w };
    }
  }
  close();
  return runs;
}
