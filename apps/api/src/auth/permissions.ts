import { ROLES, type Role } from '@switchboard/db';
import type { Principal } from './principal.ts';

/**
 * What each permission needs:
 * - `read`    any signed-in person (viewer and up) and display tokens
 * - `export`  analyst and up
 * - `operate` manager and up (incidents, paper tallies, wallboards, displays, alerts, maintenance windows)
 * - `admin`   admin (users, feed keys, sites, systems, audit log)
 * - `ingest`  feed keys
 * - `public`  anyone (health, readiness, better-auth's own routes, which check what they need)
 * - `metrics` METRICS_TOKEN or a loopback caller
 * - `backup`  the backup token (derived from the auth secret; `npm run backup` on the embedded database)
 */
export type Permission = 'read' | 'export' | 'operate' | 'admin' | 'ingest' | 'public' | 'metrics' | 'backup';

/**
 * THE permission table: every tRPC procedure (by path) and HTTP route. A procedure without an entry
 * refuses every call (and the role × procedure matrix test fails).
 */
export const PERMISSIONS = {
  'ingest.callEvents': 'ingest',
  'ingest.queueSnapshots': 'ingest',
  'ingest.systemStatus': 'ingest',
  'metrics.overview': 'read',
  'metrics.series': 'read',
  'metrics.baseline': 'read',
  'systems.list': 'read',
  'systems.availability': 'read',
  'sites.list': 'read',
  'live.changes': 'read',
  'me.get': 'read',
  'auth.options': 'public',
  'displays.list': 'operate',
  'displays.create': 'operate',
  'displays.revoke': 'operate',
  'exportTokens.list': 'export',
  'exportTokens.create': 'export',
  'exportTokens.revoke': 'export',
  'displays.reload': 'operate',
  'displays.assign': 'operate',
  'displays.heartbeat': 'read',
  'displays.pairing.start': 'public',
  'displays.pairing.claim': 'public',
  'displays.pairing.approve': 'operate',
  'wallboards.list': 'operate',
  'wallboards.get': 'read',
  'wallboards.figures': 'read',
  'wallboards.create': 'operate',
  'wallboards.update': 'operate',
  'wallboards.delete': 'operate',
  'admin.users.list': 'admin',
  'admin.users.invite': 'admin',
  'admin.users.update': 'admin',
  'admin.users.signInLink': 'admin',
  'admin.keys.list': 'admin',
  'admin.keys.create': 'admin',
  'admin.keys.revoke': 'admin',
  'admin.sites.add': 'admin',
  'admin.sites.rename': 'admin',
  'admin.systems.add': 'admin',
  'admin.systems.rename': 'admin',
  'admin.audit.list': 'admin',
  'incidents.declare': 'operate',
  'incidents.update': 'operate',
  'incidents.paper.start': 'operate',
  'incidents.paper.end': 'operate',
  'incidents.tallies.enter': 'operate',
  'incidents.opel.set': 'operate',
  'incidents.list': 'read',
  'incidents.get': 'read',
  'incidents.impact': 'read',
  'incidents.suspected': 'read',
  'incidents.paper.list': 'read',
  'incidents.tallies.list': 'read',
  'incidents.opel.current': 'read',
  'incidents.opel.history': 'read',
  'heartbeats.list': 'read',
  'heartbeats.set': 'admin',
  'heartbeats.clear': 'admin',
  'probes.list': 'read',
  'probes.series': 'read',
  'probes.create': 'admin',
  'probes.update': 'admin',
  'probes.delete': 'admin',
  'alerts.listChannels': 'operate',
  'alerts.createChannel': 'operate',
  'alerts.updateChannel': 'operate',
  'alerts.deleteChannel': 'operate',
  'alerts.testChannel': 'operate',
  'alerts.listRules': 'operate',
  'alerts.createRule': 'operate',
  'alerts.updateRule': 'operate',
  'alerts.deleteRule': 'operate',
  'alerts.firing': 'operate',
  'alerts.deliveries': 'operate',
  'maintenance.list': 'read',
  'maintenance.create': 'operate',
  'maintenance.delete': 'operate',
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'metrics',
  'GET /backup': 'backup',
  'GET /export/intervals.csv': 'export',
  'GET /export/iuc-adc.csv': 'export',
  'GET /export/availability.csv': 'export',
  'GET /export/calls.csv': 'export',
  'GET /export/incidents.csv': 'export',
  'POST /import/calls.csv': 'admin',
  'ALL /api/auth/*': 'public',
} as const satisfies Record<string, Permission>;

export type Guarded = keyof typeof PERMISSIONS;

/** The permission of a procedure path or HTTP route, or undefined when it has no entry. */
export function permissionOf(path: string): Permission | undefined {
  return Object.hasOwn(PERMISSIONS, path) ? PERMISSIONS[path as Guarded] : undefined;
}

const MIN_ROLE = {
  read: 'viewer',
  export: 'analyst',
  operate: 'manager',
  admin: 'admin',
} as const satisfies Partial<Record<Permission, Role>>;

const atLeast = (role: Role, min: Role) => ROLES.indexOf(role) >= ROLES.indexOf(min);

/** Whether a principal holds a permission (site scope is checked separately, per site). */
export function allows(principal: Principal | null, permission: Permission): boolean {
  if (permission === 'public') return true;
  if (!principal || permission === 'metrics' || permission === 'backup') return false;
  if (permission === 'ingest') return principal.kind === 'feed';
  if (principal.kind === 'display') return permission === 'read';
  if (principal.kind === 'feed') return false;
  return atLeast(principal.role, MIN_ROLE[permission]);
}
