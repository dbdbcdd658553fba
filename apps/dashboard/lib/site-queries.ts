import type { AvailabilityInput, SeriesInput } from '@switchboard/contracts';
import type { IntervalName } from '@switchboard/metrics';
import { PLOT } from '../components/charts/theme.ts';
import { DEFAULT_CHART_WIDTH } from './queries.ts';
import { type Range, rangeBounds, rangeInput } from './range.ts';
import { intervalForWidth } from './series.ts';

/** The site view's chart series: the interval follows the plot width. */
export function siteSeriesInput(siteId: string, range: Range, width: number, now: number): SeriesInput {
  const { from, to } = rangeBounds(range, now);
  const interval = intervalForWidth(from, to, width - PLOT.left - PLOT.right);
  return { ...rangeInput(range), siteIds: [siteId], interval };
}

/**
 * Availability for the site view: every row, filtered to the site's own and national rows on screen
 * (the API's `siteIds` filter leaves national rows out, and a national outage hits every site).
 */
export const siteAvailabilityInput = (range: Range): AvailabilityInput => rangeInput(range);

export const siteSeriesDefault = (siteId: string, range: Range, now: number) =>
  siteSeriesInput(siteId, range, DEFAULT_CHART_WIDTH, now);

const INTERVAL_WORDS: Record<IntervalName, string> = {
  '1m': '1-minute intervals',
  '5m': '5-minute intervals',
  '15m': '15-minute intervals',
  '1h': 'hourly intervals',
  '1d': 'daily intervals (UK days)',
};
export const intervalWords = (interval: IntervalName): string => INTERVAL_WORDS[interval];
