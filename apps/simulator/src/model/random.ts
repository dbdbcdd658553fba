import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** A duration distribution in milliseconds (handling, wrap-up, patience, callback delay). */
export type DurationDist =
  | { kind: 'constant'; meanMs: number }
  | { kind: 'exponential'; meanMs: number }
  | { kind: 'lognormal'; meanMs: number; cv: number }
  | { kind: 'weibull'; meanMs: number; shape: number }
  | { kind: 'infinite' };

/** A seeded stream of random numbers: the same seed always gives the same stream. */
export class Rng {
  readonly #gen: RandomGenerator;

  constructor(seed: number) {
    this.#gen = xoroshiro128plus(mix32(seed));
    // xoroshiro's first outputs from a small seed are poorly mixed: step past them.
    for (let i = 0; i < 16; i++) this.#gen.next();
  }

  /** Uniform on [0, 1). */
  next(): number {
    return uniformFloat64(this.#gen);
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Exponential with the given mean (inter-arrival times of a Poisson process). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Standard normal (Box–Muller; one draw per call keeps the stream simple to reason about). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Lognormal with the given mean and coefficient of variation (sd / mean). */
  lognormal(mean: number, cv: number): number {
    const sigma2 = Math.log(1 + cv * cv);
    const mu = Math.log(mean) - sigma2 / 2;
    return Math.exp(mu + Math.sqrt(sigma2) * this.normal());
  }

  /** Weibull with the given mean and shape (shape > 1: hazard rises with time). */
  weibull(mean: number, shape: number): number {
    const scale = mean / gammaCached(1 + 1 / shape);
    return scale * (-Math.log(1 - this.next())) ** (1 / shape);
  }

  /** A draw from a duration distribution, in whole milliseconds (Infinity for `infinite`). */
  duration(dist: DurationDist): number {
    switch (dist.kind) {
      case 'constant':
        return Math.round(dist.meanMs);
      case 'exponential':
        return Math.round(this.exponential(dist.meanMs));
      case 'lognormal':
        return Math.round(this.lognormal(dist.meanMs, dist.cv));
      case 'weibull':
        return Math.round(this.weibull(dist.meanMs, dist.shape));
      case 'infinite':
        return Number.POSITIVE_INFINITY;
    }
  }
}

/** Mean of a duration distribution (Infinity for `infinite`). */
export function meanOf(dist: DurationDist): number {
  return dist.kind === 'infinite' ? Number.POSITIVE_INFINITY : dist.meanMs;
}

/** A 32-bit seed derived from a run seed and labels, so that each site and purpose gets its own stream. */
export function seedFor(seed: number, ...labels: readonly (string | number)[]): number {
  let h = mix32(seed ^ 0x9e3779b9);
  for (const label of labels) {
    const text = String(label);
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h = mix32(h ^ 0x2f);
  }
  return h | 0;
}

/** Murmur3's 32-bit finaliser. */
function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

const gammas = new Map<number, number>();
function gammaCached(z: number): number {
  let g = gammas.get(z);
  if (g === undefined) {
    g = gamma(z);
    gammas.set(z, g);
  }
  return g;
}

/** The gamma function (Lanczos approximation, g = 7), for Weibull means. */
export function gamma(z: number): number {
  if (z < 0.5) return Math.PI / (Math.sin(Math.PI * z) * gamma(1 - z));
  const x = z - 1;
  let a = 0.99999999999980993;
  const t = x + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += (LANCZOS[i] ?? 0) / (x + i + 1);
  return Math.sqrt(2 * Math.PI) * t ** (x + 0.5) * Math.exp(-t) * a;
}

/** An upper bound of an intensity on [from, until). */
export interface RateBound {
  rate: number;
  until: number;
}

/**
 * Next event time after `t` of a non-homogeneous Poisson process with intensity `rateAt` (events per ms),
 * by thinning (Lewis–Shedler) against a piecewise-constant bound. Each bound piece restarts the candidate
 * stream at its edge, which is exact because the exponential is memoryless.
 */
export function nextByThinning(
  rng: Rng,
  t: number,
  rateAt: (ms: number) => number,
  boundAt: (ms: number) => RateBound,
): number {
  let now = t;
  for (;;) {
    const bound = boundAt(now);
    if (bound.rate <= 0) {
      if (!Number.isFinite(bound.until)) return Number.POSITIVE_INFINITY;
      now = bound.until;
      continue;
    }
    const candidate = now + rng.exponential(1 / bound.rate);
    if (candidate >= bound.until) {
      now = bound.until;
      continue;
    }
    now = candidate;
    if (rng.next() * bound.rate <= rateAt(now)) return now;
  }
}
