import type { Scenario, ScenarioTiming } from './types.ts';

/**
 * The telephony platform is degraded (carrier or SIP trunk trouble): it reports `degraded`, about 6% of calls
 * drop (in the queue they look abandoned; on a call the line cuts out), poor audio stretches talk time and
 * dropped callers ring back.
 */
export function telephonyDegradedScenario(timing: ScenarioTiming): Scenario {
  return {
    name: 'telephony-degraded',
    description: 'Telephony degraded: dropped calls, redials and longer calls.',
    disruptions: [
      {
        systems: ['telephony'],
        status: 'degraded',
        startMs: timing.startMs,
        endMs: timing.startMs + timing.durationMs,
        detail: 'Telephony degraded: intermittent call drops and poor audio on inbound trunks',
        ...(timing.sites ? { sites: timing.sites } : {}),
        effects: { dropShare: 0.06, handleFactor: 1.15, arrivalFactor: 1.05 },
      },
    ],
  };
}
