import { withDependents } from '../systems.ts';
import type { Scenario, ScenarioTiming } from './types.ts';

/**
 * The clinical system (e.g. Adastra, August 2022) goes down with the links that ride on it (GP booking,
 * patient record). Call handlers go to paper: triage takes 2.5× as long, notes twice as long, clinicians call
 * back later, some callers ring again, and two in five call handlers leave the phones to run paper between
 * handlers and clinicians and phone cases through (so at any hour the floor goes off target within 15
 * minutes, as callers found in August 2022). Heartbeats stop; a probe reports `down` at every interval
 * while it lasts and `up` when it ends; for an hour afterwards paper notes are typed in.
 */
export function casOutageScenario(timing: ScenarioTiming): Scenario {
  return {
    name: 'cas-outage',
    description: 'Clinical system and its links down; paper processes (handling ×2.5) until they return.',
    disruptions: [
      {
        systems: withDependents(['cas']),
        status: 'down',
        startMs: timing.startMs,
        endMs: timing.startMs + timing.durationMs,
        detail: 'Clinical system unavailable (suspected cyber incident); business continuity: paper',
        ...(timing.sites ? { sites: timing.sites } : {}),
        effects: {
          handleFactor: 2.5,
          wrapFactor: 2,
          arrivalFactor: 1.1,
          callbackDelayFactor: 2.5,
          staffFactor: 0.6,
        },
        aftermath: { durationMs: 60 * 60_000, effects: { handleFactor: 1.15, wrapFactor: 1.5 } },
      },
    ],
  };
}
