import { createDb, type Database } from '@switchboard/db';
import { testBackends } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { createProbeScheduler, type ProbeRun } from '../src/services/probes/scheduler.ts';
import { dataOf, startTestApi, type TestApi } from './harness.ts';
import { fakeClock, type HttpBehaviour, startHttpServer, summary, waitFor } from './probe-servers.ts';

type Stored = {
  status: string;
  source: string;
  detail: string | null;
  response_ms: number | null;
  key_id: string;
};

describe.each(testBackends())('probes on %s', (backend) => {
  let api: TestApi;
  const behaviour: HttpBehaviour = { status: 200, body: 'ok' };
  let http: Awaited<ReturnType<typeof startHttpServer>>;
  const asAdmin = () => ({ key: null, headers: api.as.admin });
  beforeAll(async () => {
    api = await startTestApi(backend);
    http = await startHttpServer(behaviour);
  });
  afterAll(async () => {
    await http.close();
    await api.stop();
  });
  const create = async (input: Record<string, unknown>) =>
    dataOf<{ id: string }>(
      await api.post(
        'probes.create',
        { systemId: 'cas', kind: 'http', intervalS: 10, timeoutMs: 2_000, retries: 0, ...input },
        asAdmin(),
      ),
    );
  const reports = (probeId: string) =>
    api.database.rows<Stored>(
      sql`select status, source, detail, response_ms, key_id from system_status where key_id = ${`probe:${probeId}`} order by at`,
    );

  it('creates, lists, updates and deletes probes (admin only, audited)', async () => {
    const created = await create({ target: `${http.url}/health`, siteId: 'leeds', expectKeyword: 'ok' });
    const listed = dataOf<{ id: string; target: string | null; intervalS: number; last: unknown }[]>(
      await api.get('probes.list'),
    );
    expect(listed.find((p) => p.id === created.id)).toMatchObject({
      target: `${http.url}/health`,
      intervalS: 10,
      last: null,
    });
    // A viewer sees the probe but not its target; a manager may not create one.
    const seen = dataOf<{ id: string; target: string | null }[]>(
      await api.get('probes.list', undefined, 'viewer'),
    );
    expect(seen.find((p) => p.id === created.id)?.target).toBeNull();
    const refused = await api.post(
      'probes.create',
      { systemId: 'cas', kind: 'tcp', target: 'x:1', intervalS: 10, timeoutMs: 1000, retries: 0 },
      { key: null, headers: api.as.manager },
    );
    expect(refused.status).toBe(403);
    dataOf(await api.post('probes.update', { id: created.id, enabled: false, intervalS: 60 }, asAdmin()));
    const updated = dataOf<{ id: string; enabled: boolean; intervalS: number }[]>(
      await api.get('probes.list'),
    );
    expect(updated.find((p) => p.id === created.id)).toMatchObject({ enabled: false, intervalS: 60 });
    dataOf(await api.post('probes.delete', { id: created.id }, asAdmin()));
    expect(dataOf<{ id: string }[]>(await api.get('probes.list')).some((p) => p.id === created.id)).toBe(
      false,
    );
    const audit = await api.database.rows<{ action: string }>(
      sql`select action from audit_log where subject = ${created.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['probe.create', 'probe.update', 'probe.delete']);
  });

  it('refuses hostile or out-of-bounds probes with a 4xx naming the field, changing nothing', async () => {
    const before = await api.database.rows<{ n: number }>(sql`select count(*)::int as n from probes`);
    const base = {
      systemId: 'cas',
      kind: 'http',
      target: `${http.url}/`,
      intervalS: 30,
      timeoutMs: 1000,
      retries: 0,
    };
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ intervalS: 5 }, 400, /intervalS must be at least 10/],
      [{ timeoutMs: 60_001 }, 400, /timeoutMs must be at most 60000/],
      [{ retries: 6 }, 400, /retries must be at most 5/],
      [{ target: 'file:///etc/passwd' }, 400, /target must be an http/],
      [{ target: 'gopher://127.0.0.1:70/' }, 400, /target must be an http/],
      [{ target: 'http://user:pw@127.0.0.1/' }, 400, /without credentials/],
      [{ kind: 'tcp', target: 'db.internal' }, 400, /target must be host:port/],
      [{ kind: 'tcp', target: 'db.internal:70000' }, 400, /target must be host:port/],
      [{ kind: 'statuspage' }, 400, /component is required/],
      [{ kind: 'smtp' }, 400, /kind must be one of http, tcp, statuspage/],
      [{ expectJsonPath: 'a..b', expectJsonValue: 'x' }, 400, /expectJsonPath/],
      [{ expectJsonPath: 'a.b' }, 400, /expectJsonPath and expectJsonValue go together/],
      [{ systemId: 'nope' }, 422, /systemId: unknown system nope/],
      [{ siteId: 'nowhere' }, 422, /siteId: unknown site nowhere/],
      [{ extra: 1 }, 400, /extra/],
    ];
    for (const [change, status, message] of cases) {
      const reply = await api.post('probes.create', { ...base, ...change }, asAdmin());
      expect(reply.status, JSON.stringify(change)).toBe(status);
      expect(reply.body.error?.message).toMatch(message);
    }
    const missing = await api.post('probes.update', { id: 'pr_none', enabled: true }, asAdmin());
    expect(missing.status).toBe(404);
    const after = await api.database.rows<{ n: number }>(sql`select count(*)::int as n from probes`);
    expect(after).toEqual(before);
  });

  it('stores results through the ingest path (source probe, detail, response time) and recovers', async () => {
    const { id } = await create({ target: `${http.url}/`, siteId: 'york', expectKeyword: 'Adastra OK' });
    // A clock a minute behind, so the three runs (20 s apart) are all in the past when read back.
    const clock = fakeClock(Date.now() - 60_000);
    const app = createApp(api.database, {}, api.live, api.access);
    const runs: ProbeRun[] = [];
    const scheduler = createProbeScheduler({
      db: api.database.db,
      ingest: app.ingest,
      now: clock.now,
      onRun: (r) => runs.push(r),
    });
    const runOnce = async () => {
      const count = runs.length;
      await scheduler.tick();
      await waitFor(() => runs.length > count, 'a probe run');
    };
    Object.assign(behaviour, { status: 500, body: 'boom' });
    await runOnce();
    Object.assign(behaviour, { status: 200, body: 'maintenance page' });
    clock.advance(10_000);
    await runOnce();
    Object.assign(behaviour, { status: 200, body: 'Adastra OK' });
    clock.advance(10_000);
    await runOnce();
    await scheduler.stop();
    const stored = await reports(id);
    expect(stored.map((r) => [r.status, r.source])).toEqual([
      ['down', 'probe'],
      ['down', 'probe'],
      ['up', 'probe'],
    ]);
    expect(stored[0]?.detail).toMatch(/^HTTP 500, expected 2xx or 3xx \(\d+ ms\)$/);
    expect(stored[1]?.detail).toMatch(/^HTTP 200 but keyword "Adastra OK" not found/);
    expect(stored[2]?.detail).toMatch(/^HTTP 200 in \d+ ms$/);
    for (const r of stored) expect(Number(r.response_ms)).toBeGreaterThanOrEqual(0);
    // The systems page reads it as the current state of cas at york, like a pushed report.
    const availability = dataOf<{ rows: { systemId: string; siteId: string | null; current: string }[] }>(
      await api.get('systems.availability', { last: '1h' }),
    );
    expect(availability.rows.find((r) => r.systemId === 'cas' && r.siteId === 'york')?.current).toBe('up');
    // …and probes.series returns the response times.
    const series = dataOf<{ points: { meanMs: number | null; status: string }[] }>(
      await api.get('probes.series', { id, hours: 1 }),
    );
    expect(series.points.length).toBeGreaterThan(0);
    const scoped = await api.get('probes.series', { id, hours: 1 }, 'scopedViewer');
    expect(scoped.status).toBe(404);
    expect((await api.get('probes.series', { id, hours: 10_000 })).status).toBe(400);
    dataOf(await api.post('probes.delete', { id }, asAdmin()));
  });

  it('maps a Statuspage component in major outage to down', async () => {
    const { id } = await create({
      kind: 'statuspage',
      target: http.url,
      component: 'Adastra',
      siteId: 'hull',
    });
    Object.assign(behaviour, { status: 200, body: summary({ Adastra: 'major_outage' }) });
    const app = createApp(api.database, {}, api.live, api.access);
    const runs: ProbeRun[] = [];
    const scheduler = createProbeScheduler({
      db: api.database.db,
      ingest: app.ingest,
      onRun: (r) => runs.push(r),
    });
    await scheduler.tick();
    await waitFor(() => runs.some((r) => r.probeId === id), 'the status page run');
    await scheduler.stop();
    const [stored] = await reports(id);
    expect(stored).toMatchObject({ status: 'down', detail: 'supplier reports Adastra: major outage' });
    dataOf(await api.post('probes.delete', { id }, asAdmin()));
  });

  it('runs each probe once per interval across two instances, and the other takes over when one stops', async () => {
    Object.assign(behaviour, { status: 200, body: 'ok' });
    const ids: string[] = [];
    // Six probes on six streams (a stream's reports are identified by system, site, instant and source).
    for (const systemId of ['cas', 'gp-booking'])
      for (const siteId of ['leeds', 'york', 'hull'])
        ids.push((await create({ target: `${http.url}/${systemId}/${siteId}`, systemId, siteId })).id);
    // Instance B has its own connection pool on PostgreSQL (on PGlite the one in-process database).
    const second: Database | undefined = api.database.url
      ? await createDb({ url: api.database.url, poolSize: 3 })
      : undefined;
    const appA = createApp(api.database, {}, api.live, api.access);
    const appB = second ? createApp(second, {}) : appA;
    const clock = fakeClock(Date.now() - 120_000);
    const runs: ProbeRun[] = [];
    const a = createProbeScheduler({
      db: api.database.db,
      ingest: appA.ingest,
      owner: 'A',
      now: clock.now,
      onRun: (r) => runs.push(r),
    });
    const b = createProbeScheduler({
      db: (second ?? api.database).db,
      ingest: appB.ingest,
      owner: 'B',
      now: clock.now,
      onRun: (r) => runs.push(r),
    });
    /** Both instances claim at the same moment, then again (a tick in progress is shared, so not counted twice). */
    const both = async () => {
      const first = await Promise.all([a.tick(), b.tick()]);
      const second = await Promise.all([b.tick(), a.tick()]);
      await waitFor(() => a.inFlight() + b.inFlight() === 0, 'runs to finish');
      return [...first, ...second].reduce((x, y) => x + y, 0);
    };
    const perProbe = () => ids.map((id) => runs.filter((r) => r.probeId === id).length);
    expect(await both()).toBe(6);
    expect(perProbe()).toEqual([1, 1, 1, 1, 1, 1]);
    // A new probe's second run is due between half an interval and one interval on (spread by its id); ticks
    // claim what falls due within the next tick (1 s). Three seconds on, nothing is due.
    clock.advance(3_000);
    expect(await both()).toBe(0);
    clock.advance(7_000); // one interval on: each once more
    expect(await both()).toBe(6);
    expect(perProbe()).toEqual([2, 2, 2, 2, 2, 2]);
    const owners = new Set(runs.map((r) => r.owner));
    // A stops (its probes' leases run out); within one interval B runs every probe.
    await a.stop();
    clock.advance(10_000);
    expect(await b.tick()).toBe(6);
    await waitFor(() => b.inFlight() === 0, 'B to finish');
    expect(perProbe()).toEqual([3, 3, 3, 3, 3, 3]);
    expect(runs.slice(-6).every((r) => r.owner === 'B')).toBe(true);
    // Scheduling lag is measured from when the run was due.
    expect(runs.slice(-6).every((r) => r.dueAt !== null)).toBe(true);
    expect(owners.size).toBeGreaterThanOrEqual(1);
    await b.stop();
    if (second) {
      await appB.live.close();
      await second.close();
    }
    for (const id of ids) dataOf(await api.post('probes.delete', { id }, asAdmin()));
  });

  it('starts with the API lifecycle and claims due probes on its own ticks', async () => {
    const { id } = await create({ kind: 'tcp', target: new URL(http.url).host });
    const app = createApp(api.database, {}, api.live, api.access);
    const runs: ProbeRun[] = [];
    const scheduler = createProbeScheduler({
      db: api.database.db,
      ingest: app.ingest,
      tickMs: 20,
      onRun: (r) => runs.push(r),
    });
    scheduler.start();
    await waitFor(() => runs.some((r) => r.probeId === id), 'the started scheduler to run the probe');
    await scheduler.stop();
    expect(runs.find((r) => r.probeId === id)?.result.status).toBe('up');
    dataOf(await api.post('probes.delete', { id }, asAdmin()));
  });
});
