import type { SeriesInterval } from '@switchboard/contracts';

type Params = Record<string, string | number | boolean | readonly string[] | undefined>;

/** `/export/<name>.csv?…` on the dashboard's own origin (the dashboard's server proxies it with the session cookie: lib/proxy/routes.ts). */
export function exportHref(name: string, params: Params): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === false) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) query.set(key, value.join(','));
    } else query.set(key, value === true ? '1' : String(value));
  }
  return `/export/${name}.csv?${query.toString()}`;
}

/** The intervals export for exactly a series on screen: its sites, its resolved range and its interval. */
export const intervalsHref = (input: {
  siteIds: readonly string[];
  from: string;
  to: string;
  interval: SeriesInterval;
  bySite?: boolean;
}) => exportHref('intervals', input);

/** Status intervals of the systems over a range (the availability strip and table). */
export const availabilityHref = (input: { siteIds: readonly string[]; from: string; to: string }) =>
  exportHref('availability', input);
