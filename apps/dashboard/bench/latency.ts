/**
 * Ingest-to-screen latency and first-load JavaScript, in real Chromium against a real API (PGlite).
 * Prints the figures and their ratio to a reference measured in the same run; no assertions.
 *   npm run bench -w @switchboard/dashboard
 */
import { gzipSync } from 'node:zlib';
import type { Cookie, Page } from 'playwright-core';
import { snapshot, type TestApi } from '../e2e/support/api.ts';
import { launchBrowser } from '../e2e/support/browser.ts';
import { seedOutageHour } from '../e2e/support/scenario.ts';
import { SEED, startStack } from '../e2e/support/stack.ts';
import { buildIfStale } from '../scripts/build-if-stale.ts';

const EVENTS = 100;
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};
const ms = (v: number) => `${v.toFixed(0)} ms`;

/** Resolves with the arrival time (epoch ms) of each live change the API announces, read straight off SSE. */
async function notifications(api: TestApi, signal: AbortSignal): Promise<{ next(): Promise<number> }> {
  const response = await fetch(`${api.url}/trpc/live.changes?input=${encodeURIComponent('{}')}`, {
    signal,
    headers: { cookie: api.admin.cookieHeader },
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const waiting: ((at: number) => void)[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      if (decoder.decode(value).includes('"siteIds"')) waiting.shift()?.(Date.now());
    }
  })();
  return { next: () => new Promise((resolve) => waiting.push(resolve)) };
}

type Seen = { seen?: Record<string, number> };

async function latency(page: Page, api: TestApi): Promise<{ screen: number[]; notify: number[] }> {
  const controller = new AbortController();
  const notify = await notifications(api, controller.signal);
  // The page records when each value first appears in Leeds's "calls waiting" cell.
  await page.evaluate(`(() => {
    window.seen = {};
    const record = () => {
      const cell = document.querySelector('tr[data-site="leeds"] [data-measure="callsWaiting"] .app-figure');
      const text = cell && cell.textContent;
      if (text && !(text in window.seen)) window.seen[text] = Date.now();
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  const screen: number[] = [];
  const notified: number[] = [];
  for (let i = 1; i <= EVENTS; i++) {
    const value = 100 + i;
    const arrival = notify.next();
    const posted = Date.now();
    await api.ingest('queueSnapshots', { snapshots: [snapshot('leeds', 0, value, 30)] });
    // A function, not a string: the page's Content-Security-Policy forbids eval of strings.
    const at = await page.waitForFunction((v) => (window as unknown as Seen).seen?.[String(v)], value, {
      timeout: 10_000,
    });
    screen.push(((await at.jsonValue()) as number) - posted);
    notified.push((await arrival) - posted);
    await page.waitForTimeout(50 + Math.random() * 100);
  }
  controller.abort();
  return { screen, notify: notified };
}

/**
 * Gzipped JavaScript of a cold visit: the route's first-load scripts (those the server's HTML names) and,
 * separately, everything loaded within two seconds (adds chunks loaded after hydration, such as Recharts).
 */
async function pageJs(
  url: string,
  cookies: Cookie[],
): Promise<{ firstLoad: number; all: number; files: number }> {
  const browser = await launchBrowser();
  await browser.context.addCookies(cookies); // signed in, with a cold cache
  const page = await browser.context.newPage();
  const sizes: Promise<{ path: string; gz: number }>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    const path = new URL(response.url()).pathname;
    sizes.push(
      response.body().then(
        (body) => ({ path, gz: gzipSync(body).length }),
        () => ({ path, gz: 0 }),
      ),
    );
  });
  const html = await (await page.goto(url, { waitUntil: 'load' }))?.text();
  await page.waitForTimeout(2_000);
  const all = await Promise.all(sizes);
  await browser.close();
  const sum = (files: { gz: number }[]) => files.reduce((total, f) => total + f.gz, 0);
  return { firstLoad: sum(all.filter((f) => html?.includes(f.path))), all: sum(all), files: all.length };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

buildIfStale();
const stack = await startStack({ seed: SEED });
const { api } = stack;
await seedOutageHour(api);
try {
  const page = await stack.open('/');
  await page.locator('[data-live-status="live"]').waitFor();
  await page.waitForTimeout(1_000);
  const { screen, notify } = await latency(page, api);
  const p95 = quantile(screen, 0.95);
  const ref95 = quantile(notify, 0.95);
  console.log(
    `Ingest-to-screen latency, ${EVENTS} queue snapshots posted one at a time (overview, Chromium):`,
  );
  console.log(
    `  p50 ${ms(quantile(screen, 0.5))}, p95 ${ms(p95)}, max ${ms(Math.max(...screen))} (goal: p95 ≤ 1000 ms)`,
  );
  console.log(
    `  reference, ingest-to-notification straight from the API's live.changes (no proxy, no browser): p50 ${ms(quantile(notify, 0.5))}, p95 ${ms(ref95)}`,
  );
  console.log(`  ratio screen / notification at p95: ${(p95 / ref95).toFixed(2)}×`);
  for (const [name, path] of [
    ['/', '/'],
    ['site page', '/sites/leeds'],
  ] as const) {
    const js = await pageJs(`${stack.dashboardUrl}${path}`, await stack.context.cookies());
    console.log(
      `First-load JS of ${name}: ${kb(js.firstLoad)} gzipped (goal ≤ 250 KB: ${((js.firstLoad / 1024 / 250) * 100).toFixed(0)}%); ` +
        `with chunks loaded after hydration ${kb(js.all)} in ${js.files} files`,
    );
  }
} finally {
  await stack.close();
}
