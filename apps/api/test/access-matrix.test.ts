import { testBackends } from '@switchboard/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allows, PERMISSIONS, type Permission, permissionOf } from '../src/auth/permissions.ts';
import type { Principal } from '../src/auth/principal.ts';
import { procedure, router } from '../src/trpc/init.ts';
import { appRouter } from '../src/trpc/router.ts';
import { startTestApi, type TestApi, WHO, type Who } from './harness.ts';

type Kind = 'query' | 'mutation' | 'subscription';
const PROCEDURES = Object.entries(
  (appRouter._def as unknown as { procedures: Record<string, { _def: { type: Kind } }> }).procedures,
).map(([path, p]) => ({ path, kind: p._def.type }));

/** Inputs that make an admitted query answer 200; mutations get `{}` (refused as 400: nothing changes). */
const QUERY_INPUT: Record<string, unknown> = {
  'metrics.series': { last: '1h' },
  'metrics.baseline': { from: '2026-11-01T00:00:00Z', to: '2026-11-01T04:00:00Z', interval: '15m' },
  'systems.availability': { last: '1h' },
  'admin.audit.list': { limit: 5 },
  'alerts.deliveries': { limit: 5 },
  'incidents.get': { id: 999_999 },
  'incidents.impact': { id: 999_999 },
  'incidents.tallies.list': { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' },
  'incidents.opel.history': { siteId: 'leeds' },
  'wallboards.get': { id: 'wb_none' },
  'wallboards.figures': { id: 'wb_none' },
  'probes.series': { id: 'pr_none' },
};

/** A range for the CSV exports (they take absolute ranges only). */
const RANGE = 'from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z';

/** What an admitted query answers when not 200: asking for an incident that does not exist. */
const ADMITTED_QUERY_STATUS: Record<string, string> = {
  'incidents.get': '404',
  'incidents.impact': '404',
  'wallboards.get': '404',
  'wallboards.figures': '404',
  'probes.series': '404',
};

/** Each test principal as the permission table sees it. */
const PRINCIPAL: Record<Exclude<Who, 'anonymous'>, Principal> = {
  viewer: { kind: 'user', userId: 'v', email: 'v', name: 'v', role: 'viewer', sites: 'all' },
  analyst: { kind: 'user', userId: 'a', email: 'a', name: 'a', role: 'analyst', sites: 'all' },
  manager: { kind: 'user', userId: 'm', email: 'm', name: 'm', role: 'manager', sites: 'all' },
  admin: { kind: 'user', userId: 'x', email: 'x', name: 'x', role: 'admin', sites: 'all' },
  scopedViewer: { kind: 'user', userId: 's', email: 's', name: 's', role: 'viewer', sites: ['leeds'] },
  display: { kind: 'display', displayId: 'd', name: 'd', sites: 'all' },
  scopedDisplay: { kind: 'display', displayId: 'e', name: 'e', sites: ['leeds'] },
  feed: { kind: 'feed', key: { id: 'k', feed: 'telephony', siteIds: ['leeds'] } },
};

/** The cell the permission table predicts: admitted, or the status of the refusal. */
function expected(permission: Permission, who: Who): 'admitted' | 401 | 403 {
  if (permission === 'public') return 'admitted';
  if (permission === 'ingest') return who === 'feed' ? 'admitted' : 401;
  if (who === 'anonymous') return 401;
  return allows(PRINCIPAL[who], permission) ? 'admitted' : 403;
}

describe('the permission table', () => {
  it('has an entry for every tRPC procedure', () => {
    const missing = PROCEDURES.filter(({ path }) => !permissionOf(path)).map(({ path }) => path);
    expect(missing).toEqual([]);
    // …and no entry for a procedure that does not exist (HTTP routes are written "METHOD /path").
    const stale = Object.keys(PERMISSIONS).filter(
      (key) => !key.includes(' ') && !PROCEDURES.some(({ path }) => path === key),
    );
    expect(stale).toEqual([]);
  });

  it('refuses a procedure that has no entry, whoever calls', async () => {
    const rogue = router({ rogue: router({ read: procedure.query(() => 'secret') }) });
    const caller = rogue.createCaller({
      whoIs: async () => PRINCIPAL.admin,
    } as unknown as Parameters<typeof rogue.createCaller>[0]);
    const error = await caller.rogue.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).message).toBe('no permission entry for rogue.read');
  });
});

describe.each(testBackends())('role × procedure matrix on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(() => api?.stop());

  async function call(path: string, kind: Kind, who: Who): Promise<number> {
    const headers: Record<string, string> = { ...api.as[who] };
    if (kind === 'mutation') {
      const reply = await fetch(`${api.url}/trpc/${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{}',
      });
      await reply.body?.cancel();
      return reply.status;
    }
    const input = QUERY_INPUT[path];
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const controller = new AbortController();
    if (kind === 'subscription') headers.accept = 'text/event-stream';
    const reply = await fetch(`${api.url}/trpc/${path}${query}`, { headers, signal: controller.signal });
    controller.abort();
    return reply.status;
  }

  it.each(PROCEDURES)('$path ($kind) answers each principal as the table says', async ({ path, kind }) => {
    const permission = permissionOf(path);
    if (!permission) throw new Error(`no entry for ${path}`);
    const cells: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const who of WHO) {
      const status = await call(path, kind, who);
      const cell = expected(permission, who);
      want[who] =
        cell === 'admitted'
          ? kind === 'mutation'
            ? '400'
            : (ADMITTED_QUERY_STATUS[path] ?? '200')
          : String(cell);
      cells[who] = String(status);
    }
    expect(cells).toEqual(want);
  });

  it.each([
    ['GET /healthz', '/healthz'],
    ['GET /readyz', '/readyz'],
    ['GET /metrics', '/metrics'],
    ['ALL /api/auth/*', '/api/auth/get-session'],
  ] as const)('%s answers each principal as the table says (from loopback)', async (route, path) => {
    expect(PERMISSIONS[route]).toBeDefined();
    for (const who of WHO) {
      const reply = await fetch(`${api.url}${path}`, { headers: api.as[who] });
      await reply.body?.cancel();
      // public: everyone; metrics: a loopback caller (the test's), whoever it claims to be.
      expect({ who, status: reply.status }).toEqual({ who, status: 200 });
    }
  });

  it.each([
    ['GET /export/intervals.csv', `/export/intervals.csv?${RANGE}&interval=15m`],
    ['GET /export/iuc-adc.csv', `/export/iuc-adc.csv?${RANGE}&period=day`],
    ['GET /export/availability.csv', `/export/availability.csv?${RANGE}`],
    ['GET /export/calls.csv', `/export/calls.csv?${RANGE}&siteIds=leeds`],
    ['GET /export/incidents.csv', `/export/incidents.csv?${RANGE}`],
  ] as const)('%s answers each principal as the table says', async (route, path) => {
    const permission = PERMISSIONS[route];
    const cells: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const who of WHO) {
      const reply = await fetch(`${api.url}${path}`, { headers: api.as[who] });
      await reply.body?.cancel();
      cells[who] = reply.status;
      const cell = expected(permission, who);
      want[who] = cell === 'admitted' ? 200 : cell;
    }
    expect(cells).toEqual(want);
  });

  it('POST /import/calls.csv answers each principal as the table says', async () => {
    const permission = PERMISSIONS['POST /import/calls.csv'];
    const cells: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const who of WHO) {
      const reply = await fetch(`${api.url}/import/calls.csv?siteId=leeds`, {
        method: 'POST',
        headers: { ...api.as[who], 'content-type': 'text/csv' },
        body: 'callId,kind,at,waitMs\n',
      });
      await reply.body?.cancel();
      cells[who] = reply.status;
      const cell = expected(permission, who);
      want[who] = cell === 'admitted' ? 200 : cell;
    }
    expect(cells).toEqual(want);
  });
});
