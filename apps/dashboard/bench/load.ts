/**
 * Load: two API instances and two dashboards on one PostgreSQL, feeds at 10× the national peak, 200 live
 * subscribers refetching on every change, for BENCH_LOAD_SECONDS (default 600). Prints ingest latency,
 * errors, loss, the live-change delay and each process's memory, against the goals (p99 ingest < 50 ms,
 * 0 errors, RSS growth < 10%). Needs TEST_DATABASE_URL (or BENCH_DATABASE_URL).
 *   npm run bench:load -w @switchboard/dashboard
 *
 * Memory: the goal is no growth after warm-up (BENCH_LOAD_WARMUP_SECONDS, default a third of the run and at
 * least 60 s): the highest RSS in the second half of the time after it against the highest in the first half
 * (bench/rss.ts says why the highest); growth from cold is printed beside it. A cold process has not yet
 * sized its V8 heap. Measured with heap statistics in every process (issue 16): the live heap after each
 * major collection stays flat at 50–70 MB for the whole run and heap snapshots 170 s apart show no retained
 * growth, but under this allocation rate V8 lets the heap grow to about four times the live heap between
 * major collections (heapTotal ≈ 85 MB cold, ≈ 220–260 MB once sized). That sizing took 60–180 s on a
 * loaded two-core machine; it is where the +60–140% "from cold" comes from. A leak grows steadily, so it
 * shows after the warm-up as well as in it.
 * The factor of four is V8's for a heap limit of 2 GB and more, which it picks from the machine's (or the
 * container's) memory; a smaller limit gives a smaller factor: NODE_OPTIONS=--max-old-space-size=1024 (passed
 * on to every process here) keeps heapTotal ≈ 115–125 MB and RSS ≈ 220 MB (docs/deploy.md, "Sizing").
 */
import { availableParallelism } from 'node:os';
import { buildIfStale } from '../scripts/build-if-stale.ts';
import { runLoad } from './load-run.ts';
import { growth } from './rss.ts';

/** National peak ≈ 10,000 calls an hour; ten times that. */
const CALLS_PER_SECOND = (10 * 10_000) / 3600;

const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 600);
/** Ingestion first on a shared host: the dashboards at a lower CPU priority (docs/deploy.md, "Sizing"). */
const dashboardNice = Number(process.env.BENCH_LOAD_DASHBOARD_NICE ?? 10);
if (!process.env.TEST_DATABASE_URL) {
  console.error(
    'bench/load.ts needs PostgreSQL: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test',
  );
  process.exit(2);
}
buildIfStale();
const result = await runLoad({
  backend: 'postgres',
  seconds,
  instances: 2,
  subscribers: 200,
  callsPerSecond: CALLS_PER_SECOND,
  dashboardNice,
  ...(process.env.BENCH_LOAD_WARMUP_SECONDS
    ? { warmupSeconds: Number(process.env.BENCH_LOAD_WARMUP_SECONDS) }
    : {}),
  log: (line) => console.log(line),
});
const ms = (v: number) => `${v.toFixed(1)} ms`;
const { ingest, live } = result;
console.log(`\nLoad for ${seconds} s at ${CALLS_PER_SECOND.toFixed(1)} calls/s (10× national peak):`);
console.log(
  `  ingest: ${ingest.requests} requests, ${ingest.eventsAcked} events acknowledged; p50 ${ms(ingest.p50)}, ` +
    `p99 ${ms(ingest.p99)} (goal < 50 ms: ${ingest.p99 < 50 ? 'met' : 'NOT met'})`,
);
console.log(`  errors: ingest ${ingest.errors}, live ${live.errors}, refetch ${live.refetchErrors} (goal 0)`);
console.log(
  `  stored ${result.stored} of ${ingest.eventsAcked} acknowledged (lost ${ingest.eventsAcked - result.stored})`,
);
console.log(
  `  live: ${live.subscribers} subscribers, ${live.changes} changes heard, ${live.refetches} refetches; ` +
    `change delay p95 ${ms(live.delayP95)}`,
);
const pct = (from: number, to: number) => {
  const g = growth(from, to);
  return Number.isFinite(g) ? `${g >= 0 ? '+' : ''}${g.toFixed(1)}%` : 'n/a';
};
for (const p of result.rss) {
  const mb = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} MB` : 'n/a');
  const warmGrowth = growth(p.warmMb, p.endMb);
  console.log(
    `  ${p.name}: RSS cold ${mb(p.coldMb)}; highest after ${p.warmupSeconds.toFixed(0)} s warm-up: ` +
      `${mb(p.warmMb)} then ${mb(p.endMb)}, growth ${pct(p.warmMb, p.endMb)} ` +
      `(goal < 10%: ${warmGrowth < 10 ? 'met' : 'NOT met'}); from cold ${pct(p.coldMb, p.endMb)}`,
  );
}
const cores = availableParallelism();
const busy = result.cpu.reduce((sum, p) => sum + p.seconds, 0);
console.log(
  `  CPU while feeding (${cores} cores, ${seconds} s; dashboards at nice ${dashboardNice}, subscribers 19): ` +
    `${((busy / (cores * seconds)) * 100).toFixed(0)}% busy; ` +
    result.cpu.map((p) => `${p.name} ${((p.seconds / seconds) * 100).toFixed(0)}%`).join(', ') +
    ' of one core',
);
for (const s of result.servers) {
  const share = (n: number) => `${((n / s.batches) * 100).toFixed(1)}%`;
  console.log(
    `  ${s.name} inside: ${s.batches} call-event batches, ${share(s.within25ms)} within 25 ms, ` +
      `${share(s.within50ms)} within 50 ms; event-loop delay p99 ${ms(s.loopLagP99Ms)}, max ${ms(s.loopLagMaxMs)}; ` +
      `${s.minorGcs} scavenges, ${ms(s.minorGcMs)} in all`,
  );
}
for (const line of result.errorSamples) console.log(`  error: ${line}`);
