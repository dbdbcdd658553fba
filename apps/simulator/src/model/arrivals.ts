import { type DayType, dayType, HOUR_MS, londonOffsetMs } from './calendar.ts';
import { nextByThinning, type RateBound, Rng, seedFor } from './random.ts';

/** Where calls come from: NHS 111's daily and weekly shape, or a constant rate (for queueing checks). */
export type ArrivalSpec =
  | { kind: 'nhs111'; callsPerDay: number; dailyNoise?: number }
  | { kind: 'constant'; callsPerHour: number };

/** Relative weekday demand by local hour: quiet 01–07, busy mornings, an evening peak 18–22 (GPs closed). */
const WEEKDAY = [
  2.6, 1.6, 1.2, 1.0, 0.9, 1.0, 1.5, 2.6, 4.2, 4.6, 4.4, 4.2, 4.0, 3.9, 3.9, 4.0, 4.3, 5.2, 6.6, 6.8, 6.4,
  5.6, 4.4, 3.4,
];
/** Weekend and bank-holiday multiplier by local hour: with surgeries shut, daytime runs at ~1.9× a weekday. */
const WEEKEND = [
  1.25, 1.2, 1.2, 1.2, 1.2, 1.2, 1.3, 1.6, 1.85, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9, 1.85, 1.8, 1.6, 1.35, 1.3,
  1.25, 1.2, 1.2, 1.2,
];
const DAY_FACTOR: Record<DayType, number> = {
  weekday: 1,
  monday: 1.08,
  saturday: 1,
  sunday: 0.95,
  'bank-holiday': 1,
};
const WEEKDAY_TOTAL = WEEKDAY.reduce((sum, w) => sum + w, 0);

/** Relative demand of a local hour of a kind of day (1 = an average weekday hour × 24 / weekday total). */
export function hourWeight(type: DayType, hour: number): number {
  const base = WEEKDAY[hour] ?? 0;
  const weekend = type === 'saturday' || type === 'sunday' || type === 'bank-holiday';
  return base * (weekend ? (WEEKEND[hour] ?? 1) : 1) * DAY_FACTOR[type];
}

/** The demand on one site over time, in calls per ms. */
export interface DemandCurve {
  /** What a planner forecasts: the daily and weekly shape, without day-to-day noise. */
  expectedRate(ms: number): number;
  /** The actual intensity: the forecast times this day's (unforecast) noise. */
  rateAt(ms: number): number;
  /** An upper bound of `rateAt` on the UTC hour holding `ms`. */
  boundAt(ms: number): RateBound;
  /** The highest forecast rate of any hour in a week (sizes the seats). */
  peakExpectedRate(): number;
}

export function createDemand(spec: ArrivalSpec, seed: number, siteId: string): DemandCurve {
  if (spec.kind === 'constant') {
    const rate = spec.callsPerHour / HOUR_MS;
    return {
      expectedRate: () => rate,
      rateAt: () => rate,
      boundAt: () => ({ rate, until: Number.POSITIVE_INFINITY }),
      peakExpectedRate: () => rate,
    };
  }
  const perMs = spec.callsPerDay / WEEKDAY_TOTAL / HOUR_MS;
  const noiseCv = spec.dailyNoise ?? 0.06;
  const noise = new Map<number, number>();
  const dayNoise = (day: number): number => {
    let n = noise.get(day);
    if (n === undefined) {
      n = noiseCv > 0 ? new Rng(seedFor(seed, siteId, 'demand', day)).lognormal(1, noiseCv) : 1;
      noise.set(day, n);
    }
    return n;
  };
  const knot = (hourIndex: number, noisy: boolean): number => {
    const day = Math.floor(hourIndex / 24);
    const w = hourWeight(dayType(day), hourIndex - day * 24) * perMs;
    return noisy ? w * dayNoise(day) : w;
  };
  // Piecewise linear in local time between knots at hh:30, so the curve has no steps on the hour.
  const rateLocal = (local: number, noisy: boolean): number => {
    const x = local / HOUR_MS - 0.5;
    const k = Math.floor(x);
    const f = x - k;
    return (1 - f) * knot(k, noisy) + f * knot(k + 1, noisy);
  };
  let cachedHour = Number.NaN;
  let cachedBound: RateBound = { rate: 0, until: 0 };
  return {
    expectedRate: (ms) => rateLocal(ms + londonOffsetMs(ms), false),
    rateAt: (ms) => rateLocal(ms + londonOffsetMs(ms), true),
    boundAt: (ms) => {
      const hour = Math.floor(ms / HOUR_MS);
      if (hour !== cachedHour) {
        // The offset is constant within a UTC hour, and the curve is linear between hh:00, hh:30 and hh+1:00.
        const local = hour * HOUR_MS + londonOffsetMs(hour * HOUR_MS);
        const rate = Math.max(
          rateLocal(local, true),
          rateLocal(local + HOUR_MS / 2, true),
          rateLocal(local + HOUR_MS, true),
        );
        cachedHour = hour;
        cachedBound = { rate: rate * 1.000001, until: (hour + 1) * HOUR_MS };
      }
      return cachedBound;
    },
    peakExpectedRate: () => {
      let peak = 0;
      for (const type of Object.keys(DAY_FACTOR) as DayType[]) {
        for (let h = 0; h < 24; h++) peak = Math.max(peak, hourWeight(type, h) * perMs);
      }
      return peak;
    },
  };
}

/** A scenario's multiplier on arrivals and an upper bound of it over [from, to). */
export interface ArrivalModifier {
  factorAt(ms: number): number;
  maxFactorIn(fromMs: number, toMs: number): number;
}

export const NO_MODIFIER: ArrivalModifier = { factorAt: () => 1, maxFactorIn: () => 1 };

/** Arrival instants of a non-homogeneous Poisson process, one at a time, by thinning. */
export class ArrivalStream {
  #t: number;

  constructor(
    private readonly demand: DemandCurve,
    private readonly modifier: ArrivalModifier,
    private readonly rng: Rng,
    startMs: number,
  ) {
    this.#t = startMs;
  }

  /** The next arrival instant (ms, fractional), or Infinity when no more calls can come. */
  next(): number {
    this.#t = nextByThinning(
      this.rng,
      this.#t,
      (ms) => this.demand.rateAt(ms) * this.modifier.factorAt(ms),
      (ms) => {
        const bound = this.demand.boundAt(ms);
        const until = Math.min(bound.until, ms + HOUR_MS);
        return { rate: bound.rate * this.modifier.maxFactorIn(ms, until), until };
      },
    );
    return this.#t;
  }
}
