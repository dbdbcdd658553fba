import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { type Backend, createTestDb, type TestDatabase } from '@switchboard/db/testing';
import { hashPassword } from 'better-auth/crypto';
import { sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import { createApp } from '../src/app.ts';
import { type Access, createAccess } from '../src/auth/access.ts';
import { type AccessConfig, localAccessConfig } from '../src/auth/config.ts';
import type { LiveHub } from '../src/live/hub.ts';
import { createDisplay } from '../src/services/displays.ts';
import { createKey } from '../src/services/keys.ts';
import type { SeriesCache } from '../src/services/queries/series-cache.ts';
import { addSite } from '../src/services/sites.ts';
import { addSystem } from '../src/services/systems.ts';
import { inviteUser } from '../src/services/users.ts';
import type { QuerySettings } from '../src/trpc/context.ts';

export interface TestApi {
  url: string;
  database: TestDatabase;
  /** The app's live hub (LISTEN/NOTIFY on PostgreSQL, in-process on PGlite). */
  live: LiveHub;
  /** The app's series cache (to check its budget). */
  seriesCache: SeriesCache;
  access: Access;
  /** Keys: `leeds` writes to leeds only, `all` to every site. */
  keys: { leeds: string; all: string };
  /** Request headers of each test principal (see WHO); `anonymous` sends none. */
  as: Record<Who, Record<string, string>>;
  /** GET a tRPC query as a principal (default: an admin, every site). */
  get(path: string, input?: unknown, who?: Who): Promise<Reply>;
  post(
    path: string,
    body: unknown,
    init?: { key?: string | null; contentType?: string | null; headers?: Record<string, string> },
  ): Promise<Reply>;
  /** Row count of every table, to prove a refused request changed nothing. */
  counts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}
export interface Reply {
  status: number;
  body: {
    result?: { data: unknown };
    error?: { message: string; data: { code: string; httpStatus: number; issues?: unknown[] } };
  };
}

export const SITES = ['leeds', 'york', 'hull'] as const;
export const PASSWORD = 'correct horse battery staple';

/**
 * The principals every test API has: a person of each role on every site, a viewer scoped to leeds, a display
 * on every site, a display scoped to leeds, the `leeds` feed key, and nobody.
 */
export const WHO = [
  'anonymous',
  'viewer',
  'analyst',
  'manager',
  'admin',
  'scopedViewer',
  'display',
  'scopedDisplay',
  'feed',
] as const;
export type Who = (typeof WHO)[number];
const PEOPLE = [
  ['viewer', 'viewer', 'all'],
  ['analyst', 'analyst', 'all'],
  ['manager', 'manager', 'all'],
  ['admin', 'admin', 'all'],
  ['scopedViewer', 'viewer', ['leeds']],
] as const;
let passwordHash: string | undefined;
export const emailOf = (who: Who) => `${who.toLowerCase()}@test.nhs.net`;

/** Signs in with e-mail and password (better-auth) and returns the session cookie to send back. */
export async function signIn(url: string, email: string, password = PASSWORD): Promise<string> {
  const reply = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!reply.ok) throw new Error(`sign-in as ${email} failed: ${reply.status} ${await reply.text()}`);
  return cookieOf(reply);
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
export const cookieOf = (reply: Response) =>
  reply.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
export const SYSTEMS = ['cas', 'gp-booking'] as const;
const TABLES = [
  'call_events',
  'queue_snapshots',
  'system_status',
  'sites',
  'systems',
  'api_keys',
  'audit_log',
  'users',
  'sessions',
  'accounts',
  'verifications',
  'displays',
  'export_tokens',
  'incidents',
  'incident_updates',
  'paper_periods',
  'manual_tallies',
  'opel_levels',
  'alert_channels',
  'alert_rules',
  'maintenance_windows',
];

/** A real API over real HTTP on 127.0.0.1, on a fresh database of the given backend, seeded with sites. */
export async function startTestApi(
  backend: Backend,
  config: Partial<AccessConfig> = {},
  settings: Partial<QuerySettings> = {},
): Promise<TestApi> {
  const database = await createTestDb(backend);
  for (const id of SITES) await addSite(database.db, { id, name: id.toUpperCase(), actor: 'test' });
  for (const id of SYSTEMS)
    await addSystem(database.db, { id, name: id, siteIds: [...SITES], actor: 'test' });
  const leeds = await createKey(database.db, { siteIds: ['leeds'], feed: 'telephony', actor: 'test' });
  const all = await createKey(database.db, { siteIds: ['*'], feed: 'probes', actor: 'test' });
  // The app is built once the port is known: sign-in links and redirects name the API's own origin.
  let app: Hono | undefined;
  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      {
        fetch: (request, env) => (app ? app.fetch(request, env) : new Response(null, { status: 503 })),
        port: 0,
        hostname: '127.0.0.1',
      },
      () => resolve(s),
    );
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const access = createAccess(database, localAccessConfig({ publicUrl: url, ...config }));
  const created = createApp(database, settings, undefined, access);
  const { live, seriesCache } = created;
  app = created.app;
  await live.ready();
  // One password hash for every test person (scrypt is slow on purpose); they sign in by one-time link.
  passwordHash ??= await hashPassword(PASSWORD);
  const links: Partial<Record<Who, string>> = {};
  for (const [who, role, sites] of PEOPLE) {
    const invited = await inviteUser(database.db, access.auth, {
      email: emailOf(who),
      name: who,
      role,
      sites: sites === 'all' ? 'all' : [...sites],
      passwordHash,
      actor: 'test',
    });
    links[who] = invited.signInUrl;
  }
  const display = await createDisplay(database.db, { name: 'Wall 1', sites: 'all', actor: 'test' });
  const scopedDisplay = await createDisplay(database.db, {
    name: 'Leeds TV',
    sites: ['leeds'],
    actor: 'test',
  });
  const as = { anonymous: {} } as Record<Who, Record<string, string>>;
  for (const [who] of PEOPLE) {
    const opened = await fetch(links[who] ?? '', { redirect: 'manual' });
    const cookie = cookieOf(opened);
    if (!cookie.includes('session_token=')) throw new Error(`the sign-in link of ${who} gave no session`);
    as[who] = { cookie };
  }
  as.display = { authorization: `Bearer ${display.token}` };
  as.scopedDisplay = { authorization: `Bearer ${scopedDisplay.token}` };
  as.feed = { authorization: `Bearer ${leeds.key}` };
  const keys = { leeds: leeds.key, all: all.key };
  return {
    url,
    database,
    live,
    seriesCache,
    access,
    keys,
    as,
    async get(path, input, who = 'admin') {
      const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      const response = await fetch(`${url}/trpc/${path}${query}`, { headers: as[who] });
      return { status: response.status, body: (await response.json()) as Reply['body'] };
    },
    async post(path, body, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      const key = init.key === undefined ? keys.all : init.key;
      if (key) headers.authorization = `Bearer ${key}`;
      const contentType = init.contentType === undefined ? 'application/json' : init.contentType;
      if (contentType) headers['content-type'] = contentType;
      const response = await fetch(`${url}/trpc/${path}`, {
        method: 'POST',
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Reply['body'] };
    },
    async counts() {
      const out: Record<string, number> = {};
      for (const table of TABLES) {
        const [row] = await database.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
        out[table] = Number(row?.n);
      }
      return out;
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await live.close();
      await database.destroy();
    },
  };
}

/** The `result.data` of a successful reply; fails with the error body otherwise. */
export function dataOf<T>(reply: Reply): T {
  if (!reply.body.result)
    throw new Error(`expected success, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.result.data as T;
}
