/**
 * Erlang C (M/M/N): probability of waiting and mean wait for Poisson arrivals at rate λ, exponential handling
 * with mean h, and N agents. Uses the Erlang B recurrence B(k) = a·B(k−1) / (k + a·B(k−1)), which never
 * overflows, then C = N·B / (N − a·(1 − B)).
 */
export interface ErlangC {
  /** Offered load a = λ·h, in Erlangs. */
  load: number;
  /** Agent occupancy ρ = a / N. */
  utilisation: number;
  /** Probability that a caller has to wait at all. */
  probWait: number;
  /** Mean wait over all callers, in the unit of the handle time. */
  meanWait: number;
  /** Share of callers answered within `threshold` (same unit as the handle time). */
  serviceLevel(threshold: number): number;
}

/** Erlang B blocking probability for load `a` on `n` servers. */
export function erlangB(n: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * @param arrivalRate λ, calls per unit of time
 * @param meanHandle h, in the same unit of time
 * @param agents N
 */
export function erlangC(arrivalRate: number, meanHandle: number, agents: number): ErlangC {
  const load = arrivalRate * meanHandle;
  const n = Math.max(0, Math.floor(agents));
  if (load <= 0) {
    return { load: 0, utilisation: 0, probWait: 0, meanWait: 0, serviceLevel: () => 1 };
  }
  if (n <= load) {
    return {
      load,
      utilisation: n > 0 ? load / n : Number.POSITIVE_INFINITY,
      probWait: 1,
      meanWait: Number.POSITIVE_INFINITY,
      serviceLevel: () => 0,
    };
  }
  const b = erlangB(n, load);
  const probWait = (n * b) / (n - load * (1 - b));
  return {
    load,
    utilisation: load / n,
    probWait,
    meanWait: (probWait * meanHandle) / (n - load),
    serviceLevel: (threshold) => 1 - probWait * Math.exp((-(n - load) * threshold) / meanHandle),
  };
}

/** The fewest agents that answer `target` of calls within `threshold` (units as for `erlangC`). */
export function agentsForServiceLevel(
  arrivalRate: number,
  meanHandle: number,
  target: number,
  threshold: number,
): number {
  const load = arrivalRate * meanHandle;
  if (load <= 0) return 0;
  let n = Math.max(1, Math.floor(load) + 1);
  while (erlangC(arrivalRate, meanHandle, n).serviceLevel(threshold) < target) n++;
  return n;
}
