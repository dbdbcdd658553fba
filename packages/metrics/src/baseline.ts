import { MEASURE_NAMES, type MeasureName, type Measures } from './measures.ts';

/** One measure now against the same measure in a baseline window (e.g. a normal day). */
export type BaselineComparison = {
  current: number | null;
  baseline: number | null;
  /** current − baseline; null when either is null. */
  delta: number | null;
  /** current / baseline; null when either is null or the baseline is 0. */
  ratio: number | null;
};

export type MeasuresComparison = Record<MeasureName, BaselineComparison>;

export function compareValues(current: number | null, baseline: number | null): BaselineComparison {
  const both = current !== null && baseline !== null;
  return {
    current,
    baseline,
    delta: both ? current - baseline : null,
    ratio: both && baseline !== 0 ? current / baseline : null,
  };
}

/** Every measure compared with its baseline; nulls propagate. */
export function compareToBaseline(current: Measures, baseline: Measures): MeasuresComparison {
  const out = {} as MeasuresComparison;
  for (const name of MEASURE_NAMES) out[name] = compareValues(current[name], baseline[name]);
  return out;
}
