import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCredentials, readCookie } from '../lib/proxy/credentials.ts';
import { type ForwardOptions, forward } from '../lib/proxy/forward.ts';
import { proxyRoute } from '../lib/proxy/routes.ts';

/** A real upstream on 127.0.0.1 that answers like better-auth: several cookies, a redirect, an SSE stream. */
let upstream: Server;
let upstreamBase = '';
let seen: { headers: IncomingMessage['headers']; body: string } | null = null;
/** A real proxy on 127.0.0.1 in front of it: every request is forwarded with the test's chosen options. */
let proxy: Server;
let proxyBase = '';
let target = '';
let options: ForwardOptions;
const errorBody = (status: number, message: string) => ({ status, message });
const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  upstream = createServer((req, res) => {
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
        const timer = setInterval(() => res.write('data: 2\n\n'), 20);
        res.on('close', () => {
          clearInterval(timer);
          liveClosed = true;
        });
      } else {
        res.end('plain');
      }
    });
  });
  upstreamBase = await listen(upstream);
  proxy = createServer((req, res) => void forward(req, res, new URL(target), options));
  proxyBase = await listen(proxy);
});
afterAll(async () => {
  proxy.closeAllConnections();
  upstream.closeAllConnections();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});
let liveClosed = false;

const through = (path: string, init: RequestInit = {}, route: Partial<ForwardOptions> = {}) => {
  target = path.startsWith('http') ? path : `${upstreamBase}${path}`;
  options = { bodyLimit: 1024, errorBody, ...route };
  return fetch(`${proxyBase}/x`, { redirect: 'manual', ...init });
};
const post = (body: BodyInit, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  body,
  headers: { 'content-type': 'application/json', ...headers },
});

describe('same-origin proxy', () => {
  it('keeps every Set-Cookie of the answer', async () => {
    const response = await through('/api/auth/sign-in/email', post('{}'));
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([
      'session_token=abc; HttpOnly; Path=/',
      'session_data=def; HttpOnly; Path=/',
    ]);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('passes a redirect through instead of following it', async () => {
    const response = await through('/api/auth/callback');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/after');
    expect(response.headers.getSetCookie()).toEqual(['state=; Max-Age=0']);
  });

  it('refuses a body over the limit with 413 and never calls the API', async () => {
    seen = null;
    const response = await through('/api/auth/sign-in/email', post('x'.repeat(2048)));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ status: 413, message: 'request body is larger than 1024 bytes' });
    expect(seen).toBeNull();
  });

  it('cuts off a streamed body that grows past the limit without declaring its length', async () => {
    seen = null;
    // A chunked upload (no content-length) that keeps coming: refused once past the limit.
    const status = await new Promise<number>((resolve, reject) => {
      target = `${upstreamBase}/api/auth/sign-in/email`;
      options = { bodyLimit: 1024, errorBody };
      const req = httpRequest(`${proxyBase}/x`, { method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      const timer = setInterval(() => req.write(Buffer.alloc(600)), 5);
      req.on('close', () => clearInterval(timer));
    });
    expect(status).toBe(413);
    expect(seen).toBeNull();
  });

  it('streams an unlimited upload on, unbuffered', async () => {
    const response = await through('/upload', post('a,b\n1,2\n'), { bodyLimit: null });
    expect(await response.text()).toBe('plain');
    expect(seen?.body).toBe('a,b\n1,2\n');
  });

  it("answers 502 in the caller's error shape when the API is away", async () => {
    const response = await through('http://127.0.0.1:1/x', post('{}'));
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ status: 502, message: 'the Switchboard API is not reachable' });
  });

  it('streams an event stream event by event, and closes it upstream when the browser goes', async () => {
    liveClosed = false;
    const abort = new AbortController();
    const response = await through('/trpc/live', { signal: abort.signal });
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: 1\n\n');
    abort.abort();
    await expect.poll(() => liveClosed, { timeout: 2_000 }).toBe(true);
  });

  it('sends the session cookie to the API, and the display cookie only as a bearer token for the display page', async () => {
    const cookie = 'better-auth.session_token=s1; sb_display=tok%2Fen; other=1';
    await through('/trpc/x', post('{}', { cookie }));
    expect(seen?.headers.cookie).toBe('better-auth.session_token=s1; other=1');
    expect(seen?.headers.authorization).toBeUndefined();
    await through('/trpc/x', post('{}', { cookie }), { asDisplay: true });
    expect(seen?.headers.cookie).toBeUndefined();
    expect(seen?.headers.authorization).toBe('Bearer tok/en');
  });

  it('drops an Authorization header sent by the browser itself, unless it is a token the route passes', async () => {
    await through('/trpc/x', post('{}', { authorization: 'Bearer forged' }));
    expect(seen?.headers.authorization).toBeUndefined();
    await through('/export/x.csv', { headers: { authorization: 'Bearer sbx_abc' } }, { passBearer: 'sbx_' });
    expect(seen?.headers.authorization).toBe('Bearer sbx_abc');
  });

  it('passes on the nearest client address, never a hop-by-hop header or the Host', async () => {
    await through('/trpc/x', {
      headers: { 'x-forwarded-for': '6.6.6.6, 10.0.0.7', 'proxy-connection': 'keep-alive' },
    });
    expect(seen?.headers['x-forwarded-for']).toBe('10.0.0.7');
    expect(seen?.headers['proxy-connection']).toBeUndefined();
    expect(seen?.headers.host).toBe(new URL(upstreamBase).host);
    await through('/trpc/x');
    expect(seen?.headers['x-forwarded-for']).toBe('127.0.0.1');
  });
});

describe('proxy routes', () => {
  it('passes the pages’ procedures and refuses any other, or too many at once', () => {
    expect(proxyRoute('GET', '/trpc/metrics.overview')).toMatchObject({
      kind: 'forward',
      path: '/trpc/metrics.overview',
    });
    expect(proxyRoute('POST', '/trpc/ingest.callEvents')).toMatchObject({ kind: 'refuse', status: 404 });
    expect(proxyRoute('GET', `/trpc/${Array(50).fill('me.get').join(',')}`)).toMatchObject({ status: 400 });
    expect(proxyRoute('GET', '/trpc/%E0%A4%A')).toMatchObject({ kind: 'refuse', status: 404 });
  });

  it('reads the display pages as the display, under /trpc on the API', () => {
    expect(proxyRoute('GET', '/display/trpc/live.changes')).toMatchObject({
      kind: 'forward',
      path: '/trpc/live.changes',
      options: { asDisplay: true },
    });
  });

  it('allows only the methods each route has, and only named exports', () => {
    expect(proxyRoute('DELETE', '/trpc/me.get')).toMatchObject({ status: 405, allow: 'GET, HEAD, POST' });
    expect(proxyRoute('POST', '/export/calls.csv')).toMatchObject({ status: 405, allow: 'GET, HEAD' });
    expect(proxyRoute('GET', '/export/calls.csv')).toMatchObject({
      kind: 'forward',
      options: { bodyLimit: 0 },
    });
    expect(proxyRoute('GET', '/export/../secrets')).toMatchObject({ kind: 'refuse', status: 404 });
    expect(proxyRoute('POST', '/import/calls.csv')).toMatchObject({ options: { bodyLimit: null } });
    expect(proxyRoute('GET', '/import/calls.csv')).toMatchObject({ status: 405 });
  });

  it('leaves pages, and anything near a proxy path, to Next.js', () => {
    for (const path of ['/', '/trpc', '/display', '/display/claim', '/sign-out', '/exports', '/api/other'])
      expect(proxyRoute('GET', path)).toBeNull();
  });
});

describe('cookies', () => {
  it('reads one cookie and survives malformed ones', () => {
    expect(readCookie('a=1; sb_display=x%20y', 'sb_display')).toBe('x y');
    expect(readCookie('sb_display=%E0%A4%A', 'sb_display')).toBeNull();
    expect(readCookie(null, 'sb_display')).toBeNull();
    expect(apiCredentials('sb_display=t', false)).toEqual({});
    expect(apiCredentials('a=1; sb_display=t', true)).toEqual({ authorization: 'Bearer t' });
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
