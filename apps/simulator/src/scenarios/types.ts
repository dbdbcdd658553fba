import type { SystemId } from '../systems.ts';

/** How a disruption changes the work on the floor while it lasts (1 = no change, 0 = none dropped). */
export interface Effects {
  /** Multiplier on talk time (paper triage is slow). */
  handleFactor: number;
  /** Multiplier on wrap-up time (notes on paper, typed in later). */
  wrapFactor: number;
  /** Multiplier on the arrival rate (repeat calls, redials). */
  arrivalFactor: number;
  /** Share of calls the line drops (while queueing they look abandoned; while talking the call ends early). */
  dropShare: number;
  /** Multiplier on the delay before a clinician calls back. */
  callbackDelayFactor: number;
  /**
   * Share of the rostered call handlers still taking calls (on paper, some become runners between handlers
   * and clinicians, log cases and phone them through to ambulance services and emergency departments).
   */
  staffFactor: number;
}

export const NEUTRAL_EFFECTS: Readonly<Effects> = {
  handleFactor: 1,
  wrapFactor: 1,
  arrivalFactor: 1,
  dropShare: 0,
  callbackDelayFactor: 1,
  staffFactor: 1,
};

/** One system failure, as data: which systems, how they report, when, where, and what it does. */
export interface Disruption {
  /** Systems whose status changes (dependents included). A site is hit if it uses any of them. */
  systems: readonly SystemId[];
  /** `down`: heartbeats stop (plus a probe report); `degraded`: heartbeats say degraded. */
  status: 'down' | 'degraded';
  startMs: number;
  endMs: number;
  /** Shown with probe and degraded reports. */
  detail: string;
  /** Only these sites (default: every site using the systems). */
  sites?: readonly string[];
  effects: Partial<Effects>;
  /** Effects that linger after the systems return (paper notes being typed in). */
  aftermath?: { durationMs: number; effects: Partial<Effects> };
}

export interface Scenario {
  name: string;
  description: string;
  disruptions: readonly Disruption[];
}

/** When a timed scenario strikes. */
export interface ScenarioTiming {
  startMs: number;
  durationMs: number;
  /** Only these sites (default: all using the systems). */
  sites?: readonly string[];
}
