/**
 * Load: two API instances and two dashboards on one PostgreSQL, feeds at 10× the national peak, 200 live
 * subscribers refetching on every change, for BENCH_LOAD_SECONDS (default 600). Prints ingest latency,
 * errors, loss, each process's memory at start and end and the live-change delay, against the goals
 * (p99 ingest < 50 ms, 0 errors, RSS growth < 10%). Needs TEST_DATABASE_URL (or BENCH_DATABASE_URL).
 *   npm run bench:load -w @switchboard/dashboard
 */
import { buildIfStale } from '../scripts/build-if-stale.ts';
import { runLoad } from './load-run.ts';

/** National peak ≈ 10,000 calls an hour; ten times that. */
const CALLS_PER_SECOND = (10 * 10_000) / 3600;

const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 600);
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
for (const p of result.rss) {
  const growth = ((p.endMb - p.startMb) / p.startMb) * 100;
  console.log(
    `  ${p.name}: RSS ${p.startMb.toFixed(0)} → ${p.endMb.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%; goal < 10%)`,
  );
}
for (const line of result.errorSamples) console.log(`  error: ${line}`);
