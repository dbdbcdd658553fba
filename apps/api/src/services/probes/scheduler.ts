import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { LIMITS } from '@switchboard/contracts';
import { type Db, type Probe, rowsOf } from '@switchboard/db';
import { sql } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import type { IngestService } from '../ingest/service.ts';
import type { FeedKey } from '../keys.ts';
import type { CheckResult } from './checks/result.ts';
import { type ProbeDefinition, runProbe } from './checks/run.ts';
import { PROBE_KEY_PREFIX } from './store.ts';

/** One run, as the scheduler reports it (tests and the benchmark listen). */
export interface ProbeRun {
  probeId: string;
  owner: string;
  /** When the run was due (the lease it took over ran out), epoch ms; null for a new or changed probe. */
  dueAt: number | null;
  startedAt: number;
  result: CheckResult;
}

export interface ProbeSchedulerOptions {
  db: Db;
  ingest: Pick<IngestService, 'systemStatus'>;
  /** This instance's name in the lease (default: host, process and a random part). */
  owner?: string;
  /** The clock (tests pass their own). */
  now?: () => number;
  /** How often due probes are claimed. */
  tickMs?: number;
  /** Most checks in flight on this instance; a tick claims only what fits. */
  maxConcurrent?: number;
  /** One probe's check with its retries (tests and the benchmark may pass their own). */
  run?: (probe: ProbeDefinition) => Promise<CheckResult>;
  onRun?: (run: ProbeRun) => void;
}

type Claimed = {
  id: string;
  system_id: string;
  site_id: string | null;
  kind: Probe['kind'];
  target: string;
  component: string | null;
  expect_status: number | null;
  expect_keyword: string | null;
  expect_json_path: string | null;
  expect_json_value: string | null;
  degraded_ms: number | null;
  timeout_ms: number;
  retries: number;
  due_at: number | null;
};

/** Control characters other than tab and line breaks, which the contract refuses in `detail`. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const cleanDetail = (text: string) => text.replace(CONTROL, ' ').slice(0, LIMITS.detailLength);

/**
 * Runs due probes. Every tick it claims, in one UPDATE, the probes due before the next tick: a probe is due
 * when its lease runs out (or it has none); claiming moves the lease one interval on from when it was due
 * (or from now, if that is already past) and the check starts at the due time, so scheduling lag is timer
 * precision rather than a tick. So across all instances on one database each probe runs once per interval,
 * and when the instance that ran it dies another claims it when the lease runs out — within one interval.
 * Results go through the ingestion service (source `probe`), like a pushed report.
 */
export function createProbeScheduler(options: ProbeSchedulerOptions) {
  const { db, ingest } = options;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const now = options.now ?? Date.now;
  const tickMs = options.tickMs ?? 1_000;
  const maxConcurrent = options.maxConcurrent ?? 100;
  const run = options.run ?? runProbe;
  const inFlight = new Set<Promise<void>>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let ticking: Promise<number> | undefined;
  /** The last tick claimed all it could: more may be due, so a finished check asks for another tick. */
  let saturated = false;
  let stopped = false;

  async function claim(limit: number): Promise<Claimed[]> {
    const at = new Date(now()).toISOString();
    // Probes due before the next tick are claimed now and started at their due time (see tickOnce).
    const horizon = new Date(now() + tickMs).toISOString();
    return rowsOf<Claimed>(
      db,
      sql`with due as (
          select id, lease_until from probes
          where enabled and (lease_until is null or lease_until <= ${horizon}::timestamptz)
          order by lease_until nulls first
          limit ${limit}
          for update skip locked
        )
        update probes p set lease_owner = ${owner}, last_run_at = ${at}::timestamptz,
          lease_until = case
            -- A new (or changed) probe runs now and next between half an interval and one interval on,
            -- spread by its id, so probes added together do not all fall due in the same second.
            when due.lease_until is null then ${at}::timestamptz
              + make_interval(secs => p.interval_s * (0.5 + (abs(hashtext(p.id)) % 1000) / 2000.0))
            when due.lease_until + make_interval(secs => p.interval_s) <= ${at}::timestamptz
            then ${at}::timestamptz + make_interval(secs => p.interval_s)
            else due.lease_until + make_interval(secs => p.interval_s) end
        from due
        where p.id = due.id and p.enabled
          and (p.lease_until is null or p.lease_until <= ${horizon}::timestamptz)
        returning p.id, p.system_id, p.site_id, p.kind, p.target, p.component, p.expect_status,
          p.expect_keyword, p.expect_json_path, p.expect_json_value, p.degraded_ms, p.timeout_ms, p.retries,
          (extract(epoch from due.lease_until) * 1000)::float8 as due_at`,
    );
  }

  async function execute(probe: Claimed): Promise<void> {
    const wait = probe.due_at === null ? 0 : Number(probe.due_at) - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // Stopping: a check not started yet is dropped (its lease runs out and the probe is claimed again).
    if (stopped) return;
    const startedAt = now();
    const result = await run({
      kind: probe.kind,
      target: probe.target,
      component: probe.component,
      timeoutMs: Number(probe.timeout_ms),
      retries: Number(probe.retries),
      degradedMs: probe.degraded_ms === null ? null : Number(probe.degraded_ms),
      expectStatus: probe.expect_status === null ? null : Number(probe.expect_status),
      expectKeyword: probe.expect_keyword,
      expectJsonPath: probe.expect_json_path,
      expectJsonValue: probe.expect_json_value,
    }).catch((error: unknown) => ({
      status: 'down' as const,
      detail: `check failed: ${error instanceof Error ? error.message : 'error'}`,
      responseMs: Math.max(0, Math.round(now() - startedAt)),
    }));
    const key: FeedKey = { id: `${PROBE_KEY_PREFIX}${probe.id}`, feed: 'probes', siteIds: ['*'] };
    const report = {
      systemId: probe.system_id,
      ...(probe.site_id ? { siteId: probe.site_id } : {}),
      status: result.status,
      source: 'probe' as const,
      detail: cleanDetail(result.detail),
      responseMs: Math.min(LIMITS.maxResponseMs, Math.max(0, Math.round(result.responseMs))),
    };
    // A report is identified by stream, instant and source: when another probe of the same stream reported
    // in the same millisecond, this one moves on a millisecond (at most a few times).
    for (let nudge = 0; nudge < 5; nudge++) {
      try {
        await ingest.systemStatus(key, {
          statuses: [{ ...report, at: new Date(startedAt + nudge).toISOString() }],
        });
        break;
      } catch (error) {
        if (error instanceof DomainError && error.kind === 'conflict' && nudge < 4) continue;
        // The probe's system or site went away while it ran (its row cascades away with it), or the
        // database is unreachable: the run is lost, the next one comes when the lease runs out.
        console.error(
          `[probes] could not store the result of ${probe.id}:`,
          error instanceof Error ? error.message : error,
        );
        break;
      }
    }
    options.onRun?.({
      probeId: probe.id,
      owner,
      dueAt: probe.due_at === null ? null : Number(probe.due_at),
      startedAt,
      result,
    });
  }

  /** Claims what is due (up to the free concurrency) and starts it; resolves to how many it started. */
  async function tickOnce(): Promise<number> {
    const free = maxConcurrent - inFlight.size;
    if (free <= 0) return 0;
    const claimed = await claim(free);
    saturated = claimed.length === free;
    for (const probe of claimed) {
      const running: Promise<void> = execute(probe).finally(() => {
        inFlight.delete(running);
        if (saturated && timer) void tick();
      });
      inFlight.add(running);
    }
    return claimed.length;
  }

  function tick(): Promise<number> {
    ticking ??= tickOnce()
      .catch((error: unknown) => {
        console.error('[probes] claiming due probes failed:', error instanceof Error ? error.message : error);
        return 0;
      })
      .finally(() => {
        ticking = undefined;
      });
    return ticking;
  }

  return {
    owner,
    tick,
    inFlight: () => inFlight.size,
    start() {
      if (timer) return;
      stopped = false;
      timer = setInterval(() => void tick(), tickMs);
      timer.unref?.();
      void tick();
    },
    /**
     * Stops claiming, drops checks not started yet, and waits for the ones running (each bounded by its
     * timeout × attempts).
     */
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await ticking;
      await Promise.allSettled([...inFlight]);
    },
  };
}
export type ProbeScheduler = ReturnType<typeof createProbeScheduler>;
