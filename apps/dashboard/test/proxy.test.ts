import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCredentials, readCookie } from '../lib/proxy/credentials.ts';
import { forward } from '../lib/proxy/forward.ts';

/** A real upstream on 127.0.0.1 that answers like better-auth: several cookies, a redirect, an SSE stream. */
let server: Server;
let base = '';
let seen: { headers: IncomingMessage['headers']; body: string } | null = null;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen = { headers: req.headers, body };
      if (req.url === '/api/auth/sign-in/email') {
        res.setHeader('set-cookie', [
          'session_token=abc; HttpOnly; Path=/',
          'session_data=def; HttpOnly; Path=/',
        ]);
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":true}');
      } else if (req.url === '/api/auth/callback') {
        res.writeHead(302, { location: '/after', 'set-cookie': 'state=; Max-Age=0' });
        res.end();
      } else if (req.url === '/trpc/live') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: 1\n\n');
        setTimeout(() => res.end('data: 2\n\n'), 50);
      } else {
        res.end('plain');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const errorBody = (status: number, message: string) => ({ status, message });
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`http://dashboard.test${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('same-origin proxy', () => {
  it('keeps every Set-Cookie of the answer', async () => {
    const response = await forward(post('/api/auth/sign-in/email', '{}'), `${base}/api/auth/sign-in/email`, {
      bodyLimit: 1024,
      errorBody,
    });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([
      'session_token=abc; HttpOnly; Path=/',
      'session_data=def; HttpOnly; Path=/',
    ]);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('passes a redirect through instead of following it', async () => {
    const response = await forward(new Request('http://dashboard.test/x'), `${base}/api/auth/callback`, {
      bodyLimit: 1024,
      errorBody,
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/after');
    expect(response.headers.getSetCookie()).toEqual(['state=; Max-Age=0']);
  });

  it('refuses a body over the limit with 413 and never calls the API', async () => {
    seen = null;
    const response = await forward(post('/x', 'x'.repeat(2048)), `${base}/api/auth/sign-in/email`, {
      bodyLimit: 1024,
      errorBody,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ status: 413, message: 'request body is larger than 1024 bytes' });
    expect(seen).toBeNull();
  });

  it('cuts off a streamed body that grows past the limit without declaring its length', async () => {
    seen = null;
    const chunks = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(600));
      },
    });
    const request = new Request('http://dashboard.test/x', {
      method: 'POST',
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    const response = await forward(request, `${base}/api/auth/sign-in/email`, { bodyLimit: 1024, errorBody });
    expect(response.status).toBe(413);
    expect(seen).toBeNull();
  });

  it("answers 502 in the caller's error shape when the API is away", async () => {
    const response = await forward(post('/x', '{}'), 'http://127.0.0.1:1/x', { bodyLimit: 1024, errorBody });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ status: 502, message: 'the Switchboard API is not reachable' });
  });

  it('streams an event stream event by event', async () => {
    const response = await forward(new Request('http://dashboard.test/trpc/live'), `${base}/trpc/live`, {
      bodyLimit: 1024,
      errorBody,
    });
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: 1\n\n');
    await reader.cancel();
  });

  it('sends the session cookie to the API, and the display cookie only as a bearer token for the display page', async () => {
    const cookie = 'better-auth.session_token=s1; sb_display=tok%2Fen; other=1';
    await forward(post('/trpc/x', '{}', { cookie }), `${base}/trpc/x`, { bodyLimit: 1024, errorBody });
    expect(seen?.headers.cookie).toBe('better-auth.session_token=s1; other=1');
    expect(seen?.headers.authorization).toBeUndefined();
    await forward(post('/trpc/x', '{}', { cookie }), `${base}/trpc/x`, {
      bodyLimit: 1024,
      errorBody,
      asDisplay: true,
    });
    expect(seen?.headers.cookie).toBeUndefined();
    expect(seen?.headers.authorization).toBe('Bearer tok/en');
  });

  it('drops an Authorization header sent by the browser itself', async () => {
    await forward(post('/trpc/x', '{}', { authorization: 'Bearer forged' }), `${base}/trpc/x`, {
      bodyLimit: 1024,
      errorBody,
    });
    expect(seen?.headers.authorization).toBeUndefined();
  });
});

describe('cookies', () => {
  it('reads one cookie and survives malformed ones', () => {
    expect(readCookie('a=1; sb_display=x%20y', 'sb_display')).toBe('x y');
    expect(readCookie('sb_display=%E0%A4%A', 'sb_display')).toBeNull();
    expect(readCookie(null, 'sb_display')).toBeNull();
    expect(apiCredentials('sb_display=t', false).get('cookie')).toBeNull();
  });
});

describe('the client address passed on', () => {
  it("is the nearest hop's entry, and nothing that is not an address", async () => {
    const { nearestForwardedFor } = await import('../lib/proxy/headers.ts');
    expect(nearestForwardedFor('6.6.6.6, 10.0.0.7')).toBe('10.0.0.7');
    expect(nearestForwardedFor('::ffff:127.0.0.1')).toBe('::ffff:127.0.0.1');
    expect(nearestForwardedFor('evil\r\nx: 1')).toBeNull();
    expect(nearestForwardedFor(null)).toBeNull();
  });
});
