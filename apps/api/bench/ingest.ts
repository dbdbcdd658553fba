/**
 * Ingestion benchmark: posts 200,000 call events in batches of 1,000 over HTTP on loopback into
 * PostgreSQL, and in the same run COPYs the same rows into an identical table as the reference.
 * Then measures the latency of 10-event batches. Run: npm run bench (from the root or apps/api).
 */
import { sql } from 'drizzle-orm';
import { ingestCallEvents } from '../src/services/ingest/call-events.ts';
import { ROLLUP_TABLES } from '../src/services/rollups/rebuild.ts';
import { copyRows, generateEvents } from './events.ts';
import { benchDatabase, fmt, percentile, seedSites, startApiProcess } from './harness.ts';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const TOTAL = Number(process.env.BENCH_EVENTS ?? 200_000);
const BATCH = 1_000;
const CONCURRENCY = 2;
const LATENCY_REQUESTS = 1_000;
const ROUNDS = 3;
const SERVICE_KEY = { id: 'bench', feed: 'bench', siteIds: ['*'] };

async function post(url: string, key: string, events: unknown[]): Promise<{ accepted: number }> {
  const response = await fetch(`${url}/trpc/ingest.callEvents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  const body = (await response.json()) as {
    result?: { data: { accepted: number } };
    error?: { message: string };
  };
  if (!body.result) throw new Error(`batch refused: ${response.status} ${body.error?.message}`);
  return body.result.data;
}

const bench = await benchDatabase(ADMIN_URL);
const api = await startApiProcess(bench.url, 45_000 + Math.floor(Math.random() * 1000));
try {
  const { siteIds, key } = await seedSites(bench.database, 40);
  const events = generateEvents(TOTAL, siteIds);
  const pg = bench.database.pg;
  if (!pg) throw new Error('benchmark needs PostgreSQL');

  // Reference: COPY of the same rows into an identical table (same keys and indexes).
  await pg.unsafe('create table call_events_copy (like call_events including all)');
  const copyStart = performance.now();
  const writable =
    await pg`copy call_events_copy (site_id, call_id, kind, at, wait_ms, queue, agent_id) from stdin`.writable();
  await new Promise<void>((resolve, reject) => {
    writable.on('error', reject);
    writable.on('finish', resolve);
    writable.end(copyRows(events));
  });
  const copySeconds = (performance.now() - copyStart) / 1000;

  // The API: batches of 1,000 over HTTP, CONCURRENCY requests in flight.
  const batches: (typeof events)[] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  let next = 0;
  let accepted = 0;
  const apiStart = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        if (!batch) continue;
        const result = await post(api.url, key, batch);
        accepted += result.accepted;
      }
    }),
  );
  const apiSeconds = (performance.now() - apiStart) / 1000;
  const [stored] = await bench.database.rows<{ n: number }>(sql`select count(*)::int as n from call_events`);
  if (accepted !== events.length || Number(stored?.n) !== events.length) {
    throw new Error(`stored ${stored?.n} of ${events.length} (accepted ${accepted})`);
  }

  // Latency of small batches, one at a time (what a live feed sends every second).
  const small = generateEvents(LATENCY_REQUESTS * 10, siteIds, 'lat');
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_REQUESTS; i++) {
    const t = performance.now();
    await post(api.url, key, small.slice(i * 10, i * 10 + 10));
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);

  // What the rollups cost: the same batches through the ingestion service, with and without them, each
  // into a fresh table set (so neither pays for the other's rows). Alternated over ROUNDS rounds and the
  // median rate of each kept, so that a slow spell of this shared machine does not decide the ratio.
  const rates: Record<'with' | 'without', number[]> = { with: [], without: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const rollups of [false, true]) {
      await pg.unsafe(`truncate call_events, ${ROLLUP_TABLES.join(', ')}`);
      const t = performance.now();
      for (const batch of batches) await ingestCallEvents(bench.database.db, SERVICE_KEY, batch, { rollups });
      rates[rollups ? 'with' : 'without'].push(events.length / ((performance.now() - t) / 1000));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

  const apiRate = events.length / apiSeconds;
  const copyRate = events.length / copySeconds;
  console.log(
    `ingest: ${fmt(events.length)} call events, batches of ${BATCH}, ${CONCURRENCY} in flight, PostgreSQL`,
  );
  console.log(`  API over HTTP      ${fmt(apiRate)} events/s (${apiSeconds.toFixed(2)} s)`);
  console.log(`  COPY reference     ${fmt(copyRate)} events/s (${copySeconds.toFixed(2)} s)`);
  console.log(`  ratio API/COPY     ${(apiRate / copyRate).toFixed(2)}   (goal ≥ 0.50)`);
  const withRollups = median(rates.with);
  const without = median(rates.without);
  console.log(
    `  service, no rollups ${fmt(without)} events/s; with rollups ${fmt(withRollups)} events/s (medians of ${ROUNDS}); ratio ${(withRollups / without).toFixed(2)}   (goal ≥ 0.70)`,
  );
  console.log(
    `  10-event batch     p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms over ${LATENCY_REQUESTS} requests   (goal p99 < 20 ms)`,
  );
} finally {
  await api.stop();
  await bench.drop();
}
