import { IUC_ADC_CODES, IUC_ADC_LABELS, type Measures } from './measures.ts';

/** The IUC ADC items Switchboard computes, in the order of the national return. */
export const IUC_ADC_ITEMS = ['A01', 'A03', 'B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07'] as const;
export type IucAdcItem = (typeof IUC_ADC_ITEMS)[number];

/** Items the national return has that Switchboard's feeds cannot give (why, for the README and exports). */
export const IUC_ADC_NOT_COVERED = {
  'C–G': 'triage, clinical assessment, dispositions and bookings need the clinical system',
  'D13/D14': 'clinician call-backs within 20 minutes are not yet measured',
} as const;

const MEASURE_OF = Object.fromEntries(
  Object.entries(IUC_ADC_CODES).map(([measure, code]) => [code, measure as keyof Measures]),
) as Record<IucAdcItem, keyof Measures>;

/** Items whose value the return counts in seconds (Switchboard keeps milliseconds). */
const IN_SECONDS: ReadonlySet<IucAdcItem> = new Set(['B06', 'B07']);

/** Each item's value for one window's measures: null where there was no data (never 0 for a gap). */
export function iucAdcValues(m: Measures): { item: IucAdcItem; label: string; value: number | null }[] {
  return IUC_ADC_ITEMS.map((item) => {
    const value = m[MEASURE_OF[item]];
    return {
      item,
      label: IUC_ADC_LABELS[item],
      value: value === null ? null : IN_SECONDS.has(item) ? value / 1000 : value,
    };
  });
}
