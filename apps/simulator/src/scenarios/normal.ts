import type { Scenario } from './types.ts';

/** An ordinary day: every system up, heartbeats every 30 s. */
export function normalScenario(): Scenario {
  return { name: 'normal', description: 'Every system up; demand and staffing as usual.', disruptions: [] };
}
