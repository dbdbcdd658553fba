import { buildIfStale } from './build-if-stale.ts';

/**
 * `npm run start:dashboard`: the dashboard's server (server.ts) on DASHBOARD_PORT (default 3000), bound to
 * DASHBOARD_HOST, after building if the build is missing or older than the sources.
 */
buildIfStale();
await import('../server.ts');
