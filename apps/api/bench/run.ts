/**
 * `npm run bench` (apps/api): every benchmark in turn, each in its own process (the memory one measures its
 * own RSS). BENCH_ONLY=queries,impact runs only those, in that order.
 */
import { spawnSync } from 'node:child_process';

const BENCHES = ['ingest', 'queries', 'memory', 'auth', 'impact', 'csv', 'probes', 'disk'];
const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const unknown = only.filter((name) => !BENCHES.includes(name));
if (unknown.length > 0) {
  console.error(`BENCH_ONLY: no benchmark ${unknown.join(', ')} (there are ${BENCHES.join(', ')})`);
  process.exit(2);
}
const tsx = new URL('../../../node_modules/.bin/tsx', import.meta.url).pathname;
for (const name of only.length > 0 ? only : BENCHES) {
  const run = spawnSync(tsx, [`bench/${name}.ts`], {
    cwd: new URL('..', import.meta.url).pathname,
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
