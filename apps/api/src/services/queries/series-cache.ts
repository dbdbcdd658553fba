import type { LiveChange, SeriesInterval, SeriesPoint } from '@switchboard/contracts';

/** Fetches the points of consecutive buckets (`starts` in order, none skipped) from the rollups. */
export type FetchPoints = (starts: number[]) => Promise<SeriesPoint[]>;

export interface SeriesCacheOptions {
  /** Most (sites, interval) series kept; the least recently used goes first. */
  maxSeries?: number;
  /**
   * Memory budget in bytes (estimated: BUCKET_BYTES a bucket plus each series' key): past it the least
   * recently used series go first.
   */
  maxBytes?: number;
  /** Most buckets kept for one series; past it the series starts again. */
  maxBuckets?: number;
  /** A bucket is fetched again after this long even if no change named it (a safety net, not the rule). */
  maxAgeMs?: number;
  now?: () => number;
}

type Bucket = { point: SeriesPoint; end: number; storedAt: number };
type Series = { key: string; siteIds: ReadonlySet<string> | null; buckets: Map<number, Bucket> };

/**
 * What one cached bucket costs in memory, estimated high: a SeriesPoint of 16 fields with its ISO start,
 * the bucket record and its Map entry (measured ≈ 0.4 KB; see bench/memory.ts).
 */
export const BUCKET_BYTES = 640;
/** What a series costs besides its buckets: its key (UTF-16) and its site set. */
const seriesBytes = (series: Series) => 256 + series.key.length * 4 + series.buckets.size * BUCKET_BYTES;
/** What a change touched: its sites (empty = all) and its span [from, to] in epoch ms, parsed once. */
type Touched = { siteIds: readonly string[]; from: number; to: number };

/**
 * Series points per bucket, kept between requests and dropped when a change names their sites and time.
 * Every dashboard and wallboard refetches its charts after each live change; with this cache such a refetch
 * reads only the buckets that changed (usually the last one) instead of a whole day of rollups.
 *
 * Correctness rests on two rules. (1) Every committed change reaches `invalidate`: ingestion calls it on
 * this instance before publishing, the live hub calls it for changes from other instances, and a hub that
 * lost its LISTEN connection reports "anything may have changed" (which empties the cache). (2) A bucket
 * read while a change to it was in flight is returned but not kept: every fetch in flight collects the
 * changes made meanwhile, and keeps only the buckets that none of them touched.
 */
export class SeriesCache {
  readonly #series = new Map<string, Series>();
  readonly #maxSeries: number;
  readonly #maxBytes: number;
  readonly #maxBuckets: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  /** Per fetch in flight, what the changes made since it started touched. */
  readonly #inFlight = new Set<Touched[]>();
  hits = 0;
  misses = 0;

  constructor(options: SeriesCacheOptions = {}) {
    this.#maxSeries = options.maxSeries ?? 100;
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.#maxBuckets = options.maxBuckets ?? 20_000;
    this.#maxAgeMs = options.maxAgeMs ?? 300_000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The points for `starts` (consecutive bucket starts of `interval`, each ending at the next; `ends[i]` is
   * the end of bucket i), from the cache where it holds them and from `fetch` for the rest.
   */
  async points(
    siteIds: readonly string[],
    interval: SeriesInterval,
    starts: readonly number[],
    ends: readonly number[],
    fetch: FetchPoints,
  ): Promise<SeriesPoint[]> {
    const series = this.#seriesFor(siteIds, interval);
    const now = this.#now();
    const held = starts.map((start) => {
      const bucket = series.buckets.get(start);
      return bucket && now - bucket.storedAt <= this.#maxAgeMs ? bucket.point : undefined;
    });
    const first = held.indexOf(undefined);
    if (first < 0) {
      this.hits += starts.length;
      return held as SeriesPoint[];
    }
    const last = held.lastIndexOf(undefined);
    this.hits += starts.length - (last - first + 1);
    this.misses += last - first + 1;

    const meanwhile: Touched[] = [];
    this.#inFlight.add(meanwhile);
    let fetched: SeriesPoint[];
    try {
      fetched = await fetch(starts.slice(first, last + 1));
    } finally {
      // Equivalent mutant: a fetch left in the set costs only memory (changes still pushed to its list).
      this.#inFlight.delete(meanwhile);
    }
    const later = meanwhile.filter((touched) => touchesSeries(touched, series));
    const storedAt = this.#now();
    fetched.forEach((point, i) => {
      const start = starts[first + i] as number;
      const end = ends[first + i] as number;
      held[first + i] = point;
      if (later.some((touched) => touchesBucket(touched, start, end))) series.buckets.delete(start);
      else series.buckets.set(start, { point, end, storedAt });
    });
    if (series.buckets.size > this.#maxBuckets) series.buckets.clear();
    this.#keepWithinBudget(series);
    return held as SeriesPoint[];
  }

  /** Forgets every bucket that `change` may have altered. Status changes alter no series. */
  invalidate(change: LiveChange): void {
    if (!change.streams.some((stream) => stream === 'calls' || stream === 'queue')) return;
    const touched = { siteIds: change.siteIds, from: Date.parse(change.from), to: Date.parse(change.to) };
    for (const meanwhile of this.#inFlight) meanwhile.push(touched);
    for (const series of this.#series.values()) {
      if (!touchesSeries(touched, series)) continue;
      for (const [start, bucket] of series.buckets) {
        if (touchesBucket(touched, start, bucket.end)) series.buckets.delete(start);
      }
    }
  }

  clear(): void {
    this.#series.clear();
  }

  /** Estimated bytes held (what the budget counts). */
  bytes(): number {
    let total = 0;
    for (const series of this.#series.values()) total += seriesBytes(series);
    return total;
  }

  /** Series held now. */
  get size(): number {
    return this.#series.size;
  }

  /** Drops the least recently used series until the estimate fits the budget; `current` last of all. */
  #keepWithinBudget(current: Series) {
    let total = this.bytes();
    for (const [key, series] of this.#series) {
      if (total <= this.#maxBytes) return;
      if (series === current) continue;
      total -= seriesBytes(series);
      this.#series.delete(key);
    }
    // Only `current` is left, and it alone is over the budget.
    current.buckets.clear();
  }

  #seriesFor(siteIds: readonly string[], interval: SeriesInterval): Series {
    const key = `${interval}|${[...siteIds].sort().join(',')}`;
    let series = this.#series.get(key);
    if (series) this.#series.delete(key);
    else series = { key, siteIds: siteIds.length === 0 ? null : new Set(siteIds), buckets: new Map() };
    this.#series.set(key, series);
    for (const oldest of this.#series.keys()) {
      if (this.#series.size <= this.#maxSeries) break;
      this.#series.delete(oldest);
    }
    return series;
  }
}

/** Whether a change names a site of the series (a change or a series of no sites means all of them). */
function touchesSeries(touched: Touched, series: Series): boolean {
  const sites = series.siteIds;
  if (touched.siteIds.length === 0 || sites === null) return true;
  return touched.siteIds.some((id) => sites.has(id));
}

/** Whether the change's span [from, to] meets the bucket [start, end). */
function touchesBucket(touched: Touched, start: number, end: number): boolean {
  return start <= touched.to && end > touched.from;
}
