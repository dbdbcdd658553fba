import { parseArgs } from 'node:util';
import type { SimEnv } from './env.ts';
import { isScenarioName, SCENARIO_NAMES, type ScenarioName } from './scenarios/index.ts';
import { isSystemId, SYSTEM_IDS, type SystemId } from './systems.ts';

export interface CliConfig {
  apiUrl: string;
  key: string;
  sites: string[];
  /** Systems each site reports on (they must be registered in the API). */
  systems: SystemId[];
  scenario: ScenarioName;
  seed: number;
  speed: number;
  backfillMs: number;
  /** How much of the recent past is replayed at `speed` rather than posted in bulk. */
  replayMs: number;
  /** 'HH:MM' (London), 'now' or an ISO instant. */
  outageAt: string;
  outageMs: number;
  /** Simulate but do not post before this instant (`now-45m` or ISO): warms the floor up. */
  postFrom?: string | undefined;
  /** End the backfill at this instant instead of now (`now-45m` or ISO). */
  until?: string | undefined;
  snapshotEveryMs: number;
  heartbeatEveryMs: number;
  callsPerDay: number;
  staffing: number;
  runId: string | undefined;
  concurrency: number;
  once: boolean;
  dryRun: boolean;
}

export const USAGE = `Usage: tsx src/cli.ts --key KEY --sites a,b,c [options]

  --api URL              API base URL (default $SIM_API_URL or http://127.0.0.1:4000)
  --key KEY              ingestion API key (default $SIM_KEY)
  --sites a,b,c          site ids, as registered in the API (required)
  --systems a,b          systems each site reports on (default ${SYSTEM_IDS.join(',')})
  --scenario NAME        ${SCENARIO_NAMES.join(' | ')} (default normal)
  --seed N               random seed (default 1)
  --speed N              live speed: 1 = real time, 60 = an hour a minute (never ahead of the clock)
  --backfill DUR         history to generate first, e.g. 28d, 6h, 0 (default 28d)
  --replay DUR           recent history replayed at --speed instead of in bulk (default 0; 6h if speed > 1)
  --outage-at WHEN       HH:MM London time (the window under way or the next), now, now-45m, or ISO (default 07:00)
  --post-from WHEN       simulate from the backfill start but post only from WHEN (now-45m or ISO)
  --until WHEN           end the backfill at WHEN instead of now (now-45m or ISO)
  --outage-hours N       outage / degradation length in hours (default 6)
  --snapshot-every DUR   queue snapshot interval (default 15s)
  --heartbeat-every DUR  system heartbeat interval (default 30s)
  --calls-per-day N      weekday calls per site (default 1800)
  --staffing F           rota multiplier (default 1)
  --run-id ID            call id prefix (default from seed and start; same seed + day ⇒ same ids)
  --concurrency N        requests in flight during backfill (default 2)
  --once                 backfill (and replay), then exit
  --dry-run              generate and count, post nothing
  --help`;

/** An instant given as `now`, `now-45m` (any duration) or ISO 8601 with an offset; undefined if none of these. */
export function parseInstant(text: string, nowMs: number): number | undefined {
  const at = text.trim();
  if (at === 'now') return nowMs;
  const relative = /^now-(.+)$/.exec(at);
  if (relative) return nowMs - parseDuration(relative[1] ?? '');
  const ms = Date.parse(at);
  return Number.isFinite(ms) && /[Zz]|[+-]\d\d:?\d\d$/.test(at) ? ms : undefined;
}

/** Parses "28d", "6h", "90m", "15s", "500ms" or "0" into ms. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration (e.g. 28d, 6h, 90m, 15s)`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 's'] ?? 1;
  return Math.round(Number(match[1]) * unit);
}

export function parseCli(argv: readonly string[], env: SimEnv): CliConfig | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      api: { type: 'string' },
      key: { type: 'string' },
      sites: { type: 'string' },
      systems: { type: 'string', default: SYSTEM_IDS.join(',') },
      scenario: { type: 'string', default: 'normal' },
      seed: { type: 'string', default: '1' },
      speed: { type: 'string', default: '1' },
      backfill: { type: 'string', default: '28d' },
      replay: { type: 'string' },
      'outage-at': { type: 'string', default: '07:00' },
      'outage-hours': { type: 'string', default: '6' },
      'post-from': { type: 'string' },
      until: { type: 'string' },
      'snapshot-every': { type: 'string', default: '15s' },
      'heartbeat-every': { type: 'string', default: '30s' },
      'calls-per-day': { type: 'string', default: '1800' },
      staffing: { type: 'string', default: '1' },
      'run-id': { type: 'string' },
      concurrency: { type: 'string', default: '2' },
      once: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const sites = (values.sites ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (sites.length === 0) throw new Error('--sites is required (comma-separated site ids)');
  const systems = values.systems
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = systems.find((s) => !isSystemId(s));
  if (unknown !== undefined || systems.length === 0) {
    throw new Error(
      `--systems must list some of ${SYSTEM_IDS.join(', ')}${unknown ? `; got "${unknown}"` : ''}`,
    );
  }
  const scenario = values.scenario;
  if (!isScenarioName(scenario)) throw new Error(`--scenario must be one of ${SCENARIO_NAMES.join(', ')}`);
  const dryRun = values['dry-run'];
  const key = values.key ?? env.key ?? '';
  if (!key && !dryRun) throw new Error('--key (or SIM_KEY) is required');
  const speed = positive('--speed', values.speed);
  const backfillMs = parseDuration(values.backfill);
  const replayMs = Math.min(
    backfillMs,
    values.replay ? parseDuration(values.replay) : speed > 1 ? 6 * 3_600_000 : 0,
  );
  return {
    apiUrl: values.api ?? env.apiUrl ?? 'http://127.0.0.1:4000',
    key,
    sites,
    systems: systems as SystemId[],
    scenario,
    seed: integer('--seed', values.seed),
    speed,
    backfillMs,
    replayMs,
    outageAt: values['outage-at'],
    outageMs: Math.round(positive('--outage-hours', values['outage-hours']) * 3_600_000),
    postFrom: values['post-from'],
    until: values.until,
    snapshotEveryMs: parseDuration(values['snapshot-every']),
    heartbeatEveryMs: parseDuration(values['heartbeat-every']),
    callsPerDay: positive('--calls-per-day', values['calls-per-day']),
    staffing: positive('--staffing', values.staffing),
    runId: values['run-id'],
    concurrency: Math.max(1, integer('--concurrency', values.concurrency)),
    once: values.once,
    dryRun,
  };
}

function positive(flag: string, text: string): number {
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`${flag} must be a positive number, got "${text}"`);
  return n;
}

function integer(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`${flag} must be an integer, got "${text}"`);
  return n;
}
