/**
 * Memory benchmark (issue 10): the API's resident memory after 10,000 distinct series requests, against
 * the series cache's budget. The API runs as its own process on a throwaway PostgreSQL database with 40
 * sites; each request asks for a different set of sites (a tenth of them invented, which are never cached),
 * six hours of one-minute buckets. Goal: RSS growth under the budget plus 50 MB.
 * Run: npm run bench (root or apps/api), or tsx bench/memory.ts. BENCH_REQUESTS overrides 10,000.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { benchDatabase, seedSites } from './harness.ts';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const CONCURRENCY = 8;
const BUDGET_MB = 64;
const PORT = 4417;
const API_DIR = new URL('..', import.meta.url).pathname;
const MB = 1024 * 1024;

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb * 1024;
}

async function startApi(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  // node itself (not the tsx wrapper), so the pid is the API's.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      API_PORT: String(PORT),
      HOST: '127.0.0.1',
      SERIES_CACHE_MB: String(BUDGET_MB),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${PORT}`;
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`API exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, child };
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('API did not become ready within 60 s');
}

/** The i-th distinct set of sites: pairs and triples of the 40, or (one in ten) invented ids. */
function sitesFor(i: number, siteIds: string[]): string[] {
  if (i % 10 === 9) return [`invented-${i}`];
  const n = siteIds.length;
  const a = i % n;
  const b = Math.floor(i / n) % n;
  const c = Math.floor(i / (n * n)) % n;
  return [...new Set([siteIds[a], siteIds[(a + b + 1) % n], siteIds[(a + c + 2) % n]])] as string[];
}

const bench = await benchDatabase(ADMIN_URL);
let api: { url: string; child: ChildProcess } | undefined;
try {
  const { siteIds } = await seedSites(bench.database, 40);
  api = await startApi(bench.url);
  const pid = api.child.pid as number;
  const { url } = api;
  const get = async (i: number) => {
    const input = { siteIds: sitesFor(i, siteIds), last: '6h', interval: '1m' };
    const r = await fetch(`${url}/trpc/metrics.series?input=${encodeURIComponent(JSON.stringify(input))}`);
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`request ${i} answered ${r.status}`);
  };
  for (let i = 0; i < 50; i++) await get(REQUESTS + i); // warm up
  const before = rssOf(pid);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) await get(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = rssOf(pid);
  const growth = after - before;
  const goal = (BUDGET_MB + 50) * MB;
  console.log(
    `memory: API RSS ${(after / MB).toFixed(0)} MB after ${REQUESTS} distinct series requests in ${seconds.toFixed(0)} s ` +
      `(${(before / MB).toFixed(0)} MB before; growth ${(growth / MB).toFixed(1)} MB)`,
  );
  console.log(
    `memory: growth / cache budget (${BUDGET_MB} MB) = ${(growth / (BUDGET_MB * MB)).toFixed(2)}; ` +
      `goal: growth under budget + 50 MB (${(growth / goal).toFixed(2)} of it) ${growth < goal ? 'MET' : 'MISSED'}`,
  );
} finally {
  if (api) {
    const exited = new Promise((resolve) => api?.child.once('exit', resolve));
    api.child.kill('SIGTERM');
    await exited;
  }
  await bench.drop();
}
