import type { LiveChange } from '@switchboard/contracts';
import { createDb, type Database } from '@switchboard/db';
import { createTestDb, type TestDatabase, testBackends } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveHub, type LiveHub } from '../src/live/hub.ts';
import { sleep } from './sse.ts';

const change = (siteIds: string[], at = '2026-11-25T09:00:00.000Z'): LiveChange => ({
  siteIds,
  streams: ['calls'],
  from: at,
  to: at,
  at: new Date().toISOString(),
});

// The pure rules (changes, coalescing) are pinned in live-change.test.ts and live-feed.test.ts.
describe.each(testBackends())('live hub on %s', (backend) => {
  let database: TestDatabase;
  let hub: LiveHub;
  beforeAll(async () => {
    database = await createTestDb(backend);
    hub = createLiveHub(database, { heartbeatMs: 100 });
    await hub.ready();
  });
  afterAll(async () => {
    await hub?.close();
    await database?.destroy();
  });

  it(`is the ${backend === 'postgres' ? 'LISTEN/NOTIFY' : 'in-process'} hub`, () => {
    expect(hub.kind).toBe(backend === 'postgres' ? 'notify' : 'memory');
  });

  it('delivers a local publish to each local listener exactly once', async () => {
    const got: LiveChange[][] = [[], []];
    const stops = got.map((list) => hub.subscribe((c) => list.push(c)));
    await hub.publish(change(['york']));
    await sleep(400); // Long enough for heartbeats (every 100 ms here) to pass by unseen.
    for (const list of got) expect(list.map((c) => c.siteIds)).toEqual([['york']]);
    for (const stop of stops) stop();
    expect(hub.subscribers()).toBe(0);
  });
});

if (process.env.TEST_DATABASE_URL) {
  describe('live hub across connections on PostgreSQL', () => {
    let database: TestDatabase;
    let other: Database;
    let hubs: LiveHub[] = [];
    beforeAll(async () => {
      database = await createTestDb('postgres');
      other = await createDb({ url: database.url ?? '', poolSize: 2 });
      hubs = [createLiveHub(database), createLiveHub(other)];
      await Promise.all(hubs.map((hub) => hub.ready()));
    });
    afterAll(async () => {
      for (const hub of hubs) await hub.close();
      await other?.close();
      await database?.destroy();
    });

    it("hears the other instance's changes, and its own, once each", async () => {
      const [one, two] = hubs as [LiveHub, LiveHub];
      const heardByOne: string[][] = [];
      const heardByTwo: string[][] = [];
      const stops = [
        one.subscribe((c) => heardByOne.push(c.siteIds)),
        two.subscribe((c) => heardByTwo.push(c.siteIds)),
      ];
      await one.publish(change(['york']));
      await sleep(100);
      await two.publish(change(['leeds']));
      await sleep(300);
      expect(heardByOne).toEqual([['york'], ['leeds']]);
      expect(heardByTwo).toEqual([['york'], ['leeds']]);
      for (const stop of stops) stop();
    });

    it('tells listeners to catch up after its LISTEN connection was lost, and keeps listening', async () => {
      const [one, two] = hubs as [LiveHub, LiveHub];
      const heard: LiveChange[] = [];
      const stop = one.subscribe((c) => heard.push(c));
      const killed = await database.rows<{ ok: boolean }>(
        sql`select pg_terminate_backend(pid) as ok from pg_stat_activity
            where datname = current_database() and query ilike 'listen%' and pid <> pg_backend_pid()`,
      );
      expect(killed.length).toBeGreaterThanOrEqual(1);
      const until = Date.now() + 5_000;
      while (heard.length === 0 && Date.now() < until) await sleep(50);
      expect(heard[0]).toMatchObject({ siteIds: [], streams: ['calls', 'queue', 'status', 'incidents'] });
      await two.publish(change(['hull']));
      const later = Date.now() + 2_000;
      while (heard.length < 2 && Date.now() < later) await sleep(20);
      expect(heard.map((c) => c.siteIds)).toEqual([[], ['hull']]);
      stop();
    });
  });
}
