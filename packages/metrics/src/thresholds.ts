import type { MeasureName } from './measures.ts';

export type Rag = 'green' | 'amber' | 'red' | 'none';

/**
 * One target. `better: 'higher'`: green when value ≥ target (> if strict), amber down to amberLimit
 * (inclusive), red below. `better: 'lower'`: green when value ≤ target (< if strict), amber up to
 * amberLimit (inclusive), red above.
 */
export type Threshold = {
  better: 'higher' | 'lower';
  target: number;
  strict: boolean;
  amberLimit: number;
};

export type Thresholds = Readonly<Partial<Record<MeasureName | (string & {}), Threshold>>>;

/**
 * Targets used locally since 2021 (configurable). Amber band: 5 percentage points below the service level
 * target, 50% over the target for the mean and the abandonment rates.
 * - answeredWithin60sPct: green ≥ 95, amber ≥ 90, red < 90
 * - meanAnswerMs: green ≤ 20000, amber ≤ 30000, red > 30000
 * - abandonedPct (after 30 s, older standard): green < 5, amber ≤ 7.5, red > 7.5
 * - abandonedAllPct (B02 / A01): green ≤ 3, amber ≤ 4.5, red > 4.5
 */
export const DEFAULT_THRESHOLDS = {
  answeredWithin60sPct: { better: 'higher', target: 95, strict: false, amberLimit: 90 },
  meanAnswerMs: { better: 'lower', target: 20_000, strict: false, amberLimit: 30_000 },
  abandonedPct: { better: 'lower', target: 5, strict: true, amberLimit: 7.5 },
  abandonedAllPct: { better: 'lower', target: 3, strict: false, amberLimit: 4.5 },
} as const satisfies Thresholds;

/** Defaults with some thresholds replaced. */
export function withThresholds(overrides: Thresholds): Thresholds {
  return { ...DEFAULT_THRESHOLDS, ...overrides };
}

/** Whether `value` meets the target (green). */
export function meetsTarget(value: number, t: Threshold): boolean {
  if (t.better === 'higher') return t.strict ? value > t.target : value >= t.target;
  return t.strict ? value < t.target : value <= t.target;
}

/** Red/amber/green for a measure; 'none' for a missing value or a measure without a threshold. */
export function ragStatus(
  measureName: MeasureName | (string & {}),
  value: number | null | undefined,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Rag {
  const t = thresholds[measureName];
  if (!t || value === null || value === undefined || Number.isNaN(value)) return 'none';
  if (meetsTarget(value, t)) return 'green';
  const withinAmber = t.better === 'higher' ? value >= t.amberLimit : value <= t.amberLimit;
  return withinAmber ? 'amber' : 'red';
}
