import { READ_LIMITS } from '@switchboard/contracts';
import { testBackends } from '@switchboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';
import { healthzTimes, heapUsed, storedState } from './hostile-support.ts';

const CACHE_MB = 1;
const MAX_SUBSCRIBERS = 2;
/** What a burst of refused or bounded reads may leave on the heap for good. */
const HEAP_BOUND = 60 * 1024 * 1024;

const seriesUrl = (url: string, input: unknown) =>
  `${url}/trpc/metrics.series?input=${encodeURIComponent(JSON.stringify(input))}`;

/** Hostile reads, classes 5 and 6 of issue 10: one small request must not stall the API or fill its memory. */
describe.each(testBackends())('hostile reads on %s', (backend) => {
  let api: TestApi;
  /** A read as a signed-in viewer (every read needs a principal). */
  const read = (input: string, init: RequestInit = {}) =>
    fetch(input, { ...init, headers: { ...api.as.viewer, ...(init.headers as Record<string, string>) } });
  beforeAll(async () => {
    api = await startTestApi(backend, {}, { seriesCacheMb: CACHE_MB, maxSubscribers: MAX_SUBSCRIBERS });
  });
  afterAll(() => api.stop());

  describe('5. ranges, intervals and points are checked before any work', () => {
    it('refuses a relative range past the cap with 400 naming "last"', async () => {
      const reply = await read(seriesUrl(api.url, { last: '9999d', interval: '1m' }));
      expect(reply.status).toBe(400);
      const body = (await reply.json()) as { error: { message: string } };
      expect(body.error.message).toContain(`last: the range may be at most ${READ_LIMITS.maxRangeDays} days`);
      const availability = await read(
        `${api.url}/trpc/systems.availability?input=${encodeURIComponent(JSON.stringify({ last: '9999d' }))}`,
      );
      expect(availability.status).toBe(400);
    });

    it('refuses too many points (400) and keeps /healthz fast and the heap bounded through a burst', async () => {
      const tooMany = await read(seriesUrl(api.url, { last: '400d', interval: '1m' }));
      expect(tooMany.status).toBe(400);
      expect(((await tooMany.json()) as { error: { message: string } }).error.message).toContain(
        `at most ${READ_LIMITS.maxPoints}`,
      );
      const before = heapUsed();
      const stored = await storedState(api.database);
      // Twenty 2 KB requests of twenty series each, as the hostile client sent, and a batch at the cap.
      const hostile = Array.from({ length: 20 }, () => 'metrics.series').join(',');
      const inputs = Object.fromEntries(
        Array.from({ length: 20 }, (_, i) => [i, { last: '9999d', interval: '1m' }]),
      );
      const capped = Array.from({ length: READ_LIMITS.maxBatchedCalls }, () => 'metrics.series').join(',');
      const cappedInputs = Object.fromEntries(
        Array.from({ length: READ_LIMITS.maxBatchedCalls }, (_, i) => [
          i,
          { last: '400d', maxPoints: 5_000 },
        ]),
      );
      const get = async (path: string, input: unknown) => {
        const r = await read(
          `${api.url}/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
        );
        await r.arrayBuffer();
        return r.status;
      };
      // /healthz keeps answering while the burst is in flight (a condition, not a time: the machine is shared
      // and timings belong in bench scripts).
      const burst = Promise.all(Array.from({ length: 20 }, () => get(hostile, inputs)));
      const during = await healthzTimes(api.url, burst);
      expect((await burst).every((status) => status === 400)).toBe(true);
      expect(during.length).toBeGreaterThan(0);
      // A batch at the cap is served (its work is bounded by the cap times each call's own caps).
      expect(await get(capped, cappedInputs)).toBe(200);
      expect(heapUsed() - before).toBeLessThan(HEAP_BOUND);
      expect(await storedState(api.database)).toEqual(stored);
    });
  });

  describe('6. memory anyone can fill', () => {
    it('caches series only for known sites, within its byte budget', async () => {
      api.seriesCache.clear();
      const before = heapUsed();
      // 100 requests, ten at a time.
      for (let i = 0; i < 100; i += 10) {
        await Promise.all(
          Array.from({ length: 10 }, (_, j) =>
            read(seriesUrl(api.url, { siteIds: [`made-up-${i + j}`], last: '1d', interval: '1m' })).then(
              (r) => r.arrayBuffer(),
            ),
          ),
        );
      }
      expect(api.seriesCache.size).toBe(0);
      // Known sites, distinct series, each bigger than the budget allows in total.
      const subsets = [
        ['leeds'],
        ['york'],
        ['hull'],
        ['leeds', 'york'],
        ['leeds', 'hull'],
        ['york', 'hull'],
        [],
      ];
      for (const siteIds of subsets) {
        for (const interval of ['1m', '5m']) {
          const reply = await read(seriesUrl(api.url, { siteIds, last: '1d', interval }));
          expect(reply.status).toBe(200);
          await reply.arrayBuffer();
          expect(api.seriesCache.bytes()).toBeLessThanOrEqual(CACHE_MB * 1024 * 1024);
        }
      }
      expect(api.seriesCache.size).toBeGreaterThan(0);
      expect(heapUsed() - before).toBeLessThan(HEAP_BOUND);
    });

    it('labels metrics from a fixed set of procedure names', async () => {
      for (let i = 0; i < 200; i++) {
        const r = await read(`${api.url}/trpc/invented.path${i}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        await r.arrayBuffer();
      }
      await (await read(`${api.url}/trpc/${'x'.repeat(5_000)}`)).arrayBuffer();
      const text = await (await read(`${api.url}/metrics`)).text();
      expect(text).not.toContain('invented');
      expect(text).not.toContain('xxxx');
      expect(text).toContain('path="unknown"');
      const paths = new Set([...text.matchAll(/path="([^"]*)"/g)].map((m) => m[1]));
      expect(paths.size).toBeLessThanOrEqual(10);
    });

    it(`serves at most ${MAX_SUBSCRIBERS} live subscribers per instance, with a clear error past it`, async () => {
      const open = () => {
        const abort = new AbortController();
        const response = read(`${api.url}/trpc/live.changes?input=${encodeURIComponent('{}')}`, {
          signal: abort.signal,
        });
        return { abort, response };
      };
      /** Reads the stream until `text` appears (bounded by the stream: the server ends a refused one). */
      const readUntil = async (response: Promise<Response>, text: string) => {
        const reader = (await response).body?.getReader();
        let seen = '';
        const decoder = new TextDecoder();
        while (reader && !seen.includes(text)) {
          const { value, done } = await reader.read();
          if (done) break;
          seen += decoder.decode(value);
        }
        return seen;
      };
      const streams = Array.from({ length: MAX_SUBSCRIBERS }, open);
      for (const stream of streams) await readUntil(stream.response, 'connected');
      const refused = open();
      const text = await readUntil(refused.response, 'live subscriptions');
      expect(text).toContain(`at most ${MAX_SUBSCRIBERS} live subscriptions`);
      refused.abort.abort();
      for (const stream of streams) stream.abort.abort();
      // Once they have gone, a new subscriber is served again (waiting for the condition, not a time).
      let served = '';
      for (let attempt = 0; attempt < 100 && !served.includes('connected'); attempt++) {
        const again = open();
        served = await readUntil(again.response, 'connected');
        again.abort.abort();
      }
      expect(served).toContain('connected');
    });
  });
});
