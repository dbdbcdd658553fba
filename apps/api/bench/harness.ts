import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createDb, type Database } from '@switchboard/db';
import { withDatabase } from '@switchboard/db/testing';
import postgres from 'postgres';
import { createKey } from '../src/services/keys.ts';
import { addSite } from '../src/services/sites.ts';

const API_DIR = new URL('..', import.meta.url).pathname;

/**
 * A throwaway PostgreSQL database for one benchmark run, dropped at the end; or, with `keep`, a database
 * of that name that is created and seeded once and reused by later runs (`fresh` says which).
 */
export async function benchDatabase(adminUrl: string, keep?: string) {
  const name = keep ?? `sb_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const exists = keep ? (await admin`select 1 from pg_database where datname = ${keep}`).length > 0 : false;
  if (!exists) await admin.unsafe(`create database ${name}`);
  const url = withDatabase(adminUrl, name);
  const database: Database = await createDb({ url });
  return {
    url,
    database,
    fresh: !exists,
    async drop() {
      await database.close();
      if (!keep) await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export async function seedSites(
  database: Database,
  count: number,
): Promise<{ siteIds: string[]; key: string }> {
  const siteIds = Array.from({ length: count }, (_, i) => `site-${String(i).padStart(2, '0')}`);
  for (const id of siteIds) await addSite(database.db, { id, name: id, actor: 'bench' });
  const { key } = await createKey(database.db, { siteIds: ['*'], feed: 'bench', actor: 'bench' });
  return { siteIds, key };
}

/** Starts the real API as its own process (so the load generator does not share its event loop). */
export async function startApiProcess(
  databaseUrl: string,
  port: number,
): Promise<{ url: string; pid: number | undefined; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(join(API_DIR, '../../node_modules/.bin/tsx'), ['src/server.ts'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      API_PORT: String(port),
      HOST: '127.0.0.1',
      BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? randomBytes(32).toString('base64url'),
      // The per-key limit stays on (its cost is part of ingestion) but high enough not to refuse the load.
      INGEST_MAX_REQUESTS_PER_S: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited with code ${child.exitCode}`);
    if (Date.now() > until) throw new Error('API did not become ready within 60 s');
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits });
