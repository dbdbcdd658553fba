import type { HandlingSpec, OutcomeSpec } from './patience.ts';
import type { DurationDist, Rng } from './random.ts';

export const WAITING = 0;
export const ANSWERED = 1;
export const ABANDONED = 2;

/** One caller in the simulation, with every random draw that can matter to it made on arrival. */
export interface Call {
  id: string;
  arrived: number;
  state: typeof WAITING | typeof ANSWERED | typeof ABANDONED;
  agent: number;
  /** How long the caller holds before hanging up (ms, may be Infinity). */
  patience: number;
  talk: number;
  wrap: number;
  callbackDelay: number;
  uCallback: number;
  uTransfer: number;
  uDrop: number;
  /** When a bad line drops the call in the queue (ms after arrival). */
  dropAfter: number;
  /** How much of the talk time a call dropped mid-conversation lasts. */
  dropFraction: number;
  dropped: boolean;
}

export interface CallModel {
  patience: DurationDist;
  handling: HandlingSpec;
  outcomes: OutcomeSpec;
}

/**
 * A new caller. It makes the same number of draws whatever then happens to the call, so runs of different
 * scenarios with one seed see the same callers (common random numbers), which keeps them comparable.
 */
export function drawCall(rng: Rng, id: string, arrived: number, model: CallModel): Call {
  return {
    id,
    arrived,
    state: WAITING,
    agent: -1,
    patience: rng.duration(model.patience),
    talk: Math.max(1_000, rng.duration(model.handling.talk)),
    wrap: rng.duration(model.handling.wrap),
    callbackDelay: Math.max(60_000, rng.duration(model.outcomes.callbackDelay)),
    uCallback: rng.next(),
    uTransfer: rng.next(),
    uDrop: rng.next(),
    dropAfter: Math.round(rng.uniform(5_000, 60_000)),
    dropFraction: rng.uniform(0.1, 0.6),
    dropped: false,
  };
}
