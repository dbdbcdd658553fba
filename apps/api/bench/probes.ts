/**
 * Probe scheduling benchmark: 500 HTTP probes at a 30-s interval on one instance (PostgreSQL), checking a
 * local HTTP server that runs in its own process. Prints the scheduling lag (start − due) p50/p99/max and
 * the instance's CPU share, and, as the reference measured in the same run, the CPU of the same checks as
 * bare concurrent fetches (no database, no scheduler): the ratio is what scheduling and storing cost.
 * Run: npm run bench:probes -w @switchboard/api (BENCH_PROBES, BENCH_PROBES_S to change the size and time).
 */
import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { createApp } from '../src/app.ts';
import { createProbeScheduler, type ProbeRun } from '../src/services/probes/scheduler.ts';
import { addSystem } from '../src/services/systems.ts';
import { benchDatabase, fmt, percentile, seedSites } from './harness.ts';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const PROBES = Number(process.env.BENCH_PROBES ?? 500);
const SECONDS = Number(process.env.BENCH_PROBES_S ?? 65);
const INTERVAL_S = 30;

/** The checked system: a tiny HTTP server in another process on 127.0.0.1, so its CPU is not ours. */
async function startTarget(): Promise<{ url: string; stop(): void }> {
  const script = `const s=require('node:http').createServer((q,r)=>{r.writeHead(200,{'content-type':'text/plain'});r.end('ok')});s.listen(0,'127.0.0.1',()=>console.log(s.address().port));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) =>
    child.stdout?.once('data', (d) => resolve(String(d).trim())),
  );
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

async function main() {
  const target = await startTarget();
  const bench = await benchDatabase(ADMIN_URL);
  try {
    // One probe a stream, as in life: 50 sites × 10 systems.
    const { siteIds } = await seedSites(bench.database, 50);
    for (let i = 0; i < 10; i++)
      await addSystem(bench.database.db, { id: `sys-${i}`, name: `System ${i}`, siteIds, actor: 'bench' });
    await bench.database.db.execute(sql`insert into probes (id, system_id, site_id, kind, target, interval_s, timeout_ms, retries, created_by)
      select 'b' || row_number() over (), l.system_id, l.site_id, 'http',
        ${target.url} || '/' || l.system_id || '/' || l.site_id, ${INTERVAL_S}, 5000, 0, 'bench'
      from site_systems l order by l.system_id, l.site_id limit ${PROBES}`);
    // Reference: the same checks as bare concurrent fetches, twice, CPU only.
    const refStart = process.cpuUsage();
    for (let round = 0; round < 2; round++)
      await Promise.all(
        Array.from({ length: PROBES }, (_, i) => fetch(`${target.url}/${i}`).then((r) => r.text())),
      );
    const refCpuPerCheck = cpuMs(process.cpuUsage(refStart)) / (2 * PROBES);

    const app = createApp(bench.database);
    const runs: ProbeRun[] = [];
    const scheduler = createProbeScheduler({
      db: bench.database.db,
      ingest: app.ingest,
      onRun: (r) => runs.push(r),
    });
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    await scheduler.stop();
    const wallMs = performance.now() - wallStart;
    const cpu = cpuMs(process.cpuUsage(cpuStart));
    await app.live.close();

    const lags = runs.filter((r) => r.dueAt !== null).map((r) => Math.max(0, r.startedAt - (r.dueAt ?? 0)));
    lags.sort((a, b) => a - b);
    const stored = await bench.database.rows<{ n: number }>(
      sql`select count(*)::int as n from system_status where source = 'probe'`,
    );
    const up = runs.filter((r) => r.result.status === 'up').length;
    console.log(
      `probes: ${PROBES} HTTP probes every ${INTERVAL_S} s on one instance, ${fmt(wallMs / 1000)} s`,
    );
    console.log(
      `  runs ${runs.length} (${up} up), stored ${stored[0]?.n}; scheduled (not first) runs ${lags.length}`,
    );
    console.log(
      `  scheduling lag p50 ${fmt(percentile(lags, 50))} ms, p99 ${fmt(percentile(lags, 99))} ms, max ${fmt(lags.at(-1) ?? 0)} ms (goal p99 < 1000 ms: ratio ${fmt(percentile(lags, 99) / 1000, 3)})`,
    );
    const perCheck = cpu / Math.max(1, runs.length);
    console.log(
      `  API CPU ${fmt(cpu)} ms over ${fmt(wallMs)} ms = ${fmt((100 * cpu) / wallMs, 1)}% of one core; ${fmt(perCheck, 2)} ms a run vs ${fmt(refCpuPerCheck, 2)} ms a bare fetch (reference, same run): ratio ${fmt(perCheck / refCpuPerCheck, 1)}`,
    );
  } finally {
    target.stop();
    await bench.drop();
  }
}

await main();
