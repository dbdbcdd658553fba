/**
 * The whole product under load, as a trust runs it: N API instances and N dashboards on one database, feeds
 * posting at a chosen rate to the APIs in turn, and wallboard-like subscribers on the dashboards' live
 * stream, each refetching the overview after every change. Bounded: it runs for `seconds`, then stops
 * feeding, waits for what is in flight, and counts what was stored against what was acknowledged.
 * Used by `npm run bench` (bench/load.ts: 10 minutes, figures) and by CI (e2e/load.test.ts: 60 s, errors and
 * loss only).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAdmin } from '@switchboard/api/admin';
import { freePort, spawnUntil, stopChild } from '@switchboard/api/testing/spawn';
import { createDb } from '@switchboard/db';
import { createTestDb } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import { startDashboard } from '../e2e/support/dashboard.ts';
import { API_SERVER, REPO_ROOT } from '../e2e/support/paths.ts';
import { cpuSeconds, renice } from './processes.ts';
import { type RssReading, type RssSummary, rssMb, summariseRss } from './rss.ts';
import { type ServerFigures, serverFigures } from './server-metrics.ts';

export interface LoadOptions {
  backend: 'postgres' | 'pglite';
  seconds: number;
  /** Instances of each (PGlite allows one). */
  instances: number;
  subscribers: number;
  /** Calls a second across all sites; each call is three events (offered, answered or abandoned, ended). */
  callsPerSecond: number;
  sites?: number;
  /** When the after-warm-up memory figures start; default a third of the run, at least 60 s (see bench/load.ts). */
  warmupSeconds?: number;
  /**
   * The dashboards' CPU priority (nice, 0–19; default 0): on a host they share with the APIs, ingestion
   * first (docs/deploy.md, "Sizing"). The subscribers always run at 19: they stand for 200 screens on
   * other machines, and the load generator must not take the CPU of the system it measures.
   */
  dashboardNice?: number;
  log?: (line: string) => void;
}

export interface LoadResult {
  ingest: { requests: number; errors: number; p50: number; p99: number; eventsAcked: number };
  stored: number;
  live: {
    subscribers: number;
    errors: number;
    changes: number;
    refetches: number;
    refetchErrors: number;
    delayP95: number;
  };
  rss: ({ name: string; warmupSeconds: number } & RssSummary)[];
  /** CPU seconds each part used while the feed ran (`feed`: this process, the load generator itself). */
  cpu: { name: string; seconds: number }[];
  /** What each API's own metrics say at the end (batch times inside the API, event loop, scavenges). */
  servers: ({ name: string } & ServerFigures)[];
  errorSamples: string[];
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
};

interface SubscriberReport {
  errors: number;
  changes: number;
  refetches: number;
  refetchErrors: number;
  errorSamples: string[];
  /** Per subscriber, when it heard each change (epoch ms, ascending). */
  heard: number[][];
}

/** How often each process's RSS is read during the run. */
const RSS_EVERY_MS = 5_000;

const SUBSCRIBERS = new URL('./load-subscribers.ts', import.meta.url).pathname;

/** For every acknowledged batch and every subscriber: how long until that subscriber next heard a change. */
function changeDelays(acks: number[], heard: number[][]): number[] {
  const delays: number[] = [];
  const sorted = [...acks].sort((a, b) => a - b);
  for (const times of heard) {
    let next = 0;
    for (const ack of sorted) {
      while (next < times.length && (times[next] ?? 0) < ack) next += 1;
      const at = times[next];
      if (at !== undefined) delays.push(at - ack);
    }
  }
  return delays;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? (() => {});
  const warmupSeconds = options.warmupSeconds ?? Math.max(60, options.seconds / 3);
  const siteIds = Array.from({ length: options.sites ?? 10 }, (_, i) => `site-${i}`);
  const secret = randomBytes(32).toString('base64url');
  const cleanups: (() => Promise<void> | void)[] = [];
  const errorSamples: string[] = [];
  const sample = (what: string) => {
    if (errorSamples.length < 10) errorSamples.push(what.slice(0, 300));
  };
  try {
    // The database, seeded as the command-line tools do.
    let dbEnv: Record<string, string>;
    let count: () => Promise<number>;
    if (options.backend === 'postgres') {
      const test = await createTestDb('postgres');
      cleanups.push(() => test.destroy());
      dbEnv = { DATABASE_URL: test.url ?? '' };
      count = async () => Number((await test.rows(sql`select count(*)::int as n from call_events`))[0]?.n);
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'sb-load-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      dbEnv = { DATA_DIR: dir, DATABASE_URL: '' };
      count = async () => {
        const database = await createDb({ dataDir: dir });
        try {
          return Number((await database.rows(sql`select count(*)::int as n from call_events`))[0]?.n);
        } finally {
          await database.close();
        }
      };
    }
    const env = { ...process.env, ...dbEnv, BETTER_AUTH_SECRET: secret };
    const admin = await openAdmin(env, 'bench');
    let key: string;
    let display: string;
    try {
      for (const id of siteIds) await admin.addSite({ id, name: `Site ${id}` });
      key = (await admin.createKey({ siteIds: ['*'], feed: 'load' })).key;
      display = (await admin.createDisplay({ name: 'load', sites: 'all' })).token;
    } finally {
      await admin.close();
    }

    // The instances.
    const apis: { url: string; pid: number | undefined }[] = [];
    const dashboards: { url: string; pid: number | undefined }[] = [];
    for (let i = 0; i < options.instances; i++) {
      const child = await spawnUntil(process.execPath, ['--import', 'tsx', API_SERVER], {
        cwd: REPO_ROOT,
        env: { ...env, API_PORT: '0', HOST: '127.0.0.1', INGEST_MAX_REQUESTS_PER_S: '100000' },
        ready: /listening on http:\/\/127\.0\.0\.1:(\d+)/,
      });
      cleanups.push(() => stopChild(child.process));
      apis.push({ url: `http://127.0.0.1:${child.match[1]}`, pid: child.process.pid });
    }
    for (const api of apis) {
      const dashboard = await startDashboard(api.url, await freePort());
      cleanups.push(() => dashboard.stop());
      dashboards.push({ url: dashboard.url, pid: dashboard.pid });
    }
    log(`${apis.length} API and ${dashboards.length} dashboard instance(s) on ${options.backend}`);

    // Subscribers: wallboards' live streams and overview refetches, through the dashboards, in a process of
    // their own (bench/load-subscribers.ts).
    const subscribers = await spawnUntil(process.execPath, ['--import', 'tsx', SUBSCRIBERS], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DASHBOARDS: dashboards.map((d) => d.url).join(','),
        COOKIE: `sb_display=${encodeURIComponent(display)}`,
        SUBSCRIBERS: String(options.subscribers),
      },
      ready: /^connected$/m,
    });
    cleanups.push(() => stopChild(subscribers.process));
    log(`${options.subscribers} live subscribers connected`);
    // Priorities: see LoadOptions.dashboardNice.
    renice(subscribers.process.pid, 19);
    for (const dashboard of dashboards) renice(dashboard.pid, options.dashboardNice ?? 0);
    const acks: number[] = [];

    // Memory: every RSS_EVERY_MS from just before the feed starts (the cold figure) until it stops.
    const processes = [
      ...apis.map((a, i) => ({ name: `api-${i + 1}`, pid: a.pid })),
      ...dashboards.map((d, i) => ({ name: `dashboard-${i + 1}`, pid: d.pid })),
    ];
    const readings: RssReading[][] = processes.map(() => []);
    const feedStart = Date.now();
    const readRss = () => {
      const at = Date.now() - feedStart;
      rssMb(processes.map((p) => p.pid)).forEach((mb, i) => {
        readings[i]?.push({ at, mb });
      });
    };
    readRss();
    const rssTimer = setInterval(readRss, RSS_EVERY_MS);
    // CPU: where the machine's time goes while the feed runs.
    const cpuGroups = [
      ...processes,
      { name: 'subscribers', pid: subscribers.process.pid },
      { name: 'postgres', processName: 'postgres' },
    ];
    const cpuNow = () => {
      const own = process.cpuUsage();
      return [...cpuSeconds(cpuGroups), (own.user + own.system) / 1e6];
    };
    const cpuAtStart = cpuNow();
    cleanups.push(() => clearInterval(rssTimer));

    // The feed: every 100 ms a batch of calls for one site, to the APIs in turn; a queue snapshot per site
    // each second. Nothing is sent twice, so every acknowledged event must be stored once.
    const latencies: number[] = [];
    const ingest = { requests: 0, errors: 0, eventsAcked: 0 };
    const inFlight = new Set<Promise<void>>();
    const post = (procedure: string, body: unknown, events: number) => {
      const api = apis[ingest.requests % apis.length]?.url ?? '';
      ingest.requests += 1;
      const started = performance.now();
      const request = (async () => {
        try {
          const reply = await fetch(`${api}/trpc/ingest.${procedure}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          const text = await reply.text();
          latencies.push(performance.now() - started);
          if (!reply.ok) {
            ingest.errors += 1;
            sample(`ingest ${reply.status} ${text}`);
            return;
          }
          if (events > 0) {
            const data = JSON.parse(text).result.data as { accepted: number; duplicates: number };
            ingest.eventsAcked += data.accepted + data.duplicates;
          }
          acks.push(Date.now());
        } catch (error) {
          ingest.errors += 1;
          sample(`ingest ${(error as Error).message}`);
        }
      })();
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
    };
    const runId = randomBytes(3).toString('hex');
    let call = 0;
    let owed = 0;
    const end = Date.now() + options.seconds * 1000;
    for (let tick = 0; Date.now() < end; tick++) {
      const now = Date.now();
      owed += options.callsPerSecond / 10;
      const calls = Math.floor(owed);
      owed -= calls;
      if (calls > 0) {
        const siteId = siteIds[tick % siteIds.length] as string;
        const events = [];
        for (let c = 0; c < calls; c++) {
          const callId = `${runId}-${call++}`;
          const waitMs = 5_000 + ((call * 7919) % 90_000);
          const at = (ms: number) => new Date(now - 120_000 + ms).toISOString();
          events.push({ siteId, callId, kind: 'offered', at: at(0), queue: 'main' });
          if (call % 20 === 0) {
            events.push({ siteId, callId, kind: 'abandoned', at: at(waitMs), waitMs, queue: 'main' });
          } else {
            events.push({ siteId, callId, kind: 'answered', at: at(waitMs), waitMs, queue: 'main' });
            events.push({ siteId, callId, kind: 'ended', at: at(waitMs + 1_000), queue: 'main' });
          }
        }
        post('callEvents', { events }, events.length);
      }
      if (tick % 10 === 0) {
        const at = new Date(now).toISOString();
        const snapshots = siteIds.map((siteId, i) => ({
          siteId,
          queue: 'main',
          at,
          callsWaiting: (tick + i) % 12,
          longestWaitMs: ((tick + i) % 12) * 9_000,
          agentsAvailable: 3,
          agentsOnCall: 20,
          agentsWrapUp: 2,
        }));
        post('queueSnapshots', { snapshots }, 0);
      }
      const next = now + 100 - Date.now();
      if (next > 0) await new Promise((r) => setTimeout(r, next));
    }
    clearInterval(rssTimer);
    readRss();
    const cpuAtEnd = cpuNow();
    const cpu = [...cpuGroups.map((g) => g.name), 'feed'].map((name, i) => ({
      name,
      seconds: (cpuAtEnd[i] ?? 0) - (cpuAtStart[i] ?? 0),
    }));
    await Promise.all([...inFlight]);
    // The last changes reach the subscribers (coalesced at most every 250 ms), then everything stops.
    await new Promise((r) => setTimeout(r, 2_000));
    const reported = new Promise<string>((resolve) =>
      subscribers.process.once('exit', () => resolve(subscribers.output())),
    );
    subscribers.process.kill('SIGTERM');
    const report = JSON.parse((await reported).trim().split('\n').pop() ?? '{}') as SubscriberReport;
    errorSamples.push(...report.errorSamples);
    const servers = await Promise.all(
      apis.map(async (api, i) => ({
        name: `api-${i + 1}`,
        ...serverFigures(await fetch(`${api.url}/metrics`).then((r) => (r.ok ? r.text() : ''))),
      })),
    );
    for (const cleanup of cleanups.splice(1).reverse()) await cleanup();
    const stored = await count();
    return {
      ingest: {
        ...ingest,
        p50: quantile(latencies, 0.5),
        p99: quantile(latencies, 0.99),
      },
      stored,
      live: {
        subscribers: options.subscribers,
        errors: report.errors,
        changes: report.changes,
        refetches: report.refetches,
        refetchErrors: report.refetchErrors,
        delayP95: quantile(changeDelays(acks, report.heard), 0.95),
      },
      rss: processes.map((p, i) => ({
        name: p.name,
        warmupSeconds,
        ...summariseRss(readings[i] ?? [], warmupSeconds * 1000, options.seconds * 1000),
      })),
      cpu,
      servers,
      errorSamples,
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
