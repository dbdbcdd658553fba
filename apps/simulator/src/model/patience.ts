import type { DurationDist } from './random.ts';

/**
 * How long a caller will hold before hanging up. Weibull with shape > 1: few hang up in the first seconds
 * (they hear the recorded message), more as the wait drags on; mean 3.5 minutes.
 */
export const DEFAULT_PATIENCE: DurationDist = { kind: 'weibull', meanMs: 210_000, shape: 1.4 };

/** Patience for queueing checks: nobody hangs up. */
export const INFINITE_PATIENCE: DurationDist = { kind: 'infinite' };

/** What a call handler does with a call: talk (triage through NHS Pathways) and then wrap-up notes. */
export interface HandlingSpec {
  talk: DurationDist;
  wrap: DurationDist;
}

/** A health advisor's triage call: lognormal, mean 8.5 minutes; wrap-up about a minute. */
export const DEFAULT_HANDLING: HandlingSpec = {
  talk: { kind: 'lognormal', meanMs: 510_000, cv: 0.55 },
  wrap: { kind: 'lognormal', meanMs: 60_000, cv: 0.5 },
};

/** Side outcomes of answered calls (they do not occupy call handlers). */
export interface OutcomeSpec {
  /** Share of answered calls passed to a clinician for a call back (D13-like). */
  callbackShare: number;
  /** Delay from the request to the clinician's call back. */
  callbackDelay: DurationDist;
  /** Share of answered calls transferred (warm transfer to a clinician, 999, another service). */
  transferShare: number;
}

export const DEFAULT_OUTCOMES: OutcomeSpec = {
  callbackShare: 0.08,
  callbackDelay: { kind: 'lognormal', meanMs: 18 * 60_000, cv: 0.7 },
  transferShare: 0.05,
};
