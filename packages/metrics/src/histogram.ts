/**
 * Fixed-bin histogram of answer times, as the call rollup tables store it (packed into the row or as bins).
 * Bin i (i < 600) holds waits in [i s, i+1 s); the last bin (600) holds every wait of 600 s or more.
 * Percentiles read from it are exact to the whole second below 10 minutes.
 */

export const HISTOGRAM_BIN_MS = 1000;
export const HISTOGRAM_BINS = 601;
/** Lower bound of the overflow bin: waits at or above this are reported as this. */
export const HISTOGRAM_CAP_MS = (HISTOGRAM_BINS - 1) * HISTOGRAM_BIN_MS;

const LAST_BIN = HISTOGRAM_BINS - 1;

/** The bin a wait falls in. Negative waits (clock skew) count as 0; NaN is a programming error. */
export function binIndex(waitMs: number): number {
  if (Number.isNaN(waitMs)) throw new RangeError('binIndex: waitMs is NaN');
  if (waitMs <= 0) return 0; // `<= 0`, so -0 gives index 0, not -0
  return Math.min(Math.floor(waitMs / HISTOGRAM_BIN_MS), LAST_BIN);
}

/** Lower bound, in ms, of bin i (bins past the last are folded into it). */
export function binLowerMs(index: number): number {
  return Math.min(index, LAST_BIN) * HISTOGRAM_BIN_MS;
}

export function emptyHistogram(): number[] {
  return new Array<number>(HISTOGRAM_BINS).fill(0);
}

/** Adds `count` waits to `h` in place (padding a short array first) and returns it. */
export function addToHistogram(h: number[], waitMs: number, count = 1): number[] {
  while (h.length < HISTOGRAM_BINS) h.push(0);
  const i = binIndex(waitMs);
  h[i] = (h[i] ?? 0) + count;
  return h;
}

export function histogramFromValues(valuesMs: Iterable<number>): number[] {
  const h = emptyHistogram();
  for (const v of valuesMs) addToHistogram(h, v);
  return h;
}

/**
 * Sum of two histograms as a new full-length array. Either may be short or empty (an empty array from the
 * database means all zeros); bins beyond the last are folded into the overflow bin. Neither input changes.
 */
export function mergeHistograms(a: readonly number[], b: readonly number[]): number[] {
  const out = emptyHistogram();
  for (const h of [a, b]) {
    // Stryker: `i <= h.length` is equivalent (h[h.length] ?? 0 adds nothing).
    for (let i = 0; i < h.length; i++) {
      const j = Math.min(i, LAST_BIN);
      out[j] = (out[j] ?? 0) + (h[i] ?? 0);
    }
  }
  return out;
}

/** Number of waits recorded. */
export function histogramTotal(h: readonly number[]): number {
  let n = 0;
  for (const c of h) n += c;
  return n;
}

/**
 * Nearest-rank position (1-based) of the p-th percentile among n values: ceil(p/100 × n), at least 1.
 * p·n is computed before dividing so that whole results (95 × 20 / 100) stay exact.
 */
export function nearestRank(p: number, n: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
  return Math.min(n, Math.max(1, Math.ceil((p * n) / 100)));
}

/**
 * The p-th percentile (nearest rank) in ms: the lower bound of the bin holding that rank, so 600000 for
 * the overflow bin. Null when the histogram is empty.
 */
export function percentileFromHistogram(h: readonly number[], p: number): number | null {
  const n = histogramTotal(h);
  if (n <= 0) return null;
  const rank = nearestRank(p, n);
  let seen = 0;
  // Ends inside the array: 1 <= rank <= n, and the bins add up to n.
  for (let i = 0; ; i++) {
    seen += h[i] ?? 0;
    if (seen >= rank) return binLowerMs(i);
  }
}

/** The p-th percentile (nearest rank) of raw values; null when there are none. */
export function exactPercentile(valuesMs: readonly number[], p: number): number | null {
  const sorted = [...valuesMs].sort((x, y) => x - y);
  // No values: nearestRank(p, 0) is 0, so sorted[-1] is undefined and the answer null.
  return sorted[nearestRank(p, sorted.length) - 1] ?? null;
}
