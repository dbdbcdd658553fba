import type { SystemId } from '../systems.ts';
import { type Disruption, type Effects, NEUTRAL_EFFECTS, type Scenario } from './types.ts';

/** The disruptions of a scenario that hit a site, given the systems it uses. */
export function disruptionsFor(
  scenario: Scenario,
  siteId: string,
  systems: readonly SystemId[],
): Disruption[] {
  return scenario.disruptions.filter(
    (d) => (d.sites === undefined || d.sites.includes(siteId)) && d.systems.some((s) => systems.includes(s)),
  );
}

/** The combined effects at an instant: factors multiply, drop shares combine as independent chances. */
export function effectsAt(disruptions: readonly Disruption[], ms: number): Readonly<Effects> {
  let out: Effects | undefined;
  for (const d of disruptions) {
    let part: Partial<Effects> | undefined;
    if (ms >= d.startMs && ms < d.endMs) part = d.effects;
    else if (d.aftermath && ms >= d.endMs && ms < d.endMs + d.aftermath.durationMs)
      part = d.aftermath.effects;
    if (!part) continue;
    out ??= { ...NEUTRAL_EFFECTS };
    out.handleFactor *= part.handleFactor ?? 1;
    out.wrapFactor *= part.wrapFactor ?? 1;
    out.arrivalFactor *= part.arrivalFactor ?? 1;
    out.callbackDelayFactor *= part.callbackDelayFactor ?? 1;
    out.staffFactor *= part.staffFactor ?? 1;
    out.dropShare = 1 - (1 - out.dropShare) * (1 - (part.dropShare ?? 0));
  }
  return out ?? NEUTRAL_EFFECTS;
}

/** An upper bound of the arrival factor over [fromMs, toMs). */
export function maxArrivalFactorIn(disruptions: readonly Disruption[], fromMs: number, toMs: number): number {
  let factor = 1;
  for (const d of disruptions) {
    const end = d.endMs + (d.aftermath?.durationMs ?? 0);
    if (d.startMs < toMs && end > fromMs) {
      factor *= Math.max(1, d.effects.arrivalFactor ?? 1, d.aftermath?.effects.arrivalFactor ?? 1);
    }
  }
  return factor;
}

/** What a system at a site reports at an instant (`down` wins over `degraded`). */
export function statusAt(
  disruptions: readonly Disruption[],
  systemId: SystemId,
  ms: number,
): 'up' | 'degraded' | 'down' {
  let status: 'up' | 'degraded' | 'down' = 'up';
  for (const d of disruptions) {
    if (ms >= d.startMs && ms < d.endMs && d.systems.includes(systemId)) {
      if (d.status === 'down') return 'down';
      status = 'degraded';
    }
  }
  return status;
}

/** The detail of the disruption making a system degraded at an instant, if any. */
export function detailAt(
  disruptions: readonly Disruption[],
  systemId: SystemId,
  ms: number,
): string | undefined {
  return disruptions.find((d) => ms >= d.startMs && ms < d.endMs && d.systems.includes(systemId))?.detail;
}
