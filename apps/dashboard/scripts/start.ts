import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { readEnv } from '../env.ts';
import { buildIfStale } from './build-if-stale.ts';

/**
 * `npm run start:dashboard`: `next start` on DASHBOARD_PORT (default 3000), bound to DASHBOARD_HOST, after
 * building if the build is missing or older than the sources.
 */
const env = readEnv();
buildIfStale();
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const cwd = fileURLToPath(new URL('..', import.meta.url));
const child = spawn(
  process.execPath,
  [nextBin, 'start', '-p', String(env.DASHBOARD_PORT), '-H', env.DASHBOARD_HOST],
  { cwd, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } },
);
console.log(
  `Switchboard dashboard on http://${env.DASHBOARD_HOST}:${env.DASHBOARD_PORT} (API ${env.API_URL})`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
