import type { DemandCurve } from './arrivals.ts';
import { localDay } from './calendar.ts';
import { agentsForServiceLevel } from './erlang-c.ts';
import { Rng, seedFor } from './random.ts';

/** Rotas change on the half hour. */
export const SLOT_MS = 30 * 60_000;

/**
 * How a site is staffed. `demand`: per half hour, the Erlang C head count for the planning target on the
 * forecast (no day-to-day noise), times `factor`, less a random daily absence, capped by the seats (sized
 * below the weekend peak, so peaks strain). `fixed`: the same head count all day (for tests).
 */
export type RotaSpec =
  | { kind: 'fixed'; agents: number }
  | {
      kind: 'demand';
      /** Multiplier on the planned head count (1 = plan exactly; 1.5 = ample). */
      factor?: number;
      /** Planning target: share answered within `thresholdMs` (default 0.8 in 60 s). */
      serviceLevel?: number;
      thresholdMs?: number;
      /** Seats as a share of the head count the busiest forecast hour needs (default 0.9). */
      seatCap?: number;
      /** Largest share of the rota off sick on a day (uniform 0..absence, default 0.08). */
      absence?: number;
    };

export interface Rota {
  /** Agents on shift at an instant (constant within each half hour). */
  agentsAt(ms: number): number;
}

export function fixedRota(agents: number): Rota {
  const n = Math.max(0, Math.floor(agents));
  return { agentsAt: () => n };
}

export interface RotaContext {
  demand: DemandCurve;
  /** Mean talk + wrap-up time, ms. */
  meanHandleMs: number;
  seed: number;
  siteId: string;
}

export function demandRota(spec: Extract<RotaSpec, { kind: 'demand' }>, ctx: RotaContext): Rota {
  const factor = spec.factor ?? 1;
  const target = spec.serviceLevel ?? 0.85;
  const threshold = spec.thresholdMs ?? 60_000;
  const absence = spec.absence ?? 0.08;
  const need = (rate: number) => agentsForServiceLevel(rate, ctx.meanHandleMs, target, threshold);
  const seats = Math.ceil((spec.seatCap ?? 0.8) * factor * need(ctx.demand.peakExpectedRate()));
  const present = new Map<number, number>();
  const slots = new Map<number, number>();
  const presentOn = (day: number): number => {
    let share = present.get(day);
    if (share === undefined) {
      share = 1 - new Rng(seedFor(ctx.seed, ctx.siteId, 'absence', day)).uniform(0, absence);
      present.set(day, share);
    }
    return share;
  };
  return {
    agentsAt(ms) {
      const slot = Math.floor(ms / SLOT_MS);
      let agents = slots.get(slot);
      if (agents === undefined) {
        const start = slot * SLOT_MS;
        const rate =
          (ctx.demand.expectedRate(start + 5 * 60_000) +
            ctx.demand.expectedRate(start + 15 * 60_000) +
            ctx.demand.expectedRate(start + 25 * 60_000)) /
          3;
        const planned = need(rate) * factor * presentOn(localDay(start));
        agents = Math.min(seats, Math.max(1, Math.round(planned)));
        slots.set(slot, agents);
      }
      return agents;
    },
  };
}

export function buildRota(spec: RotaSpec, ctx: RotaContext): Rota {
  return spec.kind === 'fixed' ? fixedRota(spec.agents) : demandRota(spec, ctx);
}
