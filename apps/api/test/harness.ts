import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { type Backend, createTestDb, type TestDatabase } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import { createApp } from '../src/app.ts';
import type { LiveHub } from '../src/live/hub.ts';
import { createKey } from '../src/services/keys.ts';
import { addSite } from '../src/services/sites.ts';
import { addSystem } from '../src/services/systems.ts';

export interface TestApi {
  url: string;
  database: TestDatabase;
  /** The app's live hub (LISTEN/NOTIFY on PostgreSQL, in-process on PGlite). */
  live: LiveHub;
  /** Keys: `leeds` writes to leeds only, `all` to every site. */
  keys: { leeds: string; all: string };
  post(
    path: string,
    body: unknown,
    init?: { key?: string | null; contentType?: string | null },
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
export const SYSTEMS = ['cas', 'gp-booking'] as const;
const TABLES = [
  'call_events',
  'queue_snapshots',
  'system_status',
  'sites',
  'systems',
  'api_keys',
  'audit_log',
  'incidents',
  'incident_updates',
  'paper_periods',
  'manual_tallies',
  'opel_levels',
];

/** A real API over real HTTP on 127.0.0.1, on a fresh database of the given backend, seeded with sites. */
export async function startTestApi(backend: Backend): Promise<TestApi> {
  const database = await createTestDb(backend);
  for (const id of SITES) await addSite(database.db, { id, name: id.toUpperCase(), actor: 'test' });
  for (const id of SYSTEMS)
    await addSystem(database.db, { id, name: id, siteIds: [...SITES], actor: 'test' });
  const leeds = await createKey(database.db, { siteIds: ['leeds'], feed: 'telephony', actor: 'test' });
  const all = await createKey(database.db, { siteIds: ['*'], feed: 'probes', actor: 'test' });
  const { app, live } = createApp(database);
  await live.ready();
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const keys = { leeds: leeds.key, all: all.key };
  return {
    url,
    database,
    live,
    keys,
    async post(path, body, init = {}) {
      const headers: Record<string, string> = {};
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
