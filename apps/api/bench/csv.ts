/**
 * CSV benchmark. Export: streams the calls export of BENCH_EXPORT_ROWS (default 1,400,000) events from the
 * real API process on PostgreSQL and prints rows/s and the API's RSS growth meanwhile (goals: >= 200,000
 * rows/s, < 50 MB), and beside it a plain COPY of the same rows as a reference. Import: writes BENCH_IMPORT_EVENTS (default 1,000,000) events to a CSV file, COPYs the
 * file into an empty table shaped like call_events (reference), then imports it with `importCalls`
 * (validation, staging, duplicates, rollups) and prints the ratio (goal >= 0.5). Run: npm run bench.
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { users } from '@switchboard/db';
import { createExportToken } from '../src/services/export-tokens.ts';
import { importCalls } from '../src/services/import/calls.ts';
import { benchDatabase, fmt, seedSites, startApiProcess } from './harness.ts';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_400_000);
const IMPORT_EVENTS = Number(process.env.BENCH_IMPORT_EVENTS ?? 1_000_000);
/** BENCH_CSV_PART=import (or export) runs only that half; both by default. */
const PART = process.env.BENCH_CSV_PART ?? 'both';
const FROM = '2026-01-01T00:00:00Z';
const TO = '2026-12-31T00:00:00Z';

/** Resident set size of a process and its children in bytes (Linux /proc; tsx runs the API as a child). */
function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    return Number(match?.[1] ?? 0) * 1024 + children.reduce((sum, child) => sum + rssOf(Number(child)), 0);
  } catch {
    return 0;
  }
}

const bench = await benchDatabase(ADMIN_URL);
const dir = mkdtempSync(join(tmpdir(), 'sb-bench-csv-'));
const api =
  PART === 'import' ? null : await startApiProcess(bench.url, 46_000 + Math.floor(Math.random() * 1000));
try {
  await seedSites(bench.database, 2);
  const pg = bench.database.pg;
  if (!pg) throw new Error('benchmark needs PostgreSQL');
  if (api) await exportBench(api);
  if (PART !== 'export') await importBench(pg);
} finally {
  await api?.stop();
  await bench.drop();
  rmSync(dir, { recursive: true, force: true });
}

async function exportBench(api: Awaited<ReturnType<typeof startApiProcess>>) {
  const pg = bench.database.pg;
  if (!pg || !api.pid) throw new Error('benchmark needs PostgreSQL and the API process');
  // As a script would: an analyst's export token.
  await bench.database.db
    .insert(users)
    .values({ id: 'bench', name: 'bench', email: 'bench@bench.nhs.net', role: 'analyst', siteIds: ['*'] });
  const { token } = await createExportToken(bench.database.db, {
    actor: 'bench',
    owner: { userId: 'bench', role: 'analyst', sites: 'all' },
    name: 'bench',
    sites: 'all',
  });
  const asScript = { headers: { authorization: `Bearer ${token}` } };
  // Seeded straight into call_events (the calls export reads raw events; rollups play no part).
  await pg.unsafe(`insert into call_events (site_id, call_id, kind, at, wait_ms, queue, agent_id)
    select 'site-00', 'c-' || (g / 2), case when g % 2 = 0 then 'offered'::call_event_kind else 'answered' end,
      timestamptz '2026-03-01T00:00:00Z' + (g * 11) * interval '1 second',
      case when g % 2 = 0 then null else ((g::int8 * 7919) % 180000)::int end, 'main',
      case when g % 2 = 0 then null else 'agent-' || (g % 60) end
    from generate_series(0, ${EXPORT_ROWS - 1}) g`);
  await pg.unsafe('analyze call_events');
  // A first export of a month warms the API (V8 sizes its heap on the first large response; later exports
  // do not grow it again), so the growth measured is what an export costs a running server.
  const warmup = await fetch(
    `${api.url}/export/calls.csv?siteIds=site-00&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&profile=raw`,
    asScript,
  );
  if (!warmup.ok) throw new Error(`warm-up export refused: ${warmup.status}`);
  const firstRss = rssOf(api.pid);
  for await (const _ of warmup.body as unknown as AsyncIterable<Uint8Array>);
  const warmGrowth = rssOf(api.pid) - firstRss;
  const baseline = rssOf(api.pid);
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssOf(api.pid ?? 0));
  }, 50);
  const started = performance.now();
  const response = await fetch(
    `${api.url}/export/calls.csv?siteIds=site-00&from=${FROM}&to=${TO}&profile=raw`,
    asScript,
  );
  if (!response.ok || !response.body) throw new Error(`export refused: ${response.status}`);
  let lines = 0;
  // Line ends found with indexOf (native), so the client's counting takes little of the two shared cores.
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rows = lines - 1;
  if (rows !== EXPORT_ROWS) throw new Error(`export wrote ${rows} rows, expected ${EXPORT_ROWS}`);
  // Reference in the same run: the database alone writing the same rows as CSV (COPY, no formatting, no
  // API), so a figure lowered by the shared machine's load can be told from a slower export.
  const copyStarted = performance.now();
  const reference = await pg
    .unsafe(
      `copy (select * from call_events where site_id = 'site-00' order by at, call_id, kind) to stdout with (format csv)`,
    )
    .readable();
  for await (const _ of reference);
  const referenceRate = EXPORT_ROWS / ((performance.now() - copyStarted) / 1000);
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (2 cores, shared)`,
  );
  console.log(
    `export calls.csv: ${fmt(rows)} rows in ${fmt(seconds, 1)} s = ${fmt(rows / seconds)} rows/s (goal >= 200,000; ` +
      `${fmt((rows / seconds / referenceRate) * 100)}% of a plain COPY of the same rows, ${fmt(referenceRate)} rows/s); ` +
      `API RSS ${fmt(baseline / 1048576)} MB before, growth ${fmt((peak - baseline) / 1048576, 1)} MB (goal < 50 MB; ` +
      `the warm-up export of a month grew it ${fmt(warmGrowth / 1048576, 1)} MB)`,
  );
}

async function importBench(pg: NonNullable<typeof bench.database.pg>) {
  const lines2: string[] = ['callId,kind,at,waitMs,queue,agentId'];
  for (let i = 0; lines2.length <= IMPORT_EVENTS; i++) {
    const offered = Date.parse('2026-06-01T00:00:00Z') + i * 5_000;
    const wait = (i * 7_919) % 180_000;
    lines2.push(`h-${i},offered,${new Date(offered).toISOString()},,main,`);
    if (lines2.length <= IMPORT_EVENTS)
      lines2.push(`h-${i},answered,${new Date(offered + wait).toISOString()},${wait},main,agent-${i % 60}`);
  }
  const file = join(dir, 'calls.csv');
  writeFileSync(file, `${lines2.join('\n')}\n`);
  lines2.length = 0;

  await pg.unsafe(`create table copy_reference (like call_events including all)`);
  await pg.unsafe(`alter table copy_reference alter column site_id set default 'site-01'`);
  const copyStart = performance.now();
  const writable = await pg
    .unsafe(
      'copy copy_reference (call_id, kind, at, wait_ms, queue, agent_id) from stdin with (format csv, header true)',
    )
    .writable();
  await pipeline(createReadStream(file), writable);
  const copySeconds = (performance.now() - copyStart) / 1000;

  const importStart = performance.now();
  const result = await importCalls(bench.database, { siteId: 'site-01', file });
  const importSeconds = (performance.now() - importStart) / 1000;
  if (result.accepted !== IMPORT_EVENTS)
    throw new Error(`import stored ${result.accepted}, expected ${IMPORT_EVENTS}`);
  const copyRate = IMPORT_EVENTS / copySeconds;
  const importRate = IMPORT_EVENTS / importSeconds;
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `import ${fmt(IMPORT_EVENTS)} events: plain COPY ${fmt(copyRate)} events/s (${fmt(copySeconds, 1)} s), ` +
      `npm run import path ${fmt(importRate)} events/s (${fmt(importSeconds, 1)} s, rollups included); ` +
      `ratio ${fmt(importRate / copyRate, 2)} (goal >= 0.5)`,
  );
}
