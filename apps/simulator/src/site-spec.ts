import type { ArrivalSpec } from './model/arrivals.ts';
import type { HandlingSpec, OutcomeSpec } from './model/patience.ts';
import type { DurationDist } from './model/random.ts';
import type { RotaSpec } from './model/staffing.ts';
import type { SystemId } from './systems.ts';

/** One NHS 111 call centre to simulate. Everything but the id has a realistic default. */
export interface SiteSpec {
  /** Site id as the API knows it. */
  id: string;
  /** Calls on an ordinary weekday (default 1,800); weekends run ~1.5× that. Ignored if `arrivals` is set. */
  callsPerDay?: number;
  arrivals?: ArrivalSpec;
  /** Multiplier on the demand-following rota (default 1). Ignored if `rota` is set. */
  staffingFactor?: number;
  rota?: RotaSpec;
  /** Systems the site depends on (default all). */
  systems?: readonly SystemId[];
  /** Caller patience (default Weibull, mean 3.5 min). */
  patience?: DurationDist;
  /** Talk and wrap-up times (default lognormal mean 8.5 min, wrap-up ~1 min). */
  handling?: HandlingSpec;
  /** Callbacks and transfers (default 8% and 5% of answered calls). */
  outcomes?: OutcomeSpec;
}

export const DEFAULT_CALLS_PER_DAY = 1_800;
