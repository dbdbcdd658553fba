import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { LiveChange } from '@switchboard/contracts';
import { createTestDb, type TestDatabase, testBackends } from '@switchboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDisplay } from '../src/services/displays.ts';
import { createKey } from '../src/services/keys.ts';
import { addSite } from '../src/services/sites.ts';
import { dataOf, startTestApi, type TestApi } from './harness.ts';
import { type LiveSubscription, sleep, subscribeLive, until } from './sse.ts';

const EARLIEST = '2015-01-01T00:00:00.000Z';
let callNumber = 0;
const offered = (siteId: string, at = new Date()) => ({
  siteId,
  callId: `live-${++callNumber}`,
  kind: 'offered' as const,
  at: at.toISOString(),
});

describe.each(testBackends())('live.changes over SSE on %s', (backend) => {
  let api: TestApi;
  const open: LiveSubscription[] = [];
  /** The app's series cache listens for as long as the app runs. */
  const IDLE = 1;
  let active = 0;
  const subscribe = async (input?: Parameters<typeof subscribeLive>[1]) => {
    // A closed subscription leaves the hub a little later: wait for that first, so that "one more" below
    // means this subscription.
    await until('closed subscriptions to leave the hub', () => api.live.subscribers() === IDLE + active);
    const subscription = await subscribeLive(api.url, input, api.as.viewer, () => api.live.subscribers());
    active += 1;
    open.push(subscription);
    const close = subscription.close;
    subscription.close = () => {
      active -= 1;
      close();
    };
    return subscription;
  };
  const ingest = async (events: ReturnType<typeof offered>[]) =>
    dataOf<{ accepted: number }>(await api.post('ingest.callEvents', { events }));

  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(async () => {
    for (const subscription of open) subscription.close();
    await api?.stop();
  });

  it('tells a subscriber which sites and minutes changed after an ingest', async () => {
    const live = await subscribe();
    const answeredAt = new Date(Date.now() - 60_000);
    await api.post('ingest.callEvents', {
      events: [
        {
          siteId: 'leeds',
          callId: 'latency-1',
          kind: 'answered',
          at: answeredAt.toISOString(),
          waitMs: 90_000,
        },
      ],
    });
    // How soon it arrives is a figure for the benchmark (apps/dashboard/bench/latency.ts), not a test.
    const message = await live.next(0);
    expect(message.change).toMatchObject({ siteIds: ['leeds'], streams: ['calls'] });
    // Answer time minus the wait: the minute the call was offered, where its measures count.
    expect(message.change.from).toBe(new Date(answeredAt.getTime() - 90_000).toISOString());
    expect(message.change.to).toBe(answeredAt.toISOString());
    expect(message.id).toMatch(/\S/);

    // A batch that stores nothing new (a retry) announces nothing.
    await api.post('ingest.callEvents', {
      events: [
        {
          siteId: 'leeds',
          callId: 'latency-1',
          kind: 'answered',
          at: answeredAt.toISOString(),
          waitMs: 90_000,
        },
      ],
    });
    // Then a change at another site: messages keep their order, so had the retry announced anything, it
    // would come before this one or be merged into it.
    await ingest([offered('hull')]);
    expect((await live.next(1)).change.siteIds).toEqual(['hull']);
    expect(live.received).toHaveLength(2);
    live.close();
  });

  it('coalesces a burst of 50 ingests into a few messages that cover them all', async () => {
    const live = await subscribe();
    const sites = ['leeds', 'york', 'hull'];
    const first = new Date(Date.now() - 120_000);
    for (let i = 0; i < 50; i++) {
      const site = sites[i % sites.length] ?? 'leeds';
      await ingest([offered(site, new Date(first.getTime() + i * 1_000))]);
    }
    const lastAt = new Date(first.getTime() + 49 * 1_000).toISOString();
    // Wait until a message covers the last event, then a window more for anything left over.
    while (!live.received.some((m) => m.change.to === lastAt)) await live.next(live.received.length);
    // How many messages a burst becomes depends on the machine's speed (at most one per window is the
    // LiveFeed test's in live-hub.test.ts); here, none is lost and none is invented.
    expect(live.received.length).toBeLessThanOrEqual(50);
    const changes = live.received.map((m) => m.change);
    expect(new Set(changes.flatMap((c) => c.siteIds))).toEqual(new Set(sites));
    expect(changes.map((c) => c.from).sort()[0]).toBe(first.toISOString());
    for (const change of changes) expect(change.streams).toEqual(['calls']);
    live.close();
  });

  it('sends a subscriber only the sites it asked for', async () => {
    const yorkOnly = await subscribe({ siteIds: ['york'] });
    const everyone = await subscribe();
    await ingest([offered('leeds')]);
    expect((await everyone.next(0)).change.siteIds).toEqual(['leeds']);

    await ingest([offered('leeds'), offered('york'), offered('hull')]);
    // The leeds-only change never reached it: its first message is york's.
    expect((await yorkOnly.next(0)).change.siteIds).toEqual(['york']);
    await everyone.next(1);
    expect(everyone.received[1]?.change.siteIds).toEqual(['hull', 'leeds', 'york']);

    // A national system status concerns every site: all sites for one, its own sites for the other.
    await api.post('ingest.systemStatus', {
      statuses: [{ systemId: 'cas', at: new Date().toISOString(), status: 'down', source: 'probe' }],
    });
    const national = await everyone.next(2);
    expect(national.change).toMatchObject({ siteIds: [], streams: ['status'] });
    expect((await yorkOnly.next(1)).change).toMatchObject({ siteIds: ['york'], streams: ['status'] });
    yorkOnly.close();
    everyone.close();
  });

  it('gives a reconnecting subscriber one catch-up change, then live changes again', async () => {
    const catchUp = (change: LiveChange | undefined) => {
      expect(change).toMatchObject({
        siteIds: [],
        streams: ['calls', 'queue', 'status', 'incidents'],
        from: EARLIEST,
      });
      expect(Date.parse(change?.to ?? '')).toBeGreaterThan(Date.now());
    };
    // Resuming with an id the server no longer knows (tRPC's own reconnection puts it in the input).
    const resumed = await subscribe({ lastEventId: 'an-old-id' });
    catchUp((await resumed.next(0)).change);
    resumed.close();

    // A dropped connection: the EventSource reconnects with Last-Event-ID, as a browser does.
    const live = await subscribe();
    await ingest([offered('hull')]);
    const before = await live.next(0);
    live.source().drop();
    catchUp((await live.next(1)).change);
    expect(live.source().sentLastEventIds).toEqual(['', before.id]);
    await ingest([offered('york')]);
    expect((await live.next(2)).change.siteIds).toEqual(['york']);
    expect(live.received).toHaveLength(3);
    live.close();
  });

  it('removes a subscriber from the hub when it goes away, dropped connections included', async () => {
    const settled = async (count: number) => {
      await until(`${count} subscriber(s)`, () => api.live.subscribers() === count);
      return api.live.subscribers();
    };
    // The app's series cache listens for as long as the app runs; every subscription of the tests above
    // was closed or dropped: none is left behind.
    const idle = IDLE;
    expect(await settled(idle)).toBe(idle);
    const live = await subscribe({ siteIds: ['leeds'] });
    expect(api.live.subscribers()).toBe(idle + 1);
    live.close();
    expect(await settled(idle)).toBe(idle);
  });
});

const API_DIR = new URL('..', import.meta.url).pathname;
const TSX = join(API_DIR, '../../node_modules/.bin/tsx');

/** Starts `src/server.ts` as its own process on a free port; resolves with its URL once /readyz answers. */
async function startProcess(
  databaseUrl: string,
): Promise<{ url: string; child: ChildProcess; log: () => string }> {
  const child = spawn(TSX, ['src/server.ts'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      API_PORT: '0',
      HOST: '127.0.0.1',
      BETTER_AUTH_SECRET: 'a-test-secret-shared-by-both-instances-0123456789',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}: ${output}`);
    const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
    if (url) {
      try {
        if ((await fetch(`${url}/readyz`)).ok) return { url, child, log: () => output };
      } catch {}
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`API did not become ready: ${output}`);
}

const stopProcess = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

// Defined only with PostgreSQL (TEST_DATABASE_URL), like testBackends(): PGlite has one process by design.
if (process.env.TEST_DATABASE_URL) {
  describe('live changes across two API processes on one PostgreSQL', () => {
    let database: TestDatabase;
    let a: Awaited<ReturnType<typeof startProcess>> | undefined;
    let b: Awaited<ReturnType<typeof startProcess>> | undefined;
    let key: string;
    /** A display token on every site: the principal that reads and subscribes. */
    let reader: Record<string, string>;

    beforeAll(async () => {
      database = await createTestDb('postgres');
      for (const id of ['leeds', 'york']) await addSite(database.db, { id, name: id, actor: 'test' });
      key = (await createKey(database.db, { siteIds: ['*'], feed: 'telephony', actor: 'test' })).key;
      const display = await createDisplay(database.db, { name: 'Wall', sites: 'all', actor: 'test' });
      reader = { authorization: `Bearer ${display.token}` };
      const url = database.url ?? '';
      [a, b] = await Promise.all([startProcess(url), startProcess(url)]);
    });
    afterAll(async () => {
      for (const instance of [a, b])
        if (instance && instance.child.exitCode === null) instance.child.kill('SIGKILL');
      await database?.destroy();
    });

    it("drops from instance B's series cache what an ingest through instance A changed", async () => {
      if (!a || !b) throw new Error('instances not started');
      const minute = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
      const input = encodeURIComponent(
        JSON.stringify({
          siteIds: ['leeds'],
          from: new Date(minute).toISOString(),
          to: new Date(minute + 60_000).toISOString(),
          interval: '1m',
        }),
      );
      const offeredOnB = async () => {
        const reply = await fetch(`${b?.url}/trpc/metrics.series?input=${input}`, { headers: reader });
        const body = (await reply.json()) as { result: { data: { points: { offered: number | null }[] } } };
        return body.result.data.points[0]?.offered ?? null;
      };
      expect(await offeredOnB()).toBeNull();
      expect(await offeredOnB()).toBeNull(); // now held in B's cache
      const onB = await subscribeLive(b.url, { siteIds: ['leeds'] }, reader);
      const reply = await fetch(`${a.url}/trpc/ingest.callEvents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          events: [
            { siteId: 'leeds', callId: 'cache-1', kind: 'offered', at: new Date(minute).toISOString() },
          ],
        }),
      });
      expect(reply.status).toBe(200);
      // What a dashboard on B does: hear the change, then refetch. The refetch must see the new call.
      await onB.next(0);
      expect(await offeredOnB()).toBe(1);
      onB.close();
    });

    it('delivers an event ingested through instance A to a subscriber of instance B', async () => {
      if (!a || !b) throw new Error('instances not started');
      const onB = await subscribeLive(b.url, undefined, reader);
      const onA = await subscribeLive(a.url, { siteIds: ['york'] }, reader);
      for (let i = 0; i < 3; i++) {
        const at = new Date().toISOString();
        const reply = await fetch(`${a.url}/trpc/ingest.callEvents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: [{ siteId: 'york', callId: `cross-${i}`, kind: 'offered', at }] }),
        });
        expect(await reply.json()).toEqual({ result: { data: { accepted: 1, duplicates: 0 } } });
        const message = await onB.next(i);
        expect(message.change).toMatchObject({ siteIds: ['york'], streams: ['calls'], from: at, to: at });
        await onA.next(i);
      }
      // The publishing instance hears its own change once, through the same NOTIFY round trip: a fourth
      // change, at another site, is the first message after the three on both.
      const at = new Date().toISOString();
      await fetch(`${a.url}/trpc/ingest.callEvents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: [{ siteId: 'york', callId: 'cross-last', kind: 'offered', at }] }),
      });
      expect((await onA.next(3)).change.from).toBe(at);
      expect((await onB.next(3)).change.from).toBe(at);
      expect(onA.received).toHaveLength(4);
      expect(onB.received).toHaveLength(4);
      onA.close();

      // Stopping B with a subscriber still connected ends promptly (the stream is cut, not waited on).
      expect(await stopProcess(b.child)).toBe(0);
      onB.close();
    });
  });
}
