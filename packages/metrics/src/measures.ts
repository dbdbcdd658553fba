import type { CallCounts } from './counts.ts';
import { percentileFromHistogram } from './histogram.ts';

/**
 * The call measures every chart, tile and export shows. Percentages are 0–100, unrounded. Every field is
 * null when there is no data (a gap, never zero); a ratio is also null when its denominator is zero.
 */
export type Measures = {
  /** Calls offered / received (IUC ADC A01). */
  offered: number | null;
  /** A03. */
  answered: number | null;
  /** B01: answered with waitMs <= 60000. */
  answeredWithin60s: number | null;
  /** B02: all abandoned calls. */
  abandoned: number | null;
  /** Abandoned with waitMs > 30000 (the older national measure). */
  abandonedAfter30s: number | null;
  /** B03: abandoned with waitMs <= 30000. */
  abandonedWithin30s: number | null;
  /** B04: abandoned with 30000 < waitMs <= 60000 (abandonedAfter30s − abandonedAfter60s). */
  abandonedBetween30And60s: number | null;
  /** B05: abandoned with waitMs > 60000. B03 + B04 + B05 = B02. */
  abandonedAfter60s: number | null;
  /** B06: total time to answer in ms. */
  answerMsSum: number | null;
  /** answeredWithin60s / answered × 100 (target ≥ 95). */
  answeredWithin60sPct: number | null;
  /** abandonedAfter30s / offered × 100 — the older measure (target < 5). */
  abandonedPct: number | null;
  /** abandoned / offered × 100 — B02 / A01, the 2021 measure (target ≤ 3). */
  abandonedAllPct: number | null;
  /** answerMsSum / answered (target ≤ 20000). */
  meanAnswerMs: number | null;
  /** Median answer time from the histogram (whole seconds, capped at 600000). */
  p50AnswerMs: number | null;
  /** B07: 95th-centile answer time from the histogram (whole seconds, capped at 600000). */
  p95AnswerMs: number | null;
};

export type MeasureName = keyof Measures;

export const MEASURE_NAMES = [
  'offered',
  'answered',
  'answeredWithin60s',
  'abandoned',
  'abandonedAfter30s',
  'abandonedWithin30s',
  'abandonedBetween30And60s',
  'abandonedAfter60s',
  'answerMsSum',
  'answeredWithin60sPct',
  'abandonedPct',
  'abandonedAllPct',
  'meanAnswerMs',
  'p50AnswerMs',
  'p95AnswerMs',
] as const satisfies readonly MeasureName[];

/** IUC Aggregate Data Collection codes (NHS England, from April 2021) of the measures that have one. */
export const IUC_ADC_CODES = {
  offered: 'A01',
  answered: 'A03',
  answeredWithin60s: 'B01',
  abandoned: 'B02',
  abandonedWithin30s: 'B03',
  abandonedBetween30And60s: 'B04',
  abandonedAfter60s: 'B05',
  answerMsSum: 'B06',
  p95AnswerMs: 'B07',
} as const satisfies Partial<Record<MeasureName, string>>;

/** National wording of each code, for CSV headers. */
export const IUC_ADC_LABELS = {
  A01: 'Calls received',
  A03: 'Calls answered',
  B01: 'Calls answered within 60 seconds',
  B02: 'Calls abandoned',
  B03: 'Calls abandoned within 30 seconds',
  B04: 'Calls abandoned between 30 and 60 seconds',
  B05: 'Calls abandoned after 60 seconds',
  B06: 'Total time to answer',
  B07: '95th centile call answer time',
} as const;

/** a / b × 100, or null when b is zero. */
export function pct(a: number, b: number): number | null {
  return b === 0 ? null : (a / b) * 100;
}

export function emptyMeasures(): Measures {
  return {
    offered: null,
    answered: null,
    answeredWithin60s: null,
    abandoned: null,
    abandonedAfter30s: null,
    abandonedWithin30s: null,
    abandonedBetween30And60s: null,
    abandonedAfter60s: null,
    answerMsSum: null,
    answeredWithin60sPct: null,
    abandonedPct: null,
    abandonedAllPct: null,
    meanAnswerMs: null,
    p50AnswerMs: null,
    p95AnswerMs: null,
  };
}

/** Measures of one window's counts; all null for null/undefined (no data arrived). */
export function computeMeasures(counts: CallCounts | null | undefined): Measures {
  if (!counts) return emptyMeasures();
  const {
    offered,
    answered,
    answeredWithin60s,
    abandoned,
    abandonedAfter30s,
    abandonedAfter60s,
    answerMsSum,
  } = counts;
  return {
    offered,
    answered,
    answeredWithin60s,
    abandoned,
    abandonedAfter30s,
    abandonedWithin30s: abandoned - abandonedAfter30s,
    abandonedBetween30And60s: abandonedAfter30s - abandonedAfter60s,
    abandonedAfter60s,
    answerMsSum,
    answeredWithin60sPct: pct(answeredWithin60s, answered),
    abandonedPct: pct(abandonedAfter30s, offered),
    abandonedAllPct: pct(abandoned, offered),
    meanAnswerMs: answered === 0 ? null : answerMsSum / answered,
    p50AnswerMs: percentileFromHistogram(counts.answerHist, 50),
    p95AnswerMs: percentileFromHistogram(counts.answerHist, 95),
  };
}
