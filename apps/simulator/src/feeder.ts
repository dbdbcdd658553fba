import { type CliConfig, parseInstant } from './cli-args.ts';
import { sleep } from './client.ts';
import { Simulation } from './generate.ts';
import { DAY_MS, HOUR_MS, parseClock } from './model/calendar.ts';
import { Poster } from './poster.ts';
import { buildScenario, occurrenceAfter, type Scenario } from './scenarios/index.ts';

export interface FeedRun {
  signal: AbortSignal;
  log: (line: string) => void;
}

/**
 * Backfills [start, now − replay) in bulk, replays the rest at `speed`, then keeps posting live, one tick a
 * second, never past the wall clock. `start` is UTC midnight before now − backfill, so a restart the same day
 * with the same seed regenerates the same calls and ids (the API counts them as duplicates).
 */
export async function runFeed(cfg: CliConfig, { signal, log }: FeedRun): Promise<Poster> {
  const nowMs = Date.now();
  const start = cfg.backfillMs > 0 ? Math.floor((nowMs - cfg.backfillMs) / DAY_MS) * DAY_MS : nowMs;
  const until = cfg.until === undefined ? nowMs : instantFlag('--until', cfg.until, nowMs);
  const liveStart = Math.min(until, Math.max(start, nowMs - cfg.replayMs));
  const postFrom = cfg.postFrom === undefined ? start : instantFlag('--post-from', cfg.postFrom, nowMs);
  const scenario = scenarioFor(cfg, liveStart, nowMs);
  const sim = new Simulation({
    sites: cfg.sites.map((id) => ({
      id,
      callsPerDay: cfg.callsPerDay,
      staffingFactor: cfg.staffing,
      systems: cfg.systems,
    })),
    from: new Date(start),
    scenario,
    seed: cfg.seed,
    snapshotEveryMs: cfg.snapshotEveryMs,
    heartbeatEveryMs: cfg.heartbeatEveryMs,
    ...(cfg.runId ? { runId: cfg.runId } : {}),
  });
  const poster = new Poster(cfg.apiUrl, cfg.key, { concurrency: cfg.concurrency, dryRun: cfg.dryRun, log });
  log(
    `${cfg.dryRun ? '[dry run] ' : ''}${cfg.sites.length} site(s), scenario ${scenario.name}, seed ${cfg.seed}, ` +
      `run ${sim.runId}, from ${new Date(start).toISOString()}`,
  );
  for (const d of scenario.disruptions) {
    log(
      `  ${d.systems.join(', ')} ${d.status} ${new Date(d.startMs).toISOString()} → ${new Date(d.endMs).toISOString()}`,
    );
  }

  const began = performance.now();
  let lastDay = Math.floor(start / DAY_MS);
  while (!signal.aborted && sim.now.getTime() < liveStart) {
    const next = Math.min(liveStart, (Math.floor(sim.now.getTime() / HOUR_MS) + 1) * HOUR_MS);
    // Before --post-from the floor is only warmed up: simulated, not posted.
    if (sim.now.getTime() < postFrom) sim.advance(Math.min(next, postFrom));
    if (next > sim.now.getTime()) take(poster, sim, next);
    await poster.flush(next < liveStart);
    const day = Math.floor(next / DAY_MS);
    if (day !== lastDay || next === liveStart) {
      lastDay = day;
      log(`backfilled to ${new Date(next).toISOString()} ${summary(poster)} in ${seconds(began)}`);
    }
  }
  if (!signal.aborted) log(`backfill complete, ${summary(poster)} in ${seconds(began)}; going live`);
  if ((cfg.once && cfg.replayMs === 0) || until < nowMs) return poster;

  const wallStart = Date.now();
  let lastLog = wallStart;
  while (!signal.aborted) {
    const tickStart = Date.now();
    const target = Math.min(tickStart, liveStart + (tickStart - wallStart) * cfg.speed);
    if (target > sim.now.getTime()) {
      take(poster, sim, target);
      await poster.flush();
    }
    if (cfg.once && target >= tickStart) break;
    if (tickStart - lastLog >= 60_000) {
      lastLog = tickStart;
      log(`live at ${sim.now.toISOString()} ${summary(poster)}`);
    }
    await sleep(Math.max(0, 1_000 - (Date.now() - tickStart)), signal);
  }
  await poster.flush();
  log(`stopped at ${sim.now.toISOString()} ${summary(poster)}`);
  return poster;
}

function take(poster: Poster, sim: Simulation, toMs: number): void {
  const batch = sim.advance(toMs);
  poster.add('systemStatus', batch.statuses);
  poster.add('callEvents', batch.events);
  poster.add('queueSnapshots', batch.snapshots);
}

/** Times the scenario: `HH:MM` is the window under way at the start of the live part, or the next one. */
export function scenarioFor(
  cfg: Pick<CliConfig, 'scenario' | 'outageAt' | 'outageMs'>,
  liveStart: number,
  nowMs: number,
): Scenario {
  const at = cfg.outageAt.trim();
  const minutes = parseClock(at);
  let startMs: number;
  if (minutes !== undefined) startMs = occurrenceAfter(liveStart, minutes, cfg.outageMs);
  else {
    const instant = parseInstant(at, nowMs);
    if (instant === undefined)
      throw new Error(
        `--outage-at must be HH:MM, now, now-45m, or an ISO instant with an offset; got "${at}"`,
      );
    // "now" and "now-45m" start on a whole minute.
    startMs = at.startsWith('now') ? Math.floor(instant / 60_000) * 60_000 : instant;
  }
  return buildScenario(cfg.scenario, { startMs, durationMs: cfg.outageMs });
}

function summary(poster: Poster): string {
  const t = poster.totals;
  const part = (name: string, x: { posted: number; duplicates: number }) =>
    `${x.posted.toLocaleString('en-GB')} ${name}${x.duplicates ? ` (${x.duplicates} dup)` : ''}`;
  return `— ${part('events', t.callEvents)}, ${part('snapshots', t.queueSnapshots)}, ${part('statuses', t.systemStatus)}`;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function instantFlag(flag: string, text: string, nowMs: number): number {
  const ms = parseInstant(text, nowMs);
  if (ms === undefined)
    throw new Error(`${flag} must be now-45m (any duration) or an ISO instant with an offset; got "${text}"`);
  return ms;
}
