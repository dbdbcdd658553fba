import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallEvent } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestError, postBatch } from '../src/client.ts';

interface Seen {
  path: string;
  auth: string | undefined;
  type: string | undefined;
  body: Record<string, unknown[]>;
}

/** A real HTTP server standing in for the API; `reply` decides each answer. */
let reply: (seen: Seen, n: number) => { status: number; json: unknown };
const seen: Seen[] = [];
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  let raw = '';
  req.on('data', (chunk) => {
    raw += chunk;
  });
  req.on('end', () => {
    const entry: Seen = {
      path: req.url ?? '',
      auth: req.headers.authorization,
      type: req.headers['content-type'],
      body: JSON.parse(raw) as Record<string, unknown[]>,
    };
    seen.push(entry);
    const { status, json } = reply(entry, seen.length);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
  });
});
let api = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const event = (i: number): CallEvent => ({
  siteId: 'a',
  callId: `c${i}`,
  kind: 'offered',
  at: '2026-11-24T10:00:00.000Z',
  queue: 'main',
});
const ok = (accepted: number) => ({ status: 200, json: { result: { data: { accepted, duplicates: 1 } } } });

describe('postBatch', () => {
  it('posts the public contract in chunks of at most 5,000 and sums the answers', async () => {
    seen.length = 0;
    reply = (s) => ok((s.body.events ?? []).length - 1);
    const items = Array.from({ length: 12_001 }, (_, i) => event(i));
    const result = await postBatch(`${api}/`, 'k3y', 'callEvents', items);
    expect(result).toEqual({ accepted: 11_998, duplicates: 3 });
    expect(seen.map((s) => s.body.events?.length)).toEqual([5_000, 5_000, 2_001]);
    expect(seen[0]).toMatchObject({
      path: '/trpc/ingest.callEvents',
      auth: 'Bearer k3y',
      type: 'application/json',
    });
    expect(seen[2]?.body.events?.at(-1)).toEqual(event(12_000));
  });

  it('uses the body key of each feed', async () => {
    seen.length = 0;
    reply = () => ok(1);
    await postBatch(api, 'k', 'queueSnapshots', [
      {
        siteId: 'a',
        queue: 'main',
        at: '2026-11-24T10:00:00.000Z',
        callsWaiting: 0,
        longestWaitMs: 0,
        agentsAvailable: 1,
        agentsOnCall: 0,
        agentsWrapUp: 0,
      },
    ]);
    await postBatch(api, 'k', 'systemStatus', [
      { systemId: 'cas', siteId: 'a', at: '2026-11-24T10:00:00.000Z', status: 'up', source: 'heartbeat' },
    ]);
    expect(seen.map((s) => [s.path, Object.keys(s.body)])).toEqual([
      ['/trpc/ingest.queueSnapshots', ['snapshots']],
      ['/trpc/ingest.systemStatus', ['statuses']],
    ]);
  });

  it('retries 5xx with backoff, then succeeds', async () => {
    seen.length = 0;
    reply = (_s, n) => (n < 3 ? { status: 503, json: { error: { message: 'busy' } } } : ok(1));
    const result = await postBatch(api, 'k', 'callEvents', [event(1)], { backoffMs: 5 });
    expect(result.accepted).toBe(1);
    expect(seen).toHaveLength(3);
  });

  it('throws on 4xx with the API message, without retrying', async () => {
    seen.length = 0;
    reply = () => ({
      status: 400,
      json: {
        error: {
          message: 'events[0].waitMs: is required',
          code: -32600,
          data: { code: 'BAD_REQUEST', httpStatus: 400 },
        },
      },
    });
    const error = await postBatch(api, 'k', 'callEvents', [event(1)], { backoffMs: 5 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      message: 'events[0].waitMs: is required',
    });
    expect(seen).toHaveLength(1);
  });

  it('gives up on network errors after the last attempt', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      postBatch(`http://127.0.0.1:${port}`, 'k', 'callEvents', [event(1)], { attempts: 2, backoffMs: 5 }),
    ).rejects.toThrow(/failed after 2 attempts/);
  });
});
