import {
  type CallEvent,
  formatIssues,
  idField,
  LIMITS,
  type QueueSnapshot,
  type SystemStatusReport,
} from '@switchboard/contracts';
import { createDemand } from './model/arrivals.ts';
import { HOUR_MS } from './model/calendar.ts';
import { mergeByAt } from './model/iso-time.ts';
import { DEFAULT_HANDLING, DEFAULT_OUTCOMES, DEFAULT_PATIENCE } from './model/patience.ts';
import { meanOf } from './model/random.ts';
import { type SiteOutput, SiteSim } from './model/site-sim.ts';
import { buildRota } from './model/staffing.ts';
import {
  buildScenario,
  DEFAULT_DURATION_MS,
  DEFAULT_START_MINUTES,
  disruptionsFor,
  occurrenceAfter,
  type Scenario,
  type ScenarioName,
} from './scenarios/index.ts';
import { DEFAULT_CALLS_PER_DAY, type SiteSpec } from './site-spec.ts';
import { type StatusFeedSite, statusReports } from './status-feed.ts';
import { SYSTEM_IDS } from './systems.ts';

export interface SimulationOptions {
  sites: readonly SiteSpec[];
  from: Date;
  /** A scenario, or a name timed by default from the first 07:00 London time on or after `from`, for 6 h. */
  scenario?: Scenario | ScenarioName;
  seed: number;
  /** Queue snapshot interval per site (default 15 s; 0 = none). */
  snapshotEveryMs?: number;
  /** Heartbeat interval per site and system (default 30 s; 0 = none). */
  heartbeatEveryMs?: number;
  /** Prefix of call ids (default `s<seed>-<from as yyyymmddhhmm>`), so separate runs never share ids. */
  runId?: string;
  /** Queue name in events and snapshots (default 'main'). */
  queue?: string;
}

export interface SimulateOptions extends SimulationOptions {
  to: Date;
  /** Length of each batch (default 1 h); batches end on multiples of it. */
  chunkMs?: number;
}

/** What happened during [from, to): call events, queue snapshots and status reports, each in time order. */
export interface SimBatch {
  from: Date;
  to: Date;
  events: CallEvent[];
  snapshots: QueueSnapshot[];
  statuses: SystemStatusReport[];
}

/** The contract's id rule; a run id prefixes call ids, so it leaves room for the rest of a call id. */
const RUN_ID = idField('runId', 40);
const SITE_ID = idField('site id', LIMITS.idLength);

function checkId(field: typeof RUN_ID, value: string): void {
  const result = field.safeParse(value);
  if (!result.success) throw new Error(`"${value}": ${formatIssues(result.error.issues)}`);
}

/** A running simulation of several sites; `advance` moves it forward. Deterministic for a seed and `from`. */
export class Simulation {
  readonly scenario: Scenario;
  readonly runId: string;
  #now: number;
  readonly #sims: SiteSim[];
  readonly #feeds: StatusFeedSite[];
  readonly #heartbeatEveryMs: number;

  constructor(opts: SimulationOptions) {
    const start = opts.from.getTime();
    if (!Number.isFinite(start)) throw new Error('from must be a valid date');
    if (!Number.isSafeInteger(opts.seed)) throw new Error('seed must be an integer');
    const snapshotEveryMs = opts.snapshotEveryMs ?? 15_000;
    this.#heartbeatEveryMs = opts.heartbeatEveryMs ?? 30_000;
    if (snapshotEveryMs !== 0 && snapshotEveryMs < 1_000)
      throw new Error('snapshotEveryMs must be 0 or ≥ 1000');
    if (this.#heartbeatEveryMs !== 0 && this.#heartbeatEveryMs < 1_000) {
      throw new Error('heartbeatEveryMs must be 0 or ≥ 1000');
    }
    this.runId = opts.runId ?? `s${opts.seed}-${opts.from.toISOString().slice(0, 16).replace(/[-T:]/g, '')}`;
    checkId(RUN_ID, this.runId);
    const ids = new Set<string>();
    for (const site of opts.sites) {
      checkId(SITE_ID, site.id);
      if (ids.has(site.id)) throw new Error(`site id "${site.id}" appears twice`);
      ids.add(site.id);
    }
    this.scenario = resolveScenario(opts.scenario ?? 'normal', start);
    this.#now = start;
    this.#sims = [];
    this.#feeds = [];
    for (const site of opts.sites) {
      const systems = site.systems ?? SYSTEM_IDS;
      const disruptions = disruptionsFor(this.scenario, site.id, systems);
      const handling = site.handling ?? DEFAULT_HANDLING;
      const demand = createDemand(
        site.arrivals ?? { kind: 'nhs111', callsPerDay: site.callsPerDay ?? DEFAULT_CALLS_PER_DAY },
        opts.seed,
        site.id,
      );
      const rota = buildRota(site.rota ?? { kind: 'demand', factor: site.staffingFactor ?? 1 }, {
        demand,
        meanHandleMs: meanOf(handling.talk) + meanOf(handling.wrap),
        seed: opts.seed,
        siteId: site.id,
      });
      this.#sims.push(
        new SiteSim({
          siteId: site.id,
          runId: this.runId,
          seed: opts.seed,
          startMs: start,
          queue: opts.queue ?? 'main',
          demand,
          rota,
          patience: site.patience ?? DEFAULT_PATIENCE,
          handling,
          outcomes: site.outcomes ?? DEFAULT_OUTCOMES,
          disruptions,
          snapshotEveryMs,
        }),
      );
      this.#feeds.push({ siteId: site.id, systems, disruptions });
    }
  }

  /** The instant up to which the simulation has run. */
  get now(): Date {
    return new Date(this.#now);
  }

  /** Runs the simulation on to `to` and returns what happened since the last call, in time order. */
  advance(to: Date | number): SimBatch {
    const toMs = typeof to === 'number' ? to : to.getTime();
    const fromMs = this.#now;
    const batch: SimBatch = {
      from: new Date(fromMs),
      to: new Date(Math.max(fromMs, toMs)),
      events: [],
      snapshots: [],
      statuses: [],
    };
    if (!(toMs > fromMs)) return batch;
    const events: CallEvent[][] = [];
    const snapshots: QueueSnapshot[][] = [];
    for (const sim of this.#sims) {
      const out: SiteOutput = { events: [], snapshots: [] };
      sim.advance(toMs, out);
      events.push(out.events);
      snapshots.push(out.snapshots);
    }
    batch.events = mergeByAt(events);
    batch.snapshots = mergeByAt(snapshots);
    batch.statuses = mergeByAt(
      this.#feeds.map((feed) => statusReports(feed, fromMs, toMs, this.#heartbeatEveryMs)),
    );
    this.#now = toMs;
    return batch;
  }
}

/** Batches over [from, to), one per `chunkMs` (default 1 h), generated only as they are asked for. */
export function* simulate(opts: SimulateOptions): Generator<SimBatch, void, undefined> {
  const sim = new Simulation(opts);
  const end = opts.to.getTime();
  const chunk = opts.chunkMs ?? HOUR_MS;
  if (!(chunk > 0)) throw new Error('chunkMs must be positive');
  for (let t = opts.from.getTime(); t < end; ) {
    const next = Math.min(end, (Math.floor(t / chunk) + 1) * chunk);
    yield sim.advance(next);
    t = next;
  }
}

function resolveScenario(scenario: Scenario | ScenarioName, startMs: number): Scenario {
  if (typeof scenario !== 'string') return scenario;
  const begin = occurrenceAfter(startMs, DEFAULT_START_MINUTES, DEFAULT_DURATION_MS);
  return buildScenario(scenario, { startMs: begin, durationMs: DEFAULT_DURATION_MS });
}
