import type { Overview } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { OverviewCache } from '../src/services/queries/overview-cache.ts';

const overview = (n: number) => ({ generatedAt: `load ${n}`, sites: [] }) as unknown as Overview;

/** A load that counts how often it ran and resolves when told to. */
function loads() {
  let count = 0;
  const pending: (() => void)[] = [];
  return {
    get count() {
      return count;
    },
    load: () => {
      count += 1;
      const n = count;
      return new Promise<Overview>((resolve) => pending.push(() => resolve(overview(n))));
    },
    settle: () => {
      for (const resolve of pending.splice(0)) resolve();
    },
  };
}

describe('OverviewCache', () => {
  it('gives every caller within the age one computation, even while it runs', async () => {
    const cache = new OverviewCache(1_000);
    const l = loads();
    const first = cache.get(120, l.load, 10_000);
    const second = cache.get(120, l.load, 10_500);
    l.settle();
    expect(await first).toBe(await second);
    expect(await cache.get(120, l.load, 10_999)).toEqual(overview(1));
    expect(l.count).toBe(1);
  });

  it('computes again once the entry is a whole age old, or the clock went back', async () => {
    const cache = new OverviewCache(1_000);
    const l = loads();
    const a = cache.get(120, l.load, 10_000);
    l.settle();
    await a;
    const b = cache.get(120, l.load, 11_000);
    l.settle();
    expect(await b).toEqual(overview(2));
    const c = cache.get(120, l.load, 10_500);
    l.settle();
    expect(await c).toEqual(overview(3));
  });

  it('forgets everything on a change: the next caller gets a fresh computation', async () => {
    const cache = new OverviewCache(60_000);
    const l = loads();
    const before = cache.get(120, l.load, 0);
    cache.invalidate();
    const after = cache.get(120, l.load, 1);
    l.settle();
    expect(await before).toEqual(overview(1));
    expect(await after).toEqual(overview(2));
  });

  it('keeps one entry per staleAfterS, at most 16, and never keeps a failure', async () => {
    const cache = new OverviewCache(60_000);
    for (let s = 10; s < 40; s++) await cache.get(s, async () => overview(s), 0);
    expect(cache.size).toBe(16);
    const failing = cache.get(999, () => Promise.reject(new Error('database down')), 0);
    await expect(failing).rejects.toThrow('database down');
    expect(await cache.get(999, async () => overview(7), 1)).toEqual(overview(7));
  });
});
