/**
 * The API procedures the dashboard's pages call through its same-origin proxy, and no others: ingestion,
 * and anything added to the API later, is not reachable through the dashboard unless listed here.
 */
export const PAGE_PROCEDURES: ReadonlySet<string> = new Set([
  'metrics.overview',
  'metrics.series',
  'systems.availability',
  'systems.list',
  'sites.list',
  'live.changes',
]);
