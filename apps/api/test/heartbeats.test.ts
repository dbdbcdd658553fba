import { testBackends } from '@switchboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAvailability } from '../src/services/queries/availability.ts';
import { currentSystemStates } from '../src/services/queries/system-states.ts';
import { dataOf, startTestApi, type TestApi } from './harness.ts';
import { fakeClock } from './probe-servers.ts';

const TIMEOUT_MS = 90_000;

describe.each(testBackends())('heartbeat expectations per stream on %s', (backend) => {
  let api: TestApi;
  const asAdmin = () => ({ key: null, headers: api.as.admin });
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(() => api.stop());

  it('turns a stream unknown past its own period + grace, others at the default timeout', async () => {
    dataOf(
      await api.post(
        'heartbeats.set',
        { systemId: 'cas', siteId: 'leeds', periodS: 30, graceS: 10 },
        asAdmin(),
      ),
    );
    // A fake clock: the heartbeats are at t0, and the states are read at chosen instants after it.
    const t0 = Date.now() - 3_600_000;
    const clock = fakeClock(t0);
    const at = new Date(t0).toISOString();
    dataOf(
      await api.post('ingest.systemStatus', {
        statuses: [
          { systemId: 'cas', siteId: 'leeds', at, status: 'up', source: 'heartbeat' },
          { systemId: 'cas', siteId: 'york', at, status: 'up', source: 'heartbeat' },
        ],
      }),
    );
    const state = async (siteId: string) =>
      (await currentSystemStates(api.database.db, clock.now(), TIMEOUT_MS)).find(
        (s) => s.systemId === 'cas' && s.siteId === siteId,
      );
    clock.set(t0 + 39_000);
    expect(await state('leeds')).toMatchObject({ status: 'up', lastReportAt: at });
    clock.set(t0 + 40_000);
    expect(await state('leeds')).toMatchObject({
      status: 'unknown',
      since: new Date(t0 + 40_000).toISOString(),
      lastReportAt: at,
      expected: { periodS: 30, graceS: 10, origin: 'set' },
    });
    expect(await state('york')).toMatchObject({ status: 'up', expected: { periodS: 90, graceS: 0 } });
    clock.set(t0 + 90_000);
    expect((await state('york'))?.status).toBe('unknown');

    // The availability read says the same, with what the systems page needs for "no heartbeat since …".
    const availability = await getAvailability(
      api.database.db,
      { from: new Date(t0 - 60_000).toISOString(), to: new Date(t0 + 120_000).toISOString() },
      { heartbeatTimeoutS: TIMEOUT_MS / 1000 },
      t0 + 120_000,
    );
    const leeds = availability.rows.find((r) => r.systemId === 'cas' && r.siteId === 'leeds');
    expect(leeds).toMatchObject({ current: 'unknown', lastReportAt: at, expectedEveryS: 30, graceS: 10 });
    expect(leeds?.intervals.map((i) => [i.status, i.from, i.to])).toEqual([
      ['unknown', new Date(t0 - 60_000).toISOString(), at],
      ['up', at, new Date(t0 + 40_000).toISOString()],
      ['unknown', new Date(t0 + 40_000).toISOString(), new Date(t0 + 120_000).toISOString()],
    ]);

    // Cleared, the stream holds for the default timeout again.
    dataOf(await api.post('heartbeats.clear', { systemId: 'cas', siteId: 'leeds' }, asAdmin()));
    clock.set(t0 + 40_000);
    expect((await state('leeds'))?.status).toBe('up');
  });

  it('splits a run of heartbeats at a silence longer than the stream hold', async () => {
    dataOf(
      await api.post(
        'heartbeats.set',
        { systemId: 'gp-booking', siteId: 'hull', periodS: 10, graceS: 5 },
        asAdmin(),
      ),
    );
    const t0 = Date.now() - 7_200_000;
    const iso = (ms: number) => new Date(t0 + ms).toISOString();
    dataOf(
      await api.post('ingest.systemStatus', {
        statuses: [0, 10_000, 20_000, 60_000, 70_000].map((ms) => ({
          systemId: 'gp-booking',
          siteId: 'hull',
          at: iso(ms),
          status: 'up',
          source: 'heartbeat',
        })),
      }),
    );
    const availability = await getAvailability(
      api.database.db,
      { from: iso(0), to: iso(100_000), systemIds: ['gp-booking'], siteIds: ['hull'] },
      { heartbeatTimeoutS: 90 },
      t0 + 100_000,
    );
    const hull = availability.rows.find((r) => r.siteId === 'hull');
    expect(hull?.intervals.map((i) => [i.status, i.from, i.to])).toEqual([
      ['up', iso(0), iso(35_000)],
      ['unknown', iso(35_000), iso(60_000)],
      ['up', iso(60_000), iso(85_000)],
      ['unknown', iso(85_000), iso(100_000)],
    ]);
  });

  it('lengthens the hold of a stream fed by a probe slower than the timeout, unless an admin set one', async () => {
    const created = dataOf<{ id: string }>(
      await api.post(
        'probes.create',
        {
          systemId: 'gp-booking',
          siteId: 'york',
          kind: 'tcp',
          target: '127.0.0.1:9',
          intervalS: 300,
          timeoutMs: 2_000,
          retries: 2,
        },
        asAdmin(),
      ),
    );
    const t0 = Date.now() - 3_600_000;
    const state = async (now: number) =>
      (await currentSystemStates(api.database.db, now, TIMEOUT_MS)).find(
        (s) => s.systemId === 'gp-booking' && s.siteId === 'york',
      );
    dataOf(
      await api.post('ingest.systemStatus', {
        statuses: [
          {
            systemId: 'gp-booking',
            siteId: 'york',
            at: new Date(t0).toISOString(),
            status: 'up',
            source: 'probe',
          },
        ],
      }),
    );
    // 300 s interval + 3 attempts × 2 s + 5 s: holds 311 s.
    expect(await state(t0 + 310_000)).toMatchObject({ status: 'up', expected: { periodS: 300, graceS: 11 } });
    expect((await state(t0 + 311_000))?.status).toBe('unknown');
    dataOf(await api.post('probes.update', { id: created.id, enabled: false }, asAdmin()));
    expect((await state(t0 + 100_000))?.status).toBe('unknown');
    dataOf(await api.post('probes.delete', { id: created.id }, asAdmin()));
  });

  it('refuses bad expectations with the field named, admin only', async () => {
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ systemId: 'cas', periodS: 1, graceS: 0 }, 400, /periodS must be at least 5/],
      [{ systemId: 'cas', periodS: 30, graceS: -1 }, 400, /graceS must be at least 0/],
      [{ systemId: 'nope', periodS: 30, graceS: 0 }, 422, /systemId: unknown system nope/],
      [{ systemId: 'cas', siteId: 'mars', periodS: 30, graceS: 0 }, 422, /siteId: unknown site mars/],
    ];
    for (const [input, status, message] of cases) {
      const reply = await api.post('heartbeats.set', input, asAdmin());
      expect(reply.status).toBe(status);
      expect(reply.body.error?.message).toMatch(message);
    }
    const manager = await api.post(
      'heartbeats.set',
      { systemId: 'cas', periodS: 30, graceS: 0 },
      { key: null, headers: api.as.manager },
    );
    expect(manager.status).toBe(403);
  });
});
