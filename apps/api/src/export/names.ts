import { localDateString } from '@switchboard/metrics';

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'x';

/** Which sites a file holds, for its name: the site, two or three sites, or how many. */
export function sitesPart(siteIds: readonly string[]): string {
  if (siteIds.length === 0) return 'all-sites';
  if (siteIds.length <= 3) return siteIds.map(slug).join('-');
  return `${siteIds.length}-sites`;
}

/**
 * `switchboard-intervals-leeds-2026-11-01-to-2026-11-27-15m.csv`: what, which sites, the first and last
 * London day of the range (the end is exclusive), and any qualifier.
 */
export function exportFileName(
  what: string,
  sites: string,
  from: number,
  to: number,
  qualifier?: string,
): string {
  const days = `${localDateString(from)}-to-${localDateString(to - 1)}`;
  return `${['switchboard', what, sites, days, qualifier].filter(Boolean).join('-')}.csv`;
}
