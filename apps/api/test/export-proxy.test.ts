import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboardProxy } from './dashboard-proxy.ts';
import { dataOf, startTestApi, type TestApi } from './harness.ts';

const RANGE = 'from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z';

/** The dashboard's /export/* and /import/* proxies (its server's own handler, over HTTP) in front of a real API. */
describe('CSV through the dashboard', () => {
  let api: TestApi;
  let dashboard: { url: string; stop(): Promise<void> };
  let token: string;
  beforeAll(async () => {
    api = await startTestApi('pglite');
    dashboard = await startDashboardProxy(api.url);
    token = dataOf<{ token: string }>(
      await api.post('exportTokens.create', { name: 'proxy' }, { key: null, headers: api.as.analyst }),
    ).token;
  });
  afterAll(async () => {
    await dashboard.stop();
    await api.stop();
  });

  const get = (path: string, headers: Record<string, string>) =>
    fetch(`${dashboard.url}${path}`, { headers });

  it('passes a session cookie or an export token on, and no other bearer', async () => {
    const path = `/export/iuc-adc.csv?${RANGE}&period=day`;
    expect((await get(path, api.as.analyst)).status).toBe(200);
    const scripted = await get(path, { authorization: `Bearer ${token}` });
    expect(scripted.status).toBe(200);
    expect(scripted.headers.get('content-disposition')).toContain('switchboard-iuc-adc');
    // A display token or a feed key is not passed: the API sees nobody.
    for (const other of [api.as.display, api.as.feed]) expect((await get(path, other)).status).toBe(401);
    expect((await get(path, api.as.viewer)).status).toBe(403);
  });

  it('answers only export file names', async () => {
    for (const path of [
      '/export/reports/intervals.csv',
      '/export/intervals',
      '/export/INTERVALS.CSV',
      '/export/a b.csv',
    ]) {
      const reply = await get(path, api.as.admin);
      expect(reply.status, path).toBe(404);
    }
  });

  it('streams an upload to the import and its answer back', async () => {
    const body =
      'callId,kind,at,waitMs\np1,offered,2026-10-01T09:00:00Z,\np1,answered,2026-10-01T09:00:10Z,10000\n';
    const upload = (headers: Record<string, string>) =>
      fetch(`${dashboard.url}/import/calls.csv?siteId=leeds`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/csv' },
        body,
      });
    expect((await upload(api.as.analyst)).status).toBe(403);
    const reply = await upload(api.as.admin);
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ rows: 2, accepted: 2, duplicates: 0 });
  });
});
