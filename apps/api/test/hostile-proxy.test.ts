import { LIMITS } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '../../dashboard/app/trpc/[...trpc]/route.ts';
import { startTestApi, type TestApi } from './harness.ts';
import { heapUsed, storedState } from './hostile-support.ts';

const DASHBOARD = 'http://127.0.0.1:3999';
const recent = () => new Date(Date.now() - 1_000).toISOString();

/** A body of `bytes` made as it is read, in 64 KB chunks: nothing of it exists in memory up front. */
function lazyBody(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

/**
 * Class 7 of issue 10: the dashboard's same-origin proxy (its route handler, called as Next calls it) in
 * front of a real API on PGlite. The proxy's code is the dashboard's; the API is the upstream it guards.
 */
describe('hostile requests through the dashboard proxy', () => {
  let api: TestApi;
  let previousUrl: string | undefined;
  beforeAll(async () => {
    api = await startTestApi('pglite');
    previousUrl = process.env.API_URL;
    process.env.API_URL = api.url;
  });
  afterAll(async () => {
    if (previousUrl === undefined) delete process.env.API_URL;
    else process.env.API_URL = previousUrl;
    await api.stop();
  });

  it('forwards the procedures the pages use', async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: { last: '4h' }, 1: {} }));
    const reply = await GET(
      new Request(`${DASHBOARD}/trpc/metrics.series,sites.list?batch=1&input=${input}`, {
        headers: api.as.viewer,
      }),
    );
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as unknown[]).length).toBe(2);
  });

  it('refuses ingestion and anything not on its list with 404, reaching nothing', async () => {
    const before = await storedState(api.database);
    const body = JSON.stringify({
      events: [{ siteId: 'leeds', callId: 'via-proxy', kind: 'offered', at: recent() }],
    });
    for (const path of ['ingest.callEvents', 'metrics.series,ingest.callEvents', 'invented.thing']) {
      const reply = await POST(
        new Request(`${DASHBOARD}/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${api.keys.all}` },
          body,
        }),
      );
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
      const reply = await POST(
        new Request(`${DASHBOARD}/trpc/metrics.series`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: lazyBody(33 * 1024 * 1024),
          duplex: 'half',
        } as RequestInit),
      );
      expect(reply.status).toBe(413);
      expect(((await reply.json()) as { error: { message: string } }).error.message).toContain(
        `larger than ${LIMITS.maxBodyBytes} bytes`,
      );
    }
    const declared = await POST(
      new Request(`${DASHBOARD}/trpc/metrics.series`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(33 * 1024 * 1024) },
        body: 'x',
      }),
    );
    expect(declared.status).toBe(413);
    expect(heapUsed() - before).toBeLessThan(40 * 1024 * 1024);
  });
});
