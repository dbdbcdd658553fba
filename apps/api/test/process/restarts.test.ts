import { createDb, type Database } from '@switchboard/db';
import { type Backend, testBackends } from '@switchboard/db/testing';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { type LiveSubscription, subscribeLive } from '../sse.ts';
import { type ApiProcess, apiProcess, eventually, readiness, stopAll } from './api.ts';
import { type ProcessBackend, processBackend } from './backend.ts';
import { expectRollupsEqualRebuild, expectStoredOnce, seed } from './checks.ts';
import { type Cluster, startCluster } from './cluster.ts';
import { batchEvents, startFeeder } from './feeder.ts';

/**
 * A rolling restart (a deploy) under a retrying feed: each instance in turn is stopped with SIGTERM (it
 * drains: readiness 503, batches in flight finish and are acknowledged) and started again. On PostgreSQL two
 * instances, so the feed's retries go to the other one; on PGlite the one instance, so they wait for it.
 */
describe.each(testBackends())('a rolling restart under load (%s)', (backend: Backend) => {
  let db: ProcessBackend | undefined;
  let apis: ApiProcess[] = [];

  beforeAll(async () => {
    db = await processBackend(backend);
    const env = { ...db.env, SHUTDOWN_DRAIN_S: '1' };
    apis =
      backend === 'postgres'
        ? await Promise.all([apiProcess(env), apiProcess(env)])
        : [await apiProcess(env)];
  }, 90_000);
  afterAll(async () => {
    await stopAll(apis);
    await db?.cleanup();
  }, 60_000);

  it('loses and duplicates no acknowledged event, and every failed request succeeds when retried', async () => {
    if (!db) throw new Error('not started');
    onTestFailed(() => console.error(apis.map((api) => api.output().slice(-4_000)).join('\n----\n')));
    const feeder = startFeeder({
      targets: () => apis.map((api) => api.url),
      key: db.key,
      siteId: 'leeds',
      batchSize: 200,
      concurrency: 4,
      retry: true,
    });
    const restarts = (async () => {
      for (const api of apis) {
        const before = feeder.acked();
        await eventually('batches acknowledged before the stop', () => feeder.acked() >= before + 15);
        expect(await api.stop(), 'exit code after SIGTERM').toBe(0);
        const failed = feeder.failedAttempts();
        await eventually('the feed to find the instance gone', () => feeder.failedAttempts() > failed);
        await api.start();
        const after = feeder.acked();
        await eventually('batches acknowledged after the start', () => feeder.acked() >= after + 15);
      }
    })();
    await restarts.catch(() => undefined);
    const log = await feeder.stop();
    await restarts;
    expect(log.gaveUp, log.samples.join('\n')).toEqual([]);
    expect(log.failedAttempts).toBeGreaterThan(0);
    // Refused only while an instance was gone (no answer) or stopping (503): never an error of ours.
    expect(
      Object.keys(log.failures).filter((s) => !['0', '503'].includes(s)),
      log.samples.join('\n'),
    ).toEqual([]);
    if (backend === 'pglite') await stopAll(apis);
    const database = await db.open();
    try {
      const counts = await expectStoredOnce(database, log);
      expect(counts.stored).toBe(counts.acknowledged);
      expect(counts.accepted).toBeLessThanOrEqual(counts.stored);
      await expectRollupsEqualRebuild(database);
    } finally {
      await database.close();
    }
  }, 120_000);
});

/**
 * PostgreSQL restarted twice under a retrying feed into two API processes. The server is a throwaway
 * cluster of this test's own (never the machine's shared one). Like every PostgreSQL-only suite here it is
 * defined when TEST_DATABASE_URL is set (CI sets it); then a cluster that cannot start fails the test.
 */
const onPostgres = testBackends().includes('postgres');

describe.each(onPostgres ? ['postgres'] : [])('a database restart mid-ingest (%s)', () => {
  let cluster: Cluster | undefined;
  let database: Database | undefined;
  let apis: ApiProcess[] = [];
  let live: LiveSubscription | undefined;
  let key = '';
  let reader: Record<string, string> = {};

  beforeAll(async () => {
    cluster = await startCluster();
    database = await createDb({ url: cluster.url, poolSize: 2 });
    ({ key, reader } = await seed(database));
    const env = { DATABASE_URL: cluster.url, DB_POOL_SIZE: '4' };
    apis = await Promise.all([apiProcess(env), apiProcess(env)]);
  }, 90_000);
  afterAll(async () => {
    live?.close();
    await stopAll(apis);
    await database?.close();
    await cluster?.destroy();
  }, 60_000);

  it('loses and duplicates nothing acknowledged, is unready while the database is away, and its live stream and LISTEN come back', async () => {
    if (!cluster || !database) throw new Error('not started');
    const [a, b] = apis as [ApiProcess, ApiProcess];
    onTestFailed(() => {
      console.error(apis.map((api) => api.output().slice(-4_000)).join('\n----\n'));
      console.error(JSON.stringify({ received: live?.received.slice(-5), errors: live?.errors.map(String) }));
    });
    live = await subscribeLive(a.url, { siteIds: ['leeds'] }, reader);
    const feeder = startFeeder({
      targets: () => apis.map((api) => api.url),
      key,
      siteId: 'leeds',
      batchSize: 200,
      concurrency: 4,
      retry: true,
    });
    const restarts = (async () => {
      for (let restart = 1; restart <= 2; restart++) {
        const before = feeder.acked();
        await eventually('batches acknowledged before the restart', () => feeder.acked() >= before + 20);
        await cluster.stop();
        for (const api of apis)
          await eventually(`${api.url}/readyz to answer 503`, async () => (await readiness(api.url)) === 503);
        const failed = feeder.failedAttempts();
        await eventually('the feed to see its batches refused', () => feeder.failedAttempts() > failed);
        await cluster.start();
        for (const api of apis)
          await eventually(`${api.url}/readyz to answer 200`, async () => (await readiness(api.url)) === 200);
        const after = feeder.acked();
        await eventually('batches acknowledged after the restart', () => feeder.acked() >= after + 20);
      }
    })();
    // Whatever happened, the feed stops (its batches in flight are retried until acknowledged).
    await restarts.finally(() => undefined).catch(() => undefined);
    const log = await feeder.stop();
    await restarts;
    expect(log.gaveUp, log.samples.join('\n')).toEqual([]);
    // While the database was away: 503 with a retry hint, never an internal error (500).
    expect(log.failures[503]).toBeGreaterThan(0);
    expect(
      Object.keys(log.failures).filter((s) => !['0', '503'].includes(s)),
      log.samples.join('\n'),
    ).toEqual([]);
    const counts = await expectStoredOnce(database, log);
    expect(counts.stored).toBe(counts.acknowledged);
    expect(counts.accepted).toBeLessThanOrEqual(counts.stored);
    await expectRollupsEqualRebuild(database);

    // A change committed through instance B reaches A's live stream only through PostgreSQL (NOTIFY → A's
    // LISTEN), so it arriving proves A listens again. Until A's LISTEN is back (its heartbeat notices within
    // 5 s), a notification is missed and A's subscribers get a catch-up change ("anything may have changed")
    // instead — so B sends a small batch every second until one arrives as itself. Its calls are two hours
    // old: nothing else looks like it.
    const start = Date.now() - 2 * 3_600_000;
    const seen = live.received.length;
    const arrived = () =>
      live?.received.slice(seen).some((m) => Math.abs(Date.parse(m.change.from) - start) < 120_000) ?? false;
    for (let attempt = 1; !arrived(); attempt++) {
      if (attempt > 30) throw new Error('no change through B reached the live stream of A in 30 attempts');
      const reply = await fetch(`${b.url}/trpc/ingest.callEvents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: batchEvents(`after-${attempt}`, 2, 'leeds', start) }),
      });
      expect(reply.status).toBe(200);
      await eventually('a live message after the batch', arrived, 1_000).catch(() => undefined);
    }
    expect(live.errors).toEqual([]);
  }, 120_000);
});
