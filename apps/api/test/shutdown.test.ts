import { callEvents, createDb, type Database } from '@switchboard/db';
import { createTestDb, testBackends } from '@switchboard/db/testing';
import { count } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env.ts';
import { startApi } from '../src/server.ts';
import { leedsCalls, seededFolder, seedLeeds } from './embedded-folder.ts';
import { until } from './sse.ts';

const BATCH = 5_000;
const SECRET = 'a-test-secret-of-at-least-32-characters!!';

/** A database with one site and a feed key, and how to open it again after the API has gone. */
async function prepare(backend: 'pglite' | 'postgres') {
  if (backend === 'pglite') {
    const folder = await seededFolder();
    return {
      env: { DATA_DIR: folder.dataDir },
      key: folder.key,
      reopen: () => createDb({ dataDir: folder.dataDir }),
      cleanup: async () => folder.cleanup(),
    };
  }
  const test = await createTestDb('postgres');
  const key = await seedLeeds(test);
  return {
    env: { DATABASE_URL: test.url ?? '' },
    key,
    reopen: async () => test as Database,
    cleanup: () => test.destroy(),
  };
}

const events = leedsCalls(BATCH);

describe.each(testBackends())('graceful stop (%s)', (backend) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('turns readiness 503 first, finishes and acknowledges the batch in flight, and stores all of it', async () => {
    const db = await prepare(backend);
    cleanup = db.cleanup;
    const api = await startApi(
      readEnv({
        ...db.env,
        HOST: '127.0.0.1',
        API_PORT: '0',
        BETTER_AUTH_SECRET: SECRET,
        SHUTDOWN_DRAIN_S: '1',
      }),
    );
    let stopped = false;
    try {
      const posted = fetch(`${api.url}/trpc/ingest.callEvents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${db.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      await until('the batch to reach the server', () => api.inFlight() >= 1);
      const stopping = api.stop();
      const ready = await fetch(`${api.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ ok: false, reason: 'shutting down' });
      const response = await posted;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ result: { data: { accepted: BATCH, duplicates: 0 } } });
      await stopping;
      stopped = true;
      await expect(fetch(`${api.url}/healthz`)).rejects.toThrow();
    } finally {
      if (!stopped) await api.stop();
    }
    const after = await db.reopen();
    const [row] = await after.db.select({ n: count() }).from(callEvents);
    expect(row?.n).toBe(BATCH);
    if (backend === 'pglite') await after.close();
  });
});
