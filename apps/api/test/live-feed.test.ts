import { getEventListeners } from 'node:events';
import type { LiveChange } from '@switchboard/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COALESCE_WINDOW_MS, LiveFeed, subscriberWindowMs } from '../src/live/feed.ts';

// The coalescing rules of one subscriber's feed, on a fake clock: time moves only when a test moves it.
const change = (siteIds: string[], minute = 0, streams: LiveChange['streams'] = ['calls']): LiveChange => {
  const at = new Date(Date.UTC(2026, 10, 25, 9, minute)).toISOString();
  return { siteIds, streams, from: at, to: at, at };
};

/** What a promise has settled to by the time every pending callback has run, or 'pending'. */
const state = <T>(promise: Promise<T>) =>
  Promise.race([
    promise.then((value) => ({ value })),
    new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending'))),
  ]);
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a live feed', () => {
  it('lets the first change out at once, and what follows within 250 ms out together when they end', async () => {
    expect(COALESCE_WINDOW_MS).toBe(250);
    const feed = new LiveFeed();
    feed.push(change(['york'], 1));
    expect(await state(feed.next())).toEqual({ value: change(['york'], 1) });
    feed.push(change(['leeds'], 5, ['queue']));
    const next = feed.next();
    await advance(100);
    feed.push(change(['hull'], 3));
    await advance(149);
    expect(await state(next)).toBe('pending');
    await advance(1);
    expect(await state(next)).toEqual({
      value: {
        siteIds: ['hull', 'leeds'],
        streams: ['calls', 'queue'],
        from: change([], 3).from,
        to: change([], 5).to,
        at: change([], 5).at,
      },
    });
  });

  it('counts the window from the last message, so a change after a quiet spell leaves at once', async () => {
    const feed = new LiveFeed();
    feed.push(change(['york']));
    await feed.next();
    await advance(250);
    feed.push(change(['leeds']));
    expect(await state(feed.next())).toEqual({ value: change(['leeds']) });
    // Sent at 250: a change at 499 waits one more millisecond.
    await advance(249);
    feed.push(change(['hull']));
    const next = feed.next();
    expect(await state(next)).toBe('pending');
    await advance(1);
    expect(await state(next)).toEqual({ value: change(['hull']) });
  });

  it("draws each subscriber's window in 250–375 ms, so that screens subscribed together drift apart", async () => {
    expect(subscriberWindowMs(() => 0)).toBe(250);
    expect(subscriberWindowMs(() => 1)).toBeLessThan(375);
    expect(subscriberWindowMs(() => -5)).toBe(250);
    const windows = Array.from({ length: 200 }, () => subscriberWindowMs());
    expect(Math.min(...windows)).toBeGreaterThanOrEqual(250);
    expect(Math.max(...windows)).toBeLessThan(375);
    expect(new Set(windows).size).toBeGreaterThan(50);
    // Two screens that hear a change every 50 ms for 3 s: after the first message they rarely send together.
    const feeds = [new LiveFeed({ windowMs: 250 }), new LiveFeed({ windowMs: 310 })];
    const sentAt = feeds.map(() => [] as number[]);
    const readers = feeds.map(async (feed, i) => {
      while (await feed.next()) sentAt[i]?.push(performance.now());
    });
    for (let t = 0; t < 3_000; t += 50) {
      for (const feed of feeds) feed.push(change(['york']));
      await advance(50);
    }
    for (const feed of feeds) feed.close();
    await Promise.all(readers);
    const [a = [], b = []] = sentAt;
    expect(a.length).toBeGreaterThan(b.length);
    expect(a.slice(1).filter((at) => b.includes(at)).length).toBeLessThanOrEqual(2);
  });

  it('takes its window from the options', async () => {
    const feed = new LiveFeed({ windowMs: 1_000 });
    feed.push(change(['york']));
    await feed.next();
    feed.push(change(['leeds']));
    const next = feed.next();
    await advance(999);
    expect(await state(next)).toBe('pending');
    await advance(1);
    expect(await state(next)).toEqual({ value: change(['leeds']) });
  });

  it('wakes a waiting reader on the next change, holding no timer while idle and one while a window runs', async () => {
    const feed = new LiveFeed();
    const first = feed.next();
    await advance(10_000);
    expect(await state(first)).toBe('pending');
    expect(vi.getTimerCount()).toBe(0);
    feed.push(change(['york']));
    expect(await state(first)).toEqual({ value: change(['york']) });
    feed.push(change(['leeds']));
    const second = feed.next();
    await advance(0);
    expect(vi.getTimerCount()).toBe(1);
    feed.push(change(['hull']));
    feed.push(change(['york']));
    await advance(0);
    expect(vi.getTimerCount()).toBe(1);
    await advance(250);
    expect(await state(second)).toEqual({ value: change(['hull', 'leeds', 'york']) });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps one merged change for a slow reader', async () => {
    const feed = new LiveFeed();
    for (const [i, site] of ['york', 'leeds', 'york', 'hull'].entries()) feed.push(change([site], i));
    expect(await state(feed.next())).toEqual({
      value: { ...change(['hull', 'leeds', 'york'], 3), from: change([], 0).from },
    });
    await advance(250);
    const next = feed.next();
    expect(await state(next)).toBe('pending');
  });

  it('passes on only the changes to its own sites, naming only those', async () => {
    const feed = new LiveFeed({ siteIds: ['york', 'hull'] });
    const next = feed.next();
    feed.push(change(['leeds']));
    expect(await state(next)).toBe('pending');
    feed.push(change(['leeds', 'york']));
    expect(await state(next)).toEqual({ value: change(['york']) });
    feed.push(change([]));
    const all = feed.next();
    feed.push(change(['leeds'], 9)); // Another site's change while one waits: no part of it.
    await advance(250);
    expect(await state(all)).toEqual({ value: change(['hull', 'york']) });
  });

  it('passes on every change when no sites (or an empty list) were asked for', async () => {
    for (const feed of [new LiveFeed(), new LiveFeed({ siteIds: [] })]) {
      feed.push(change(['leeds']));
      expect(await state(feed.next())).toEqual({ value: change(['leeds']) });
      await advance(250);
      feed.push(change([]));
      expect(await state(feed.next())).toEqual({ value: change([]) });
    }
  });

  it('ends a waiting reader when it closes, and then ignores changes', async () => {
    const feed = new LiveFeed();
    const waiting = feed.next();
    feed.close();
    expect(await state(waiting)).toEqual({ value: undefined });
    feed.push(change(['york']));
    expect(await state(feed.next())).toEqual({ value: undefined });
  });

  it('closes with no one reading', async () => {
    const feed = new LiveFeed();
    feed.close();
    feed.push(change(['york']));
    expect(await state(feed.next())).toEqual({ value: undefined });
  });

  it('drops a pending change when it closes', async () => {
    const feed = new LiveFeed();
    feed.push(change(['york']));
    await feed.next();
    feed.push(change(['leeds']));
    const waiting = feed.next();
    feed.close();
    expect(await state(waiting)).toEqual({ value: undefined });
  });

  it('ends a reader when its signal aborts, and leaves no listener on the signal', async () => {
    const feed = new LiveFeed();
    const aborted = new AbortController();
    aborted.abort();
    feed.push(change(['york']));
    expect(await state(feed.next(aborted.signal))).toEqual({ value: undefined });

    const live = new AbortController();
    expect(await state(feed.next(live.signal))).toEqual({ value: change(['york']) });
    const idle = feed.next(live.signal);
    feed.push(change(['leeds']));
    await advance(250);
    expect(await state(idle)).toEqual({ value: change(['leeds']) });
    expect(getEventListeners(live.signal, 'abort')).toHaveLength(0);

    const waiting = feed.next(live.signal);
    await advance(0);
    expect(getEventListeners(live.signal, 'abort')).toHaveLength(1);
    live.abort();
    expect(await state(waiting)).toEqual({ value: undefined });
    expect(getEventListeners(live.signal, 'abort')).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
