/** @switchboard/simulator: NHS 111 traffic as a discrete-event simulation, and a feed client for the API. */
export { type Feed, type Feeds, IngestError, type PostOptions, postBatch } from './client.ts';
export {
  type SimBatch,
  type SimulateOptions,
  Simulation,
  type SimulationOptions,
  simulate,
} from './generate.ts';
export { type ArrivalSpec, createDemand, type DemandCurve, hourWeight } from './model/arrivals.ts';
export { agentsForServiceLevel, type ErlangC, erlangB, erlangC } from './model/erlang-c.ts';
export {
  DEFAULT_HANDLING,
  DEFAULT_OUTCOMES,
  DEFAULT_PATIENCE,
  type HandlingSpec,
  INFINITE_PATIENCE,
  type OutcomeSpec,
} from './model/patience.ts';
export { type DurationDist, nextByThinning, Rng, seedFor } from './model/random.ts';
export { buildRota, demandRota, fixedRota, type Rota, type RotaSpec, SLOT_MS } from './model/staffing.ts';
export * from './scenarios/index.ts';
export { DEFAULT_CALLS_PER_DAY, type SiteSpec } from './site-spec.ts';
export { type StatusFeedSite, statusReports } from './status-feed.ts';
export {
  isSystemId,
  SYSTEM_IDS,
  SYSTEMS,
  type SystemId,
  type SystemInfo,
  withDependents,
} from './systems.ts';
