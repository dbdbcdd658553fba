import { request as httpRequest } from 'node:http';
import { LIMITS } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postStreaming, startDashboardProxy } from './dashboard-proxy.ts';
import { startTestApi, type TestApi } from './harness.ts';
import { heapUsed, storedState } from './hostile-support.ts';

const recent = () => new Date(Date.now() - 1_000).toISOString();

/**
 * Class 7 of issue 10: the dashboard's same-origin proxy (its server's own handler, over HTTP) in front of a
 * real API on PGlite. The proxy's code is the dashboard's; the API is the upstream it guards.
 */
describe('hostile requests through the dashboard proxy', () => {
  let api: TestApi;
  let dashboard: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    api = await startTestApi('pglite');
    dashboard = await startDashboardProxy(api.url);
  });
  afterAll(async () => {
    await dashboard.stop();
    await api.stop();
  });

  it('forwards the procedures the pages use', async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: { last: '4h' }, 1: {} }));
    const reply = await fetch(`${dashboard.url}/trpc/metrics.series,sites.list?batch=1&input=${input}`, {
      headers: api.as.viewer,
    });
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as unknown[]).length).toBe(2);
  });

  it('refuses ingestion and anything not on its list with 404, reaching nothing', async () => {
    const before = await storedState(api.database);
    const body = JSON.stringify({
      events: [{ siteId: 'leeds', callId: 'via-proxy', kind: 'offered', at: recent() }],
    });
    for (const path of ['ingest.callEvents', 'metrics.series,ingest.callEvents', 'invented.thing']) {
      const reply = await fetch(`${dashboard.url}/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${api.keys.all}` },
        body,
      });
      expect(reply.status, path).toBe(404);
      expect(((await reply.json()) as { error: { message: string } }).error.message).toContain(
        'not available through the dashboard',
      );
    }
    expect(await storedState(api.database)).toEqual(before);
  });

  it('enforces the body limit while streaming, without buffering (3 × 33 MB)', async () => {
    const before = heapUsed();
    for (let i = 0; i < 3; i++) {
      const reply = await postStreaming(`${dashboard.url}/trpc/metrics.series`, 33 * 1024 * 1024);
      expect(reply.status).toBe(413);
      expect((JSON.parse(reply.body) as { error: { message: string } }).error.message).toContain(
        `larger than ${LIMITS.maxBodyBytes} bytes`,
      );
    }
    // A declared length over the limit is refused before a byte of the body is read.
    const declared = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${dashboard.url}/trpc/metrics.series`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(33 * 1024 * 1024) },
      });
      request.once('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      request.once('error', reject);
      request.write('x');
    });
    expect(declared).toBe(413);
    expect(heapUsed() - before).toBeLessThan(40 * 1024 * 1024);
  });
});
