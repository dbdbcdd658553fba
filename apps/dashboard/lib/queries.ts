import type { SeriesInput } from '@switchboard/contracts';

/** The overview's sparkline: one site's last 60 minutes, minute by minute. */
export const sparklineInput = (siteId: string): SeriesInput => ({
  last: '60m',
  siteIds: [siteId],
  interval: '1m',
});

/** Chart width assumed before the browser has measured it (server render and first paint). */
export const DEFAULT_CHART_WIDTH = 1100;
