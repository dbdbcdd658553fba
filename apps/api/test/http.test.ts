import { testBackends } from '@switchboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';

describe.each(testBackends())('HTTP shell on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(() => api?.stop());

  it('answers health and readiness', async () => {
    expect(await (await fetch(`${api.url}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('lists sites and systems with plain JSON', async () => {
    const sites = (await (await fetch(`${api.url}/trpc/sites.list`, { headers: api.as.viewer })).json()) as {
      result: { data: { id: string }[] };
    };
    expect(sites.result.data.map((s) => s.id).sort()).toEqual(['hull', 'leeds', 'york']);
    const systems = (await (
      await fetch(`${api.url}/trpc/systems.list`, { headers: api.as.viewer })
    ).json()) as {
      result: { data: { id: string; siteIds: string[] }[] };
    };
    expect(systems.result.data.find((s) => s.id === 'cas')?.siteIds.sort()).toEqual([
      'hull',
      'leeds',
      'york',
    ]);
  });

  it('counts accepted, duplicate and rejected items in /metrics', async () => {
    const events = [{ siteId: 'leeds', callId: 'm1', kind: 'offered', at: new Date().toISOString() }];
    await api.post('ingest.callEvents', { events });
    await api.post('ingest.callEvents', { events });
    await api.post('ingest.callEvents', { events: [] });
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(text).toContain('switchboard_ingest_accepted_total{stream="call_events"} 1');
    expect(text).toContain('switchboard_ingest_duplicates_total{stream="call_events"} 1');
    expect(text).toContain('switchboard_ingest_rejected_total{path="ingest.callEvents",reason="invalid"} 1');
    expect(text).toMatch(/switchboard_ingest_batch_seconds_count\{stream="call_events"\} 2/);
  });

  it('answers read queries with plain JSON input in the URL', async () => {
    const input = encodeURIComponent(JSON.stringify({ siteIds: ['leeds'], last: '4h', maxPoints: 50 }));
    const reply = await fetch(`${api.url}/trpc/metrics.series?input=${input}`, { headers: api.as.viewer });
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as { result: { data: { interval: string; points: unknown[] } } };
    expect(body.result.data.interval).toBe('5m');
    expect(body.result.data.points.length).toBeLessThanOrEqual(50);
    const bad = await fetch(
      `${api.url}/trpc/metrics.series?input=${encodeURIComponent('{"siteIds":[],"from":"2026-11-20T10:00:00Z","to":"2026-11-20T09:00:00Z"}')}`,
      { headers: api.as.viewer },
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      'to: must be after "from"',
    );
    const overview = await fetch(`${api.url}/trpc/metrics.overview`, { headers: api.as.display });
    expect(overview.status).toBe(200);
    const avail = await fetch(
      `${api.url}/trpc/systems.availability?input=${encodeURIComponent('{"last":"24h"}')}`,
      { headers: api.as.viewer },
    );
    expect(avail.status).toBe(200);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const reply = await fetch(`${api.url}/nowhere`);
    expect(reply.status).toBe(404);
    expect(await reply.text()).toContain('no route GET /nowhere');
  });
});
