import { queueDayRollups } from '@switchboard/db';
import { testBackends } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addSite } from '../src/services/sites.ts';
import { dataOf, startTestApi, type TestApi } from './harness.ts';
import { storedState } from './hostile-support.ts';

const recent = (secondsAgo = 1) => new Date(Date.now() - secondsAgo * 1_000).toISOString();
const keyId = (key: string) => key.split('_')[1];

/** Hostile ingestion, classes 1–4 of issue 10: poison batches, leaking errors, lost reports, partial batches. */
describe.each(testBackends())('hostile ingestion on %s', (backend) => {
  let api: TestApi;
  /** A read as a signed-in viewer (every read needs a principal). */
  const read = (input: string, init: RequestInit = {}) =>
    fetch(input, { ...init, headers: { ...api.as.viewer, ...(init.headers as Record<string, string>) } });
  beforeAll(async () => {
    api = await startTestApi(backend);
    // A site with no systems registered at it.
    await addSite(api.database.db, { id: 'scarborough', name: 'Scarborough', actor: 'test' });
  });
  afterAll(() => api.stop());

  /** Posts, expects the status and message, and proves nothing stored changed (raw and every rollup). */
  async function refused(path: string, body: unknown, status: number, message: string, key?: string) {
    const before = await storedState(api.database);
    const reply = await api.post(path, body, key ? { key } : {});
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    expect(reply.body.error?.message).toContain(message);
    expect(await storedState(api.database)).toEqual(before);
    return reply;
  }

  describe('1. poison batches', () => {
    it('refuses a lone surrogate or a control character in any text field with 400, naming it', async () => {
      const status = (detail: string) => ({
        statuses: [
          { systemId: 'cas', siteId: 'leeds', at: recent(), status: 'down', source: 'manual', detail },
        ],
      });
      await refused('ingest.systemStatus', status('fine'.concat('\ud800')), 400, 'statuses[0].detail');
      await refused('ingest.systemStatus', status('\udc00 low'), 400, 'valid Unicode');
      await refused('ingest.systemStatus', status('bell\u0007'), 400, 'control characters');
      await refused('ingest.systemStatus', status('c1\u0085'), 400, 'statuses[0].detail');
      // A surrogate pair (an emoji) and line breaks are fine.
      const ok = await api.post('ingest.systemStatus', status('CAS down 🚑\nsee incident'));
      expect(ok.status).toBe(200);
    });

    it('stores 20,000 snapshots of 100,000 calls waiting in one queue and day, and every later batch', async () => {
      const start = Date.parse('2026-11-20T06:00:00Z');
      const snapshot = (i: number) => ({
        siteId: 'york',
        queue: 'overflow',
        at: new Date(start + i * 1_000).toISOString(),
        callsWaiting: 100_000,
        longestWaitMs: 86_400_000,
        agentsAvailable: 100_000,
        agentsOnCall: 100_000,
        agentsWrapUp: 100_000,
      });
      for (let batch = 0; batch < 5; batch++) {
        const snapshots = Array.from({ length: 5_000 }, (_, i) => snapshot(batch * 5_000 + i));
        const reply = await api.post('ingest.queueSnapshots', { snapshots });
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      }
      // Read back through Drizzle: bigint sums come back as JS numbers on both drivers.
      const [day] = await api.database.db
        .select()
        .from(queueDayRollups)
        .where(sql`${queueDayRollups.siteId} = 'york' and ${queueDayRollups.queue} = 'overflow'`);
      expect(day?.samples).toBe(25_000);
      expect(day?.waitingSum).toBe(2_500_000_000);
      expect(typeof day?.agentsAvailableSum).toBe('number');
      const series = await read(
        `${api.url}/trpc/metrics.series?input=${encodeURIComponent(
          JSON.stringify({
            siteIds: ['york'],
            from: '2026-11-20T00:00:00Z',
            to: '2026-11-21T00:00:00Z',
            interval: '1d',
          }),
        )}`,
      );
      const points = ((await series.json()) as { result: { data: { points: { queueDepthMean: number }[] } } })
        .result.data.points;
      expect(points.some((p) => p.queueDepthMean === 100_000)).toBe(true);
    });
  });

  describe('2. error bodies', () => {
    it('answers a 500 with "internal error" and a reference, logging the detail only', async () => {
      const before = await storedState(api.database);
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      await api.database.rows(sql.raw('alter table call_day_rollups rename to call_day_rollups_away'));
      let reply: Awaited<ReturnType<TestApi['post']>>;
      let log = '';
      try {
        reply = await api.post('ingest.callEvents', {
          events: [{ siteId: 'leeds', callId: 'secret-call-42', kind: 'offered', at: recent() }],
        });
      } finally {
        await api.database.rows(sql.raw('alter table call_day_rollups_away rename to call_day_rollups'));
        log = logged.mock.calls.map((call) => String(call[0])).join('\n');
        logged.mockRestore();
      }
      expect(reply.status).toBe(500);
      expect(reply.body.error?.message).toMatch(/^internal error \(ref [0-9a-f]{8}\)$/);
      const text = JSON.stringify(reply.body).toLowerCase();
      for (const leak of ['secret-call-42', 'insert', 'select', 'call_day_rollups', 'stack']) {
        expect(text).not.toContain(leak);
      }
      const ref = /ref ([0-9a-f]{8})/.exec(reply.body.error?.message ?? '')?.[1] ?? 'none';
      expect(log).toContain(ref);
      expect(await storedState(api.database)).toEqual(before);
    });

    it('answers unsupported content types with 415 and no internal names', async () => {
      const body = JSON.stringify({
        events: [{ siteId: 'leeds', callId: 'ct', kind: 'offered', at: recent() }],
      });
      const before = await storedState(api.database);
      for (const contentType of [
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        'application/x-www-form-urlencoded',
        'application/jsonx',
        null,
      ]) {
        const sent = await api.post('ingest.callEvents', body, { contentType });
        expect(sent.status, String(contentType)).toBe(415);
        expect(sent.body.error?.message).toContain('content-type');
        expect(JSON.stringify(sent.body)).not.toMatch(/formData|getContentType|octet|\.ts|at /);
      }
      expect(await storedState(api.database)).toEqual(before);
    });

    it('never quotes the request back in a 4xx', async () => {
      const broken = await api.post('ingest.callEvents', '{"events":[{"siteId":"ECHO-ME-NOT"');
      expect(broken.status).toBe(400);
      expect(JSON.stringify(broken.body)).not.toContain('ECHO-ME-NOT');
      const longKey = 'k'.repeat(100_000);
      const unknown = await api.post('ingest.callEvents', {
        events: [{ siteId: 'leeds', callId: 'x', kind: 'offered', at: recent(), [longKey]: 1 }],
      });
      expect(unknown.status).toBe(400);
      expect(JSON.stringify(unknown.body).length).toBeLessThan(5_000);
      const lost = await fetch(`${api.url}/${'p'.repeat(10_000)}`);
      expect(lost.status).toBe(404);
      expect((await lost.text()).length).toBeLessThan(500);
    });
  });

  describe('3. conflicts are not duplicates', () => {
    it('refuses an up and a down of one system, site, source and instant with 409, storing nothing', async () => {
      const at = recent(30);
      const report = (status: string) => ({ systemId: 'cas', siteId: 'leeds', at, status, source: 'probe' });
      expect(dataOf(await api.post('ingest.systemStatus', { statuses: [report('up')] }))).toEqual({
        accepted: 1,
        duplicates: 0,
      });
      const fresh = { systemId: 'gp-booking', siteId: 'leeds', at, status: 'up', source: 'probe' };
      await refused(
        'ingest.systemStatus',
        { statuses: [fresh, report('down')] },
        409,
        'statuses[1]: conflicts',
      );
      // An exact repeat, even from another key, is a duplicate.
      const again = await api.post('ingest.systemStatus', { statuses: [report('up')] });
      expect(dataOf(again)).toEqual({ accepted: 0, duplicates: 1 });
    });

    it('refuses a call event with another time or wait under a stored site, call and kind', async () => {
      const at = recent(60);
      const answered = (waitMs: number, when = at) => ({
        siteId: 'leeds',
        callId: 'conf-1',
        kind: 'answered',
        at: when,
        waitMs,
      });
      expect(dataOf(await api.post('ingest.callEvents', { events: [answered(12_000)] }))).toEqual({
        accepted: 1,
        duplicates: 0,
      });
      const other = { siteId: 'leeds', callId: 'conf-2', kind: 'offered', at };
      await refused('ingest.callEvents', { events: [other, answered(13_000)] }, 409, 'events[1]: conflicts');
      await refused('ingest.callEvents', { events: [other, answered(12_000, recent(50))] }, 409, 'events[1]');
      // Two different reports of one identity within a batch.
      const twice = { siteId: 'leeds', callId: 'conf-3', kind: 'answered', at, waitMs: 1_000 };
      await refused('ingest.callEvents', { events: [twice, { ...twice, waitMs: 2_000 }] }, 409, 'conflicts');
      // The leeds key's exact repeat of what the national key stored is a duplicate.
      const repeat = await api.post(
        'ingest.callEvents',
        { events: [answered(12_000)] },
        { key: api.keys.leeds },
      );
      expect(dataOf(repeat)).toEqual({ accepted: 0, duplicates: 1 });
    });

    it('refuses a snapshot with other counts under a stored site, queue and instant', async () => {
      const snapshot = (callsWaiting: number) => ({
        siteId: 'hull',
        queue: 'main',
        at: recent(90),
        callsWaiting,
        longestWaitMs: 1_000,
        agentsAvailable: 2,
        agentsOnCall: 3,
        agentsWrapUp: 0,
      });
      const first = snapshot(4);
      expect(dataOf(await api.post('ingest.queueSnapshots', { snapshots: [first] }))).toEqual({
        accepted: 1,
        duplicates: 0,
      });
      await refused(
        'ingest.queueSnapshots',
        { snapshots: [{ ...first, callsWaiting: 5 }] },
        409,
        'snapshots[0]',
      );
      expect(dataOf(await api.post('ingest.queueSnapshots', { snapshots: [first] }))).toEqual({
        accepted: 0,
        duplicates: 1,
      });
    });

    it('refuses a status for a system not registered at the site with 422', async () => {
      const status = {
        systemId: 'cas',
        siteId: 'scarborough',
        at: recent(),
        status: 'down',
        source: 'manual',
      };
      await refused(
        'ingest.systemStatus',
        { statuses: [status] },
        422,
        'statuses[0].systemId: system "cas" is not registered at site "scarborough"',
      );
    });

    it('records the key that wrote each row, outside the identity', async () => {
      const at = recent(5);
      await api.post(
        'ingest.callEvents',
        { events: [{ siteId: 'leeds', callId: 'keyed', kind: 'offered', at }] },
        { key: api.keys.leeds },
      );
      await api.post('ingest.queueSnapshots', {
        snapshots: [
          {
            siteId: 'leeds',
            queue: 'keyed',
            at,
            callsWaiting: 1,
            longestWaitMs: 0,
            agentsAvailable: 1,
            agentsOnCall: 0,
            agentsWrapUp: 0,
          },
        ],
      });
      await api.post('ingest.systemStatus', {
        statuses: [{ systemId: 'cas', at, status: 'up', source: 'heartbeat' }],
      });
      const rows = await api.database.rows<{ k: string }>(
        sql.raw(`select key_id as k from call_events where call_id = 'keyed'
          union all select key_id from queue_snapshots where queue = 'keyed'
          union all select key_id from system_status where site_id is null and at = '${at}'`),
      );
      expect(rows.map((row) => row.k)).toEqual([
        keyId(api.keys.leeds),
        keyId(api.keys.all),
        keyId(api.keys.all),
      ]);
    });
  });

  describe('4. no partial writes through HTTP batching', () => {
    it('refuses batched ingestion with 400 and stores nothing', async () => {
      const events = (callId: string) => ({
        events: [{ siteId: 'leeds', callId, kind: 'offered', at: recent() }],
      });
      await refused(
        'ingest.callEvents,ingest.callEvents?batch=1',
        { 0: events('b1'), 1: events('b2') },
        400,
        'cannot be batched',
      );
      await refused('ingest.callEvents?batch=1', { 0: events('b3') }, 400, 'cannot be batched');
      await refused(
        'sites.list,ingest.systemStatus?batch=1',
        { 1: { statuses: [] } },
        400,
        'cannot be batched',
      );
    });

    it('lets reads batch, up to a cap', async () => {
      const ok = await read(`${api.url}/trpc/sites.list,systems.list?batch=1&input={}`);
      expect(ok.status).toBe(200);
      const many = Array.from({ length: 11 }, () => 'sites.list').join(',');
      const tooMany = await read(`${api.url}/trpc/${many}?batch=1&input={}`);
      expect(tooMany.status).toBe(400);
      expect(((await tooMany.json()) as { error: { message: string } }).error.message).toContain(
        'at most 10',
      );
    });
  });
});
