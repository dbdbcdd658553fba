import { DAY_MS, localDay, utcOfLocal } from '../model/calendar.ts';
import { casOutageScenario } from './cas-outage.ts';
import { normalScenario } from './normal.ts';
import { telephonyDegradedScenario } from './telephony-degraded.ts';
import type { Scenario, ScenarioTiming } from './types.ts';

export * from './effects.ts';
export * from './types.ts';
export { casOutageScenario, normalScenario, telephonyDegradedScenario };

export const SCENARIO_NAMES = ['normal', 'cas-outage', 'telephony-degraded'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(value);
}

export function buildScenario(name: ScenarioName, timing: ScenarioTiming): Scenario {
  switch (name) {
    case 'normal':
      return normalScenario();
    case 'cas-outage':
      return casOutageScenario(timing);
    case 'telephony-degraded':
      return telephonyDegradedScenario(timing);
  }
}

/** Default timing: from 07:00 London time for 6 hours. */
export const DEFAULT_START_MINUTES = 7 * 60;
export const DEFAULT_DURATION_MS = 6 * 3_600_000;

/**
 * The first occurrence of a London wall-clock time (minutes after midnight) whose window of `durationMs`
 * has not ended by `afterMs`: the one under way at `afterMs`, or else the next one.
 */
export function occurrenceAfter(afterMs: number, minutes: number, durationMs: number): number {
  for (let day = localDay(afterMs - durationMs - DAY_MS); ; day++) {
    const start = utcOfLocal(day, minutes);
    if (start + durationMs > afterMs) return start;
  }
}
