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
  'me.get',
  'auth.options',
  'displays.list',
  'displays.create',
  'displays.revoke',
  'admin.users.list',
  'admin.users.invite',
  'admin.users.update',
  'admin.users.signInLink',
  'admin.keys.list',
  'admin.keys.create',
  'admin.keys.revoke',
  'admin.sites.add',
  'admin.sites.rename',
  'admin.systems.add',
  'admin.systems.rename',
  'admin.audit.list',
]);
