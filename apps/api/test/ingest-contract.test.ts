import {
  callEventArb,
  callEventKey,
  queueSnapshotArb,
  systemStatusArb,
} from '@switchboard/contracts/testing';
import { testBackends } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, SITES, SYSTEMS, startTestApi, type TestApi } from './harness.ts';

describe.each(testBackends())('ingestion contract over HTTP on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(() => api?.stop());

  it('stores every valid generated batch exactly once, and a retry adds nothing', async () => {
    const stored = new Set<string>();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(callEventArb(SITES), { minLength: 1, maxLength: 60 }), async (generated) => {
        run++;
        // Fresh call ids per run, so each run's expectations are independent of earlier runs.
        const events = generated.map((e) => ({ ...e, callId: `r${run}-${e.callId}` }));
        const distinct = new Set(events.map(callEventKey));
        const first = await api.post('ingest.callEvents', { events });
        expect(first.status).toBe(200);
        expect(first.body.result?.data).toEqual({
          accepted: distinct.size,
          duplicates: events.length - distinct.size,
        });
        const retry = await api.post('ingest.callEvents', { events });
        expect(retry.body.result?.data).toEqual({ accepted: 0, duplicates: events.length });
        for (const key of distinct) stored.add(key);
        const [row] = await api.database.rows<{ n: number }>(sql`select count(*)::int as n from call_events`);
        expect(Number(row?.n)).toBe(stored.size);
      }),
      { numRuns: 25 },
    );
  });

  it('stores each event as sent (instant, wait, queue, agent)', async () => {
    const at = '2026-11-24T09:14:05.250+00:00';
    const reply = await api.post('ingest.callEvents', {
      events: [
        {
          siteId: 'york',
          callId: 'exact-1',
          kind: 'answered',
          at,
          waitMs: 61_000,
          queue: 'clinical',
          agentId: 'a7',
        },
        { siteId: 'york', callId: 'exact-1', kind: 'offered', at: '2026-11-24T10:13:04+01:00' },
      ],
    });
    expect(reply.body.result?.data).toEqual({ accepted: 2, duplicates: 0 });
    const rows = await api.database.rows<{ kind: string; at: string; wait_ms: number | null; queue: string }>(
      sql`select kind, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as at, wait_ms, queue, agent_id
          from call_events where call_id = 'exact-1' order by kind`,
    );
    expect(rows).toEqual([
      { kind: 'offered', at: '2026-11-24T09:13:04.000', wait_ms: null, queue: 'default', agent_id: null },
      { kind: 'answered', at: '2026-11-24T09:14:05.250', wait_ms: 61_000, queue: 'clinical', agent_id: 'a7' },
    ]);
  });

  it('stores snapshots and statuses once, keyed as the contract says', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(queueSnapshotArb(SITES), { minLength: 1, maxLength: 30 }),
        fc.array(systemStatusArb(SYSTEMS, SITES), { minLength: 1, maxLength: 30 }),
        async (snapshots, statuses) => {
          // Each run starts empty, so what it stores is exactly its own distinct keys.
          await api.database.db.execute(sql`truncate queue_snapshots, system_status`);
          const snapKeys = new Set(snapshots.map((s) => `${s.siteId}|${s.queue}|${Date.parse(s.at)}`));
          const statusKeys = new Set(
            statuses.map((s) => `${s.systemId}|${s.siteId ?? '(national)'}|${Date.parse(s.at)}|${s.source}`),
          );
          const first = await api.post('ingest.queueSnapshots', { snapshots });
          expect(first.status).toBe(200);
          expect(first.body.result?.data).toEqual({
            accepted: snapKeys.size,
            duplicates: snapshots.length - snapKeys.size,
          });
          expect((await api.post('ingest.queueSnapshots', { snapshots })).body.result?.data).toEqual({
            accepted: 0,
            duplicates: snapshots.length,
          });
          const st = await api.post('ingest.systemStatus', { statuses });
          expect(st.status).toBe(200);
          expect(st.body.result?.data).toEqual({
            accepted: statusKeys.size,
            duplicates: statuses.length - statusKeys.size,
          });
          expect((await api.post('ingest.systemStatus', { statuses })).body.result?.data).toEqual({
            accepted: 0,
            duplicates: statuses.length,
          });
          const after = await api.counts();
          expect(after.queue_snapshots).toBe(snapKeys.size);
          expect(after.system_status).toBe(statusKeys.size);
        },
      ),
      { numRuns: 10 },
    );
  });

  it('accepts a national status only from a key for every site', async () => {
    const status = {
      systemId: 'cas',
      at: new Date().toISOString(),
      status: 'down',
      source: 'manual',
      detail: 'ransomware',
    };
    const refused = await api.post('ingest.systemStatus', { statuses: [status] }, { key: api.keys.leeds });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toContain('statuses[0].siteId: a national report');
    const ok = await api.post('ingest.systemStatus', { statuses: [status, status] });
    expect(ok.body.result?.data).toEqual({ accepted: 1, duplicates: 1 });
  });

  it('lets two overlapping batches sent at once store each event once, without errors', async () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    const make = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => ({
        siteId: 'hull',
        callId: `race-${from + i}`,
        kind: 'offered',
        at,
      }));
    const replies = await Promise.all([
      api.post('ingest.callEvents', { events: make(0, 1500) }),
      api.post('ingest.callEvents', { events: make(500, 2000) }),
      api.post('ingest.callEvents', { events: make(0, 2000) }),
    ]);
    for (const reply of replies) expect(reply.status).toBe(200);
    const accepted = replies.reduce((sum, r) => sum + dataOf<{ accepted: number }>(r).accepted, 0);
    expect(accepted).toBe(2000);
    const [row] = await api.database.rows<{ n: number }>(
      sql`select count(*)::int as n from call_events where call_id like 'race-%'`,
    );
    expect(Number(row?.n)).toBe(2000);
  });
});
