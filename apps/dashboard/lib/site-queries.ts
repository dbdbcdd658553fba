import type { AvailabilityInput, SeriesInput, SeriesInterval } from '@switchboard/contracts';
import { PLOT } from './plot.ts';
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
 * Availability for the site view: every row of the range; the page shows the site's own rows and the
 * national ones (a national outage hits every site).
 */
export const siteAvailabilityInput = (range: Range): AvailabilityInput => rangeInput(range);

export const siteSeriesDefault = (siteId: string, range: Range, now: number) =>
  siteSeriesInput(siteId, range, DEFAULT_CHART_WIDTH, now);

const INTERVAL_WORDS: Record<SeriesInterval, string> = {
  '1m': '1-minute intervals',
  '5m': '5-minute intervals',
  '15m': '15-minute intervals',
  '1h': 'hourly intervals',
  '1d': 'daily intervals (UK days)',
};
export const intervalWords = (interval: SeriesInterval): string => INTERVAL_WORDS[interval];
