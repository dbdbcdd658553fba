/**
 * `npm start`: the whole of Switchboard on one machine — the API on the embedded database (or
 * DATABASE_URL), the dashboard, and the simulator feeding it (4 weeks of history on the first start,
 * then live). Ctrl-C stops everything. Flags other than the ones below go to the simulator, e.g.
 * `npm start -- --scenario cas-outage --outage-at now` to watch an Adastra-style outage happen.
 *   --no-simulator   start the API and dashboard only
 *   --no-dashboard   start the API and simulator only
 */
import { join } from 'node:path';
import { readDemoEnv } from './env.ts';
import { run, type Service, startService, stopService, waitForHttp } from './processes.ts';
import { DEMO_ADMIN, ensureDemoSetup, writeState } from './setup.ts';
import { DEMO_SITES } from './sites.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = (name: string) => join(ROOT, 'node_modules/.bin', name);
const SIMULATOR = join(ROOT, 'apps/simulator/src/cli.ts');

const argv = process.argv.slice(2);
const withSimulator = !argv.includes('--no-simulator');
const withDashboard = !argv.includes('--no-dashboard');
const passedArgs = argv.filter((a) => a !== '--no-simulator' && a !== '--no-dashboard');
/**
 * `--outage-at now-45m`: the outage began 45 minutes ago. The live feed warms the floor up (simulated, not
 * posted), posts those 45 minutes at once, then goes on live; on a first start the history stops where they
 * begin. Every process gets the same instants.
 */
const outageFlag = passedArgs.indexOf('--outage-at');
const outageAt = outageFlag >= 0 ? passedArgs[outageFlag + 1] : undefined;
const lead = outageAt ? /^now-(\d+)m$/.exec(outageAt) : null;
const outageStart = lead
  ? new Date(Math.floor(Date.now() / 60_000) * 60_000 - Number(lead[1]) * 60_000)
  : null;
const simulatorArgs = outageStart
  ? passedArgs.map((a, i) => (i === outageFlag + 1 ? outageStart.toISOString() : a))
  : passedArgs;
const liveBackfill = outageStart
  ? ['--backfill', '1d', '--post-from', outageStart.toISOString()]
  : ['--backfill', '0'];
const historyUntil = outageStart ? ['--until', outageStart.toISOString()] : [];

const env = readDemoEnv();
const apiUrl = `http://${env.HOST}:${env.API_PORT}`;
const dashboardUrl = `http://${env.HOST}:${env.DASHBOARD_PORT}`;
const services: Service[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('Stopping Switchboard…');
    // Feed first, then the dashboard, then the API (which closes the database cleanly).
    for (const service of [...services].reverse()) await stopService(service);
    console.log('Switchboard stopped.');
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

function watch(service: Service): Service {
  services.push(service);
  void service.exited.then((code) => {
    if (!stopping) {
      console.error(`[${service.name}] exited unexpectedly (code ${code}); stopping the rest.`);
      void stopAll(1);
    }
  });
  return service;
}

try {
  const started = performance.now();
  // Sign-in links and redirects are on the origin people open: the dashboard (it proxies /api/auth/*).
  const publicUrl = withDashboard ? dashboardUrl : apiUrl;
  const { state, signInUrl } = await ensureDemoSetup(env, publicUrl);
  if (withDashboard) {
    console.log('Building the dashboard (cached after the first time)…');
    await run(BIN('turbo'), ['run', 'build', '--filter=@switchboard/dashboard', '--output-logs=errors-only']);
  }
  const dbEnv = { DATA_DIR: env.DATA_DIR, DATABASE_URL: env.DATABASE_URL ?? '' };
  const api = watch(
    startService('api', BIN('tsx'), [join(ROOT, 'apps/api/src/server.ts')], {
      ...dbEnv,
      API_PORT: String(env.API_PORT),
      HOST: env.HOST,
      PUBLIC_URL: publicUrl,
    }),
  );
  await waitForHttp(`${apiUrl}/readyz`, api);
  if (withDashboard) {
    const dashboard = watch(
      startService('dashboard', BIN('tsx'), [join(ROOT, 'apps/dashboard/server.ts')], {
        API_URL: apiUrl,
        DASHBOARD_PORT: String(env.DASHBOARD_PORT),
        DASHBOARD_HOST: env.HOST,
      }),
    );
    await waitForHttp(dashboardUrl, dashboard);
  }
  if (withSimulator) {
    const sites = ['--api', apiUrl, '--key', state.key, '--sites', DEMO_SITES.map((s) => s.id).join(',')];
    const runId = `demo${Date.now().toString(36)}`;
    // Live from now on, at once; on the first start a second feed fills in the 4 weeks before it, with
    // sparser snapshots and heartbeats so the history loads in minutes (the dashboard works meanwhile).
    watch(
      startService('simulator', BIN('tsx'), [
        SIMULATOR,
        ...sites,
        '--run-id',
        runId,
        ...liveBackfill,
        ...simulatorArgs,
      ]),
    );
    if (!state.backfilledAt) {
      console.log('First start: loading 4 weeks of simulated history in the background (a few minutes).');
      const history = startService('history', BIN('tsx'), [
        SIMULATOR,
        ...sites,
        ...['--run-id', `${runId}h`, '--backfill', '28d', '--once', '--concurrency', '1'],
        ...['--snapshot-every', '60s', '--heartbeat-every', '60s'],
        ...historyUntil,
      ]);
      services.push(history);
      void history.exited.then((code) => {
        if (code === 0 && !stopping) {
          state.backfilledAt = new Date().toISOString();
          writeState(env, state);
          console.log('History loaded: a later start will not load it again.');
        }
      });
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\nSwitchboard is running (${seconds} s):`);
  if (withDashboard) console.log(`  dashboard  ${dashboardUrl}`);
  console.log(`  sign in    ${signInUrl}`);
  console.log(
    `             (a one-time link for ${DEMO_ADMIN.email}, an administrator; a new one on every start)`,
  );
  console.log(
    `  API        ${apiUrl}  (database: ${env.DATABASE_URL ? 'PostgreSQL' : `embedded, in ${env.DATA_DIR}`})`,
  );
  console.log('Press Ctrl-C to stop.\n');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}
