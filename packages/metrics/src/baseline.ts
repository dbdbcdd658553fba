import { type CallCounts, sumCounts } from './counts.ts';
import {
  DEFAULT_TIME_ZONE,
  localParts,
  localToInstant,
  londonOffsetMs,
  timeZoneOffsetMs,
} from './london-time.ts';
import { MEASURE_NAMES, type MeasureName, type Measures } from './measures.ts';

/** One measure now against the same measure in a baseline window (e.g. a normal day). */
export type BaselineComparison = {
  current: number | null;
  baseline: number | null;
  /** current − baseline; null when either is null. */
  delta: number | null;
  /** current / baseline; null when either is null or the baseline is 0. */
  ratio: number | null;
};

export type MeasuresComparison = Record<MeasureName, BaselineComparison>;

export function compareValues(current: number | null, baseline: number | null): BaselineComparison {
  const both = current !== null && baseline !== null;
  return {
    current,
    baseline,
    delta: both ? current - baseline : null,
    ratio: both && baseline !== 0 ? current / baseline : null,
  };
}

/** Every measure compared with its baseline; nulls propagate. */
export function compareToBaseline(current: Measures, baseline: Measures): MeasuresComparison {
  const out = {} as MeasuresComparison;
  for (const name of MEASURE_NAMES) out[name] = compareValues(current[name], baseline[name]);
  return out;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** How many earlier weeks a baseline looks at: the same weekday and time of day, 1 to 4 weeks before. */
export const BASELINE_WEEKS = 4;

/**
 * The instant with the same local wall-clock time (in `timeZone`) `weeks` weeks before `ms`: 10:00 on a
 * Tuesday maps to 10:00 on the Tuesday before, across a clock change too (so it is 167 or 169 hours earlier
 * then, not 168). The rule for the two clock-change days (the "compatible" rule of JavaScript dates and
 * Temporal):
 * - a wall time that did not exist that day (01:30 on the spring change in London) maps to the instant the
 *   clock read it as on the old offset: 01:30 GMT, shown as 02:30 BST (01:30 UTC);
 * - a wall time that happened twice (01:30 on the autumn change) maps to the first time, on the old offset:
 *   01:30 BST (00:30 UTC), as localToInstant does.
 * Every other wall time exists once and maps to that instant.
 */
export function sameLocalTimeWeeksBefore(ms: number, weeks: number, timeZone = DEFAULT_TIME_ZONE): number {
  // Stryker: equivalent — `false`/`{}` here and `false` for the offset test below only skip the London fast
  // path; the general way below gives the same instant (the fast path is a speed-up).
  if (timeZone === DEFAULT_TIME_ZONE) {
    // London's fast path (impact windows ask for thousands): with the same offset then as now, exactly 7·weeks
    // days back is the same wall-clock time; with the same offset an hour before then too, it is that wall
    // time's only (or first) instant. Otherwise, near a clock change, the general way below.
    const back = ms - 7 * weeks * DAY_MS;
    const offset = londonOffsetMs(back);
    if (offset === londonOffsetMs(ms) && offset === londonOffsetMs(back - HOUR_MS)) return back;
  }
  const p = localParts(ms, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day - 7 * weeks, p.hour, p.minute, p.second);
  const sub = ((ms % 1000) + 1000) % 1000;
  const instant = localToInstant(wall, timeZone);
  if (instant !== null) return instant + sub;
  // Skipped: read the wall time on the offset in force before the change (a day earlier is before it).
  return wall - timeZoneOffsetMs(wall - DAY_MS, timeZone) + sub;
}

/** [from, to) intervals, epoch ms. */
export type Interval = { from: number; to: number };

export function overlaps(a: Interval, b: Interval): boolean {
  return a.from < b.to && b.from < a.to;
}

/**
 * One bucket of an earlier week, aligned with a bucket of the window being compared: `offset` names the
 * current bucket (its index), `week` 1..BASELINE_WEEKS how far back. `counts` is null when no data arrived
 * in it; `excluded` is true when another incident's window overlaps it.
 */
export type BaselineBucket = { offset: number; week: number; counts: CallCounts | null; excluded: boolean };

export type Baseline = {
  /**
   * What a normal day would have counted over the window: for every current bucket, the mean of the
   * usable weeks' buckets (with data, not excluded), summed over buckets. Fractional; null when no bucket
   * of any week was usable.
   */
  counts: CallCounts | null;
  /** Weeks that contributed at least one usable bucket. */
  weeks: number;
  /** BASELINE_WEEKS − weeks: earlier weeks with no usable bucket (no data, or all under other incidents). */
  missingWeeks: number;
};

/** Scales every count of `c` by `factor` into a new object. */
export function scaleCounts(c: CallCounts, factor: number): CallCounts {
  return {
    offered: c.offered * factor,
    answered: c.answered * factor,
    answeredWithin60s: c.answeredWithin60s * factor,
    abandoned: c.abandoned * factor,
    abandonedAfter30s: c.abandonedAfter30s * factor,
    abandonedAfter60s: c.abandonedAfter60s * factor,
    answerMsSum: c.answerMsSum * factor,
    answerHist: c.answerHist.map((n) => n * factor),
  };
}

/**
 * How much each earlier week's bucket weighs in the baseline (parallel to `buckets`): buckets without data
 * or under another incident weigh 0, and the usable ones for the same current bucket share 1 between
 * them, so each current bucket counts the mean of its usable weeks. A gap in one week neither counts as
 * zero nor drags the others down. The SQL of the impact query applies these weights to the histograms.
 */
export function baselineWeights(
  buckets: readonly BaselineBucket[],
  weeks = BASELINE_WEEKS,
): { weights: number[]; weeks: number; missingWeeks: number } {
  const usable = (b: BaselineBucket) => b.counts !== null && !b.excluded && b.week >= 1 && b.week <= weeks;
  const perOffset = new Map<number, number>();
  const contributing = new Set<number>();
  for (const b of buckets) {
    if (!usable(b)) continue;
    contributing.add(b.week);
    perOffset.set(b.offset, (perOffset.get(b.offset) ?? 0) + 1);
  }
  const weights = buckets.map((b) => (usable(b) ? 1 / (perOffset.get(b.offset) ?? 1) : 0));
  return { weights, weeks: contributing.size, missingWeeks: weeks - contributing.size };
}

/** The baseline of a window from its earlier weeks' buckets (see baselineWeights). */
export function baselineFromBuckets(buckets: Iterable<BaselineBucket>, weeks = BASELINE_WEEKS): Baseline {
  const list = [...buckets];
  const { weights, weeks: contributing, missingWeeks } = baselineWeights(list, weeks);
  const parts: CallCounts[] = [];
  list.forEach((b, i) => {
    const w = weights[i] ?? 0;
    if (w > 0 && b.counts) parts.push(scaleCounts(b.counts, w));
  });
  return { counts: sumCounts(parts), weeks: contributing, missingWeeks };
}

/** A band for a chart: the middle (median) of the values and their spread (lowest and highest). */
export type Band = { middle: number | null; low: number | null; high: number | null; n: number };

/** Median, minimum and maximum of the non-null values; all null (n = 0) when there are none. */
export function bandOf(values: Iterable<number | null | undefined>): Band {
  // Stryker: `true` for `typeof v === 'number'` is equivalent: Number.isFinite is false for anything that
  // is not a number; the typeof is there for TypeScript.
  const xs = [...values].filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length === 0) return { middle: null, low: null, high: null, n: 0 };
  xs.sort((a, b) => a - b);
  const mid = xs.length >> 1;
  const middle =
    xs.length % 2 === 1 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
  return { middle, low: xs[0] as number, high: xs[xs.length - 1] as number, n: xs.length };
}
