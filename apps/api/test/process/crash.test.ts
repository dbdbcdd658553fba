import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '@switchboard/contracts';
import { type Backend, testBackends } from '@switchboard/db/testing';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { type ApiProcess, apiProcess, eventually, readiness, stopAll } from './api.ts';
import { type ProcessBackend, processBackend } from './backend.ts';
import { expectRollupsEqualRebuild, expectStoredOnce } from './checks.ts';
import { batchEvents, startFeeder } from './feeder.ts';

/**
 * `kill -9` of the API while it stores the largest batches the contract allows, then a restart. No retries
 * here: a batch cut by the kill stays as the kill left it, so the check sees whether it is all or nothing.
 */
describe.each(testBackends())('a crash (kill -9) during large batches (%s)', (backend: Backend) => {
  let db: ProcessBackend | undefined;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    db = await processBackend(backend);
    api = await apiProcess(db.env);
  }, 90_000);
  afterAll(async () => {
    await stopAll([api]);
    await db?.cleanup();
  }, 60_000);

  it('keeps every acknowledged batch, no partial one, rollups equal to a rebuild, and starts again on its own', async () => {
    if (!db || !api) throw new Error('not started');
    const instance = api;
    onTestFailed(() => console.error(instance.output().slice(-6_000)));
    const feeder = startFeeder({
      targets: () => [instance.url],
      key: db.key,
      siteId: 'leeds',
      batchSize: LIMITS.maxBatch,
      concurrency: 2,
      retry: false,
    });
    await eventually('large batches acknowledged', () => feeder.acked() >= 3, 60_000);
    const killed = instance.child()?.process.pid;
    await instance.kill();
    const log = await feeder.stop();
    expect(log.gaveUp.length, 'batches in flight when the process was killed').toBeGreaterThan(0);
    const lock = db.dataDir ? join(db.dataDir, 'switchboard.lock') : undefined;
    // On PGlite the killed process's lock is still there; the new one takes it over.
    if (lock) expect(readFileSync(lock, 'utf8')).toBe(String(killed));

    await instance.start();
    if (lock) expect(readFileSync(lock, 'utf8')).toBe(String(instance.child()?.process.pid));
    await eventually('readiness after the restart', async () => (await readiness(instance.url)) === 200);
    const reply = await fetch(`${instance.url}/trpc/ingest.callEvents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${db.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: batchEvents('after', 100, 'leeds') }),
    });
    expect(reply.status).toBe(200);
    log.sent.set('after', 100);
    log.acked.set(
      'after',
      ((await reply.json()) as { result: { data: { accepted: number; duplicates: number } } }).result.data,
    );

    // PGlite: one process per folder, so the API stops before the test opens it.
    if (backend === 'pglite') expect(await instance.stop()).toBe(0);
    const database = await db.open();
    try {
      const counts = await expectStoredOnce(database, log);
      expect(counts.stored).toBeGreaterThanOrEqual(counts.acknowledged);
      await expectRollupsEqualRebuild(database);
    } finally {
      await database.close();
    }
  }, 120_000);
});
