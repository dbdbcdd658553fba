import type { LiveChange, SeriesPoint } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { BUCKET_BYTES, SeriesCache } from '../src/services/queries/series-cache.ts';

// The series cache's rules without a database: a fake fetch that records what it was asked for, and a
// clock the test moves.
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 25, 9);
const iso = (ms: number) => new Date(ms).toISOString();
/** `n` consecutive buckets of `minutes` from T0: their starts and their ends. */
const buckets = (n: number, minutes = 5) => {
  const starts = Array.from({ length: n }, (_, i) => T0 + i * minutes * MINUTE);
  return { starts, ends: starts.map((s) => s + minutes * MINUTE) };
};
const { starts, ends } = buckets(4);
const at = (i: number) => starts[i] as number;

/** A fetch whose answers carry the number of the read that produced them. */
function reader() {
  const asked: number[][] = [];
  const fetch = async (some: number[]) => {
    asked.push(some);
    return some.map((s) => ({ start: iso(s), offered: asked.length }) as SeriesPoint);
  };
  return { asked, fetch };
}
const offered = (points: SeriesPoint[]) => points.map((p) => p.offered);

const change = (siteIds: string[], from: number, to = from, streams: LiveChange['streams'] = ['calls']) => ({
  siteIds,
  streams,
  from: iso(from),
  to: iso(to),
  at: iso(to),
});

/** A fetch that waits for `release()` before answering. */
function gated(read: ReturnType<typeof reader>) {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    fetch: async (some: number[]) => {
      await gate;
      return read.fetch(some);
    },
    release: () => release(),
  };
}

describe('what the series cache reads', () => {
  it('counts hits and misses, and reads the span from the first bucket it lacks to the last', async () => {
    const cache = new SeriesCache();
    const read = reader();
    expect(offered(await cache.points([], '5m', starts, ends, read.fetch))).toEqual([1, 1, 1, 1]);
    expect([cache.hits, cache.misses]).toEqual([0, 4]);
    expect(offered(await cache.points([], '5m', starts, ends, read.fetch))).toEqual([1, 1, 1, 1]);
    expect([cache.hits, cache.misses]).toEqual([4, 4]);
    cache.invalidate(change([], at(1), at(2)));
    expect(offered(await cache.points([], '5m', starts, ends, read.fetch))).toEqual([1, 2, 2, 1]);
    expect([cache.hits, cache.misses]).toEqual([6, 6]);
    cache.invalidate(change([], at(0)));
    cache.invalidate(change([], at(3)));
    expect(offered(await cache.points([], '5m', starts, ends, read.fetch))).toEqual([3, 3, 3, 3]);
    expect([cache.hits, cache.misses]).toEqual([6, 10]);
    expect(read.asked).toEqual([starts, starts.slice(1, 3), starts]);
  });

  it('keeps one series per interval and set of sites, whatever their order', async () => {
    const cache = new SeriesCache();
    const read = reader();
    await cache.points(['york', 'leeds'], '5m', starts, ends, read.fetch);
    await cache.points(['leeds', 'york'], '5m', starts, ends, read.fetch);
    expect(read.asked).toHaveLength(1);
    await cache.points(['leeds', 'york'], '15m', starts, ends, read.fetch);
    await cache.points(['leedsyork'], '5m', starts, ends, read.fetch);
    await cache.points(['leeds'], '5m', starts, ends, read.fetch);
    await cache.points([], '5m', starts, ends, read.fetch);
    expect(read.asked).toHaveLength(5);
    expect(cache.size).toBe(5);
    cache.clear();
    expect(cache.size).toBe(0);
    await cache.points(['leeds'], '5m', starts, ends, read.fetch);
    expect(read.asked).toHaveLength(6);
  });
});

describe('what a change makes the series cache forget', () => {
  /** Which of the four buckets are read again after `c`. */
  async function reread(c: LiveChange, siteIds: string[] = []) {
    const cache = new SeriesCache();
    const read = reader();
    await cache.points(siteIds, '5m', starts, ends, read.fetch);
    cache.invalidate(c);
    await cache.points(siteIds, '5m', starts, ends, read.fetch);
    return (read.asked[1] ?? []).map((s) => starts.indexOf(s));
  }

  it('forgets the buckets that the span [from, to] meets, each bucket being [start, end)', async () => {
    expect(await reread(change([], at(1)))).toEqual([1]);
    expect(await reread(change([], at(1) - 1))).toEqual([0]);
    expect(await reread(change([], at(1) - 1, at(1)))).toEqual([0, 1]);
    expect(await reread(change([], at(0) - 1))).toEqual([]);
    expect(await reread(change([], at(3) + 5 * MINUTE))).toEqual([]);
    expect(await reread(change([], at(3) + 5 * MINUTE - 1))).toEqual([3]);
    expect(await reread(change([], at(0) - MINUTE, at(3) + MINUTE))).toEqual([0, 1, 2, 3]);
  });

  it('forgets for call and queue changes only', async () => {
    expect(await reread(change([], at(2), at(2), ['queue']))).toEqual([2]);
    expect(await reread(change([], at(2), at(2), ['status', 'calls']))).toEqual([2]);
    expect(await reread(change([], at(2), at(2), ['status', 'incidents']))).toEqual([]);
  });

  it("forgets a series' buckets when the change names one of its sites, or all of them", async () => {
    expect(await reread(change(['york'], at(2)), ['leeds', 'york'])).toEqual([2]);
    expect(await reread(change(['hull', 'york'], at(2)), ['york'])).toEqual([2]);
    expect(await reread(change(['york'], at(2)), ['leeds'])).toEqual([]);
    expect(await reread(change([], at(2)), ['leeds'])).toEqual([2]);
    // The series of all sites holds every site's calls.
    expect(await reread(change(['york'], at(2)), [])).toEqual([2]);
  });

  it('reads a bucket again once it is older than maxAgeMs (5 minutes unless told)', async () => {
    let now = 0;
    for (const [options, maxAgeMs] of [
      [{}, 300_000],
      [{ maxAgeMs: 1_000 }, 1_000],
    ] as const) {
      now = 0;
      const cache = new SeriesCache({ ...options, now: () => now });
      const read = reader();
      await cache.points([], '5m', starts, ends, read.fetch);
      now = maxAgeMs;
      await cache.points([], '5m', starts, ends, read.fetch);
      expect(read.asked).toHaveLength(1);
      now = maxAgeMs + 1;
      expect(offered(await cache.points([], '5m', starts, ends, read.fetch))).toEqual([2, 2, 2, 2]);
      // Stored again at maxAgeMs + 1, so fresh until 2 * maxAgeMs + 1.
      now = 2 * maxAgeMs + 1;
      await cache.points([], '5m', starts, ends, read.fetch);
      expect(read.asked).toHaveLength(2);
    }
  });
});

describe('a change while the series cache reads', () => {
  it('does not keep a bucket that a change named while it was read, and keeps the others', async () => {
    const cache = new SeriesCache();
    const read = reader();
    const slow = gated(read);
    const first = cache.points([], '5m', starts, ends, slow.fetch);
    cache.invalidate(change(['york'], at(2)));
    slow.release();
    expect(offered(await first)).toEqual([1, 1, 1, 1]);
    expect(offered(await cache.points([], '5m', starts, ends, read.fetch))).toEqual([1, 1, 2, 1]);
    expect(read.asked[1]).toEqual([at(2)]);
  });

  it("keeps what it read when the change was to another site's series", async () => {
    const cache = new SeriesCache();
    const read = reader();
    const slow = gated(read);
    const first = cache.points(['leeds'], '5m', starts, ends, slow.fetch);
    cache.invalidate(change(['york'], at(0), at(3)));
    slow.release();
    await first;
    await cache.points(['leeds'], '5m', starts, ends, read.fetch);
    expect(read.asked).toHaveLength(1);
  });

  it('keeps what a read started after the change got, while an older read still forgets it', async () => {
    const cache = new SeriesCache();
    const read = reader();
    const slow = gated(read);
    const older = cache.points([], '5m', starts, ends, slow.fetch);
    cache.invalidate(change([], at(1)));
    await cache.points([], '15m', starts, ends, read.fetch);
    await cache.points([], '15m', starts, ends, read.fetch);
    expect(read.asked).toHaveLength(1);
    slow.release();
    await older;
    await cache.points([], '5m', starts, ends, read.fetch);
    expect(read.asked[2]).toEqual([at(1)]);
  });

  it('remembers a change for the oldest read in flight, however many reads finish before it', async () => {
    const cache = new SeriesCache();
    const read = reader();
    const oldest = gated(read);
    const middle = gated(read);
    const reads = [cache.points([], '5m', starts, ends, oldest.fetch)];
    cache.invalidate(change([], at(3)));
    reads.push(cache.points([], '15m', starts, ends, middle.fetch));
    await cache.points([], '1h', starts, ends, read.fetch);
    middle.release();
    await reads[1];
    oldest.release();
    await reads[0];
    const before = read.asked.length;
    await cache.points([], '5m', starts, ends, read.fetch);
    expect(read.asked.slice(before)).toEqual([[at(3)]]);
  });

  it('passes on a failed read, keeps nothing of it, and goes on', async () => {
    const cache = new SeriesCache();
    const read = reader();
    await expect(
      cache.points([], '5m', starts, ends, async () => {
        throw new Error('rollups unavailable');
      }),
    ).rejects.toThrow('rollups unavailable');
    expect(offered(await cache.points([], '5m', starts, ends, read.fetch))).toEqual([1, 1, 1, 1]);
    await cache.points([], '5m', starts, ends, read.fetch);
    expect(read.asked).toEqual([starts]);
  });
});

describe('what the series cache holds', () => {
  it('estimates 256 bytes a series, 4 a character of its key (interval|sites) and BUCKET_BYTES a bucket', async () => {
    expect(BUCKET_BYTES).toBe(640);
    const cache = new SeriesCache();
    const read = reader();
    expect(cache.bytes()).toBe(0);
    await cache.points(['york', 'leeds'], '5m', starts, ends, read.fetch); // '5m|leeds,york': 13 characters
    expect(cache.bytes()).toBe(256 + 13 * 4 + 4 * 640);
    await cache.points([], '1h', starts.slice(0, 2), ends.slice(0, 2), read.fetch); // '1h|'
    expect(cache.bytes()).toBe(256 + 13 * 4 + 4 * 640 + 256 + 3 * 4 + 2 * 640);
  });

  it('keeps the 100 (or maxSeries) most recently used series', async () => {
    const cache = new SeriesCache();
    const read = reader();
    for (let i = 0; i <= 100; i += 1) await cache.points([`site-${i}`], '5m', starts, ends, read.fetch);
    expect(cache.size).toBe(100);
    await cache.points(['site-100'], '5m', starts, ends, read.fetch);
    await cache.points(['site-1'], '5m', starts, ends, read.fetch);
    expect(read.asked).toHaveLength(101);
    await cache.points(['site-0'], '5m', starts, ends, read.fetch);
    expect(read.asked).toHaveLength(102);

    const small = new SeriesCache({ maxSeries: 2 });
    const again = reader();
    for (const site of ['a', 'b', 'a', 'c', 'a']) await small.points([site], '5m', starts, ends, again.fetch);
    expect(small.size).toBe(2);
    expect(again.asked).toHaveLength(3); // a, b, c: 'a' was used more recently than 'b'
    await small.points(['b'], '5m', starts, ends, again.fetch);
    expect(again.asked).toHaveLength(4);
  });

  it('drops the least recently used series past maxBytes, and an oversized current series its buckets', async () => {
    // '5m|a' with two buckets: 256 + 4 * 4 + 2 * 640 = 1552 bytes.
    const two = buckets(2);
    const cache = new SeriesCache({ maxBytes: 2 * 1552 });
    const read = reader();
    const get = (site: string) => cache.points([site], '5m', two.starts, two.ends, read.fetch);
    await get('a');
    await get('b');
    expect([cache.size, cache.bytes()]).toEqual([2, 3104]);
    await get('a');
    await get('c');
    expect([cache.size, cache.bytes()]).toEqual([2, 3104]);
    await get('a');
    expect(read.asked).toHaveLength(3);
    await get('b');
    expect(read.asked).toHaveLength(4);

    const tight = new SeriesCache({ maxBytes: 1551 });
    const points = await tight.points(['a'], '5m', two.starts, two.ends, read.fetch);
    expect(points).toHaveLength(2);
    expect([tight.size, tight.bytes()]).toEqual([1, 256 + 4 * 4]);
  });

  it('holds 64 MiB unless told', async () => {
    // Six series of 20,000 buckets each: 6 × (20,000 × 640 + 256 + 4 × 5) bytes > 64 MiB > five of them.
    const many = buckets(20_000, 1);
    const cache = new SeriesCache();
    const read = reader();
    for (const site of ['s1', 's2', 's3', 's4', 's5'])
      await cache.points([site], '1m', many.starts, many.ends, read.fetch);
    expect(cache.size).toBe(5);
    await cache.points(['s6'], '1m', many.starts, many.ends, read.fetch);
    expect(cache.size).toBe(5);
    await cache.points(['s2'], '1m', many.starts, many.ends, read.fetch);
    expect(read.asked).toHaveLength(6);
    await cache.points(['s1'], '1m', many.starts, many.ends, read.fetch);
    expect(read.asked).toHaveLength(7);
  });

  it('starts a series again past maxBuckets (20,000 unless told)', async () => {
    const read = reader();
    const small = new SeriesCache({ maxBuckets: 4 });
    await small.points([], '5m', starts, ends, read.fetch);
    await small.points([], '5m', starts, ends, read.fetch);
    expect(read.asked).toHaveLength(1);
    const five = buckets(5);
    await small.points([], '5m', five.starts, five.ends, read.fetch);
    await small.points([], '5m', starts, ends, read.fetch);
    expect(read.asked.slice(1)).toEqual([[five.starts[4]], starts]);

    const big = new SeriesCache();
    const most = buckets(20_001, 1);
    await big.points([], '1m', most.starts.slice(0, 20_000), most.ends.slice(0, 20_000), read.fetch);
    expect(big.bytes()).toBe(256 + 3 * 4 + 20_000 * 640);
    await big.points([], '1m', most.starts, most.ends, read.fetch);
    expect(big.bytes()).toBe(256 + 3 * 4);
  });
});
