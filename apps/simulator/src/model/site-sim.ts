import type { CallEvent, CallEventKind, QueueSnapshot } from '@switchboard/contracts';
import { effectsAt, maxArrivalFactorIn } from '../scenarios/effects.ts';
import type { Disruption } from '../scenarios/types.ts';
import { AgentPool } from './agent-pool.ts';
import { ArrivalStream, type DemandCurve } from './arrivals.ts';
import { ABANDONED, ANSWERED, type Call, type CallModel, drawCall, WAITING } from './call.ts';
import { EventHeap } from './event-heap.ts';
import { isoAt } from './iso-time.ts';
import { Rng, seedFor } from './random.ts';
import { type Rota, SLOT_MS } from './staffing.ts';
import { WaitLine } from './wait-line.ts';

export interface SiteSimConfig extends CallModel {
  siteId: string;
  /** Prefix of call ids, unique per run: `${siteId}-${runId}-${n}`. */
  runId: string;
  seed: number;
  startMs: number;
  queue: string;
  demand: DemandCurve;
  rota: Rota;
  /** The scenario's disruptions that hit this site. */
  disruptions: readonly Disruption[];
  /** 0 = no snapshots. */
  snapshotEveryMs: number;
}

export interface SiteOutput {
  events: CallEvent[];
  snapshots: QueueSnapshot[];
}

const ARRIVAL = 0;
const ABANDON = 1;
const TALK_END = 2;
const WRAP_END = 3;
const CALLBACK = 4;
const ROTA_CHANGE = 5;
const SNAPSHOT = 6;
/** A disruption starts or ends: the staff taking calls change (see Effects.staffFactor). */
const STAFF_CHANGE = 7;
type Kind = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

interface Entry {
  t: number;
  seq: number;
  kind: Kind;
  call: Call | undefined;
}

/** A multi-server first-come-first-served queue with reneging: one site's calls as a discrete-event run. */
export class SiteSim {
  readonly #heap = new EventHeap<Entry>();
  readonly #agents: AgentPool;
  readonly #arrivals: ArrivalStream;
  readonly #rng: Rng;
  readonly #line = new WaitLine();
  #seq = 0;
  #out: SiteOutput = { events: [], snapshots: [] };

  constructor(private readonly cfg: SiteSimConfig) {
    this.#agents = new AgentPool(cfg.siteId);
    this.#rng = new Rng(seedFor(cfg.seed, cfg.siteId, 'service'));
    const { disruptions } = cfg;
    const modifier = {
      factorAt: (ms: number) => effectsAt(disruptions, ms).arrivalFactor,
      maxFactorIn: (from: number, to: number) => maxArrivalFactorIn(disruptions, from, to),
    };
    const arrivalRng = new Rng(seedFor(cfg.seed, cfg.siteId, 'arrivals'));
    this.#arrivals = new ArrivalStream(cfg.demand, modifier, arrivalRng, cfg.startMs);
    this.#agents.setOnShift(this.#staffAt(cfg.startMs));
    this.#schedule((Math.floor(cfg.startMs / SLOT_MS) + 1) * SLOT_MS, ROTA_CHANGE);
    for (const d of disruptions) {
      const edges = [d.startMs, d.endMs, d.endMs + (d.aftermath?.durationMs ?? 0)];
      for (const edge of new Set(edges)) if (edge > cfg.startMs) this.#schedule(edge, STAFF_CHANGE);
    }
    if (cfg.snapshotEveryMs > 0) {
      this.#schedule(Math.ceil(cfg.startMs / cfg.snapshotEveryMs) * cfg.snapshotEveryMs, SNAPSHOT);
    }
    this.#scheduleArrival();
  }

  /** Runs every event before `toMs`, appending what the site reports to `out`. */
  advance(toMs: number, out: SiteOutput): void {
    this.#out = out;
    for (let next = this.#heap.peek(); next !== undefined && next.t < toMs; next = this.#heap.peek()) {
      this.#heap.pop();
      this.#handle(next);
    }
  }

  #handle({ t, kind, call }: Entry): void {
    if (kind === ARRIVAL) this.#arrive(t);
    else if (kind === SNAPSHOT) this.#snapshot(t);
    else if (kind === ROTA_CHANGE) {
      this.#agents.setOnShift(this.#staffAt(t));
      this.#schedule(t + SLOT_MS, ROTA_CHANGE);
      this.#dispatch(t);
    } else if (kind === STAFF_CHANGE) {
      this.#agents.setOnShift(this.#staffAt(t));
      this.#dispatch(t);
    } else if (call === undefined) return;
    else if (kind === ABANDON) this.#abandon(t, call);
    else if (kind === TALK_END) this.#endTalk(t, call);
    else if (kind === WRAP_END) {
      this.#agents.finishWrap(call.agent);
      this.#dispatch(t);
    } else if (kind === CALLBACK) this.#emit('callback_made', t, call);
  }

  /** Call handlers taking calls at `t`: the rota, less those a disruption moves to other work (at least 1). */
  #staffAt(t: number): number {
    const rostered = this.cfg.rota.agentsAt(t);
    const factor = effectsAt(this.cfg.disruptions, t).staffFactor;
    return factor === 1 ? rostered : Math.max(1, Math.round(rostered * factor));
  }

  #schedule(t: number, kind: Kind, call?: Call): void {
    this.#heap.push({ t, seq: 0, kind, call });
  }

  #scheduleArrival(): void {
    const t = this.#arrivals.next();
    if (Number.isFinite(t)) this.#schedule(Math.round(t), ARRIVAL);
  }

  #arrive(t: number): void {
    const { cfg } = this;
    const call = drawCall(this.#rng, `${cfg.siteId}-${cfg.runId}-${++this.#seq}`, t, cfg);
    const effects = effectsAt(cfg.disruptions, t);
    if (call.uDrop < effects.dropShare) call.patience = Math.min(call.patience, call.dropAfter);
    this.#emit('offered', t, call);
    this.#scheduleArrival();
    const agent = this.#agents.takeIdle();
    if (agent !== undefined) {
      this.#answer(t, call, agent);
      return;
    }
    this.#line.push(call);
    if (Number.isFinite(call.patience)) this.#schedule(t + call.patience, ABANDON, call);
  }

  #abandon(t: number, call: Call): void {
    if (call.state !== WAITING) return;
    call.state = ABANDONED;
    this.#line.left();
    this.#emit('abandoned', t, call, t - call.arrived);
    this.#emit('ended', t, call);
  }

  #answer(t: number, call: Call, agent: number): void {
    call.state = ANSWERED;
    call.agent = agent;
    this.#emit('answered', t, call, t - call.arrived);
    const effects = effectsAt(this.cfg.disruptions, t);
    let talk = call.talk * effects.handleFactor;
    // Calls that would have dropped in the queue are less likely to drop once connected, but some do.
    if (call.uDrop < effects.dropShare * 0.5) {
      talk *= call.dropFraction;
      call.dropped = true;
    }
    this.#schedule(t + Math.max(1_000, Math.round(talk)), TALK_END, call);
  }

  #endTalk(t: number, call: Call): void {
    const { outcomes, disruptions } = this.cfg;
    const effects = effectsAt(disruptions, t);
    if (!call.dropped && call.uTransfer < outcomes.transferShare) this.#emit('transferred', t, call);
    else if (!call.dropped && call.uCallback < outcomes.callbackShare) {
      this.#emit('callback_requested', t, call);
      this.#schedule(t + Math.round(call.callbackDelay * effects.callbackDelayFactor), CALLBACK, call);
    }
    this.#emit('ended', t, call);
    this.#agents.startWrap(call.agent);
    this.#schedule(t + Math.round(call.wrap * effects.wrapFactor), WRAP_END, call);
  }

  /** Free agents take the longest-waiting callers. */
  #dispatch(t: number): void {
    while (this.#line.count > 0 && this.#agents.available > 0) {
      this.#answer(t, this.#line.take() as Call, this.#agents.takeIdle() as number);
    }
  }

  #snapshot(t: number): void {
    const oldest = this.#line.oldest();
    this.#out.snapshots.push({
      siteId: this.cfg.siteId,
      queue: this.cfg.queue,
      at: isoAt(t),
      callsWaiting: this.#line.count,
      longestWaitMs: oldest ? t - oldest.arrived : 0,
      agentsAvailable: this.#agents.available,
      agentsOnCall: this.#agents.onCall,
      agentsWrapUp: this.#agents.wrapUp,
    });
    this.#schedule(t + this.cfg.snapshotEveryMs, SNAPSHOT);
  }

  #emit(kind: CallEventKind, t: number, call: Call, waitMs?: number): void {
    const event: CallEvent = {
      siteId: this.cfg.siteId,
      callId: call.id,
      kind,
      at: isoAt(t),
      queue: this.cfg.queue,
    };
    if (waitMs !== undefined) event.waitMs = waitMs;
    if (call.agent >= 0 && kind !== 'callback_made') event.agentId = this.#agents.id(call.agent);
    this.#out.events.push(event);
  }
}
