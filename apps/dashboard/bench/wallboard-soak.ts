/**
 * Wallboard soak: a board in real Chromium receiving a live change every second for BENCH_SOAK_MINUTES
 * (default 30), against a real API (PGlite). Prints JS heap and DOM nodes at start and end (after a forced
 * garbage collection), heap growth in %/hour in steady state (the second half) against the 5 %/h goal, the
 * growth from the first sample beside it, and console errors. No assertions.
 *   BENCH_SOAK_MINUTES=2 npm run bench:soak -w @switchboard/dashboard
 */
import type { CDPSession, Page } from 'playwright-core';
import { answeredCall, snapshot } from '../e2e/support/api.ts';
import { twoPageBoard } from '../e2e/support/boards.ts';
import { startStack } from '../e2e/support/stack.ts';
import { readBenchEnv } from '../env.ts';
import { buildIfStale } from '../scripts/build-if-stale.ts';

const GOAL_PCT_PER_HOUR = 5;
const { minutes } = readBenchEnv();

const PAGES = twoPageBoard(15);

async function measure(page: Page, cdp: CDPSession): Promise<{ heapMb: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  void page;
  return { heapMb: get('JSHeapUsedSize') / 1024 / 1024, nodes: get('Nodes') };
}

/** Least-squares slope of heap over time, as % of the first sample per hour. */
function slopePctPerHour(points: { at: number; heapMb: number }[]): number {
  const first = points[0];
  if (!first || points.length < 2) return Number.NaN;
  const xs = points.map((p) => (p.at - first.at) / 3_600_000);
  const ys = points.map((p) => p.heapMb);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] ?? my) - my);
    den += (x - mx) ** 2;
  });
  return (num / den / first.heapMb) * 100;
}

buildIfStale();
const stack = await startStack();
try {
  const board = await stack.api.admin.mutate<{ id: string }>('wallboards.create', {
    name: 'Soak',
    sites: ['leeds'],
    pages: PAGES,
  });
  await stack.api.ingest('queueSnapshots', { snapshots: [snapshot('leeds', 0, 1, 10)] });
  const page = await stack.open(`/wallboard/${board.id}`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.locator('[data-live="true"]').waitFor({ timeout: 60_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  let i = 0;
  const feed = async () => {
    i += 1;
    await stack.api.ingest('queueSnapshots', { snapshots: [snapshot('leeds', 0, i % 40, 10 + (i % 50))] });
    if (i % 5 === 0)
      await stack.api.ingest('callEvents', { events: answeredCall('leeds', `s-${i}`, 0.5, i % 30) });
  };
  // Warm up for 30 s (caches, chunks, first rotation), then measure.
  const warmUntil = Date.now() + 30_000;
  while (Date.now() < warmUntil) {
    await feed();
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const start = await measure(page, cdp);
  const startedAt = Date.now();
  const endAt = startedAt + minutes * 60_000;
  // A sample (after a forced GC) every 30 s: the slope over the second half shows steady-state growth,
  // apart from the first minutes' warm-up (compiled code, caches filling once).
  const samples: { at: number; heapMb: number }[] = [{ at: startedAt, heapMb: start.heapMb }];
  let nextSample = startedAt + 30_000;
  while (Date.now() < endAt) {
    await feed();
    if (Date.now() >= nextSample) {
      samples.push({ at: Date.now(), heapMb: (await measure(page, cdp)).heapMb });
      nextSample += 30_000;
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const end = await measure(page, cdp);
  samples.push({ at: Date.now(), heapMb: end.heapMb });
  const hours = (Date.now() - startedAt) / 3_600_000;
  const growth = ((end.heapMb - start.heapMb) / start.heapMb) * 100;
  const perHour = growth / hours;
  const half = samples.filter((x) => x.at >= startedAt + (Date.now() - startedAt) / 2);
  const steady = slopePctPerHour(half);
  const reloaded = await page.evaluate(() => performance.getEntriesByType('navigation').length);
  console.log(`wallboard soak: ${minutes} min measured (+30 s warm-up), ${i} live changes (one a second)`);
  console.log(
    `  JS heap   start ${start.heapMb.toFixed(2)} MB   end ${end.heapMb.toFixed(2)} MB   growth ${growth.toFixed(2)}%`,
  );
  console.log(
    `  from the first sample: ${perHour.toFixed(2)} %/hour (includes the first minutes' one-off warm-up)`,
  );
  // The goal is judged on steady state, as the load benchmark's RSS is: a leak grows in the second half as
  // in the first, while the warm-up (code compiled on first use, query caches filling once) does not recur.
  console.log(
    `  heap growth in steady state (least-squares slope over the second half, ${half.length} samples): ` +
      `${steady.toFixed(2)} %/hour; ratio to the ${GOAL_PCT_PER_HOUR} %/h goal ${(steady / GOAL_PCT_PER_HOUR).toFixed(2)} ` +
      `(${steady < GOAL_PCT_PER_HOUR ? 'met' : 'NOT met'})`,
  );
  console.log(
    `  samples MB (after a forced GC, every 30 s): ${samples.map((x) => x.heapMb.toFixed(2)).join(' ')}`,
  );
  console.log(
    `  DOM nodes start ${start.nodes}   end ${end.nodes}   ratio ${(end.nodes / start.nodes).toFixed(2)}`,
  );
  console.log(
    `  console errors ${errors.length}${errors.length ? `: ${errors.slice(0, 5).join(' | ')}` : ''}; navigations ${reloaded}`,
  );
} finally {
  await stack.close();
}
