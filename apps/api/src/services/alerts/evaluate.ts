import { ALERT_MEASURES, type AlertMeasure } from '@switchboard/contracts';

/** A subject for which a rule's condition holds now (a system at a site, a site's measure, a site's feed). */
export interface Observation {
  /** Unique per rule: `cas@leeds`, `leeds`, `incident:12`. */
  subject: string;
  siteId: string | null;
  systemId: string | null;
  /** Since when the condition has held (epoch ms). */
  since: number;
  /** What the alert says, e.g. "Adastra (CAS) down at Leeds". */
  summary: string;
  /** Held: inside a maintenance window for this system and site. */
  held?: boolean;
}

/** An alert that has fired and not yet been resolved (a row of alert_states). */
export interface ActiveState {
  id: number;
  subject: string;
  siteId: string | null;
  systemId: string | null;
  since: number;
  lastSentAt: number;
}

export interface RuleTiming {
  minutes: number;
  repeatMinutes: number | null;
}

export type Decision =
  | { action: 'fire'; observation: Observation }
  | { action: 'repeat'; state: ActiveState; observation: Observation }
  | { action: 'resolve'; state: ActiveState };

const MINUTE = 60_000;

/**
 * What to send for a condition rule, given what holds now and what has fired: fire a subject that has held
 * for the rule's minutes and has not fired; repeat one that still holds every repeatMinutes; resolve one that
 * fired and no longer holds. A held subject (maintenance) neither fires nor repeats, and is not resolved
 * while its condition holds.
 */
export function decide(
  rule: RuleTiming,
  observations: readonly Observation[],
  active: readonly ActiveState[],
  now: number,
): Decision[] {
  const out: Decision[] = [];
  const bySubject = new Map(active.map((state) => [state.subject, state]));
  const seen = new Set<string>();
  for (const observation of observations) {
    seen.add(observation.subject);
    const state = bySubject.get(observation.subject);
    if (observation.held) continue;
    if (!state) {
      if (now - observation.since >= rule.minutes * MINUTE) out.push({ action: 'fire', observation });
    } else if (rule.repeatMinutes !== null && now - state.lastSentAt >= rule.repeatMinutes * MINUTE) {
      out.push({ action: 'repeat', state, observation });
    }
  }
  for (const state of active) if (!seen.has(state.subject)) out.push({ action: 'resolve', state });
  return out;
}

/** Whether a value of a measure is off target against a threshold (which way is good depends on the measure). */
export function isOffTarget(measure: AlertMeasure, value: number, threshold: number): boolean {
  return ALERT_MEASURES[measure] === 'min' ? value < threshold : value > threshold;
}

/**
 * Since when a measure has been off target, from per-minute points (oldest first; null = no data). The run of
 * off-target minutes must reach the last minute with data; gaps neither break nor make a run. Null when the
 * latest minute with data is on target, or none has data.
 */
export function offTargetSince(
  points: readonly { start: number; value: number | null }[],
  measure: AlertMeasure,
  threshold: number,
): number | null {
  let since: number | null = null;
  for (const point of points) {
    if (point.value === null) continue;
    if (isOffTarget(measure, point.value, threshold)) since ??= point.start;
    else since = null;
  }
  return since;
}

/** Whether a subject is in a rule's scope (empty lists: everything). */
export function inScope(
  rule: { siteIds: readonly string[]; systemIds: readonly string[] },
  siteId: string | null,
  systemId: string | null,
): boolean {
  const siteOk = rule.siteIds.length === 0 || (siteId !== null && rule.siteIds.includes(siteId));
  const systemOk = rule.systemIds.length === 0 || (systemId !== null && rule.systemIds.includes(systemId));
  return siteOk && systemOk;
}
