import { testBackends } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { createAccess } from '../src/auth/access.ts';
import { localAccessConfig } from '../src/auth/config.ts';
import { dataOf, emailOf, PASSWORD, signIn, startTestApi, type TestApi } from './harness.ts';

const EVIL = 'http://evil.example';
const METRICS_TOKEN = 'metrics-token-0123456789';

/** Retries `attempt` until it answers something other than 429 (bounded); answers that. */
async function afterTheWindow(attempt: () => Promise<Response>): Promise<Response> {
  for (let i = 0; i < 200; i++) {
    const reply = await attempt();
    if (reply.status !== 429) return reply;
    await reply.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('still rate limited');
}

describe.each(testBackends())('hostile callers on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend, {
      // A window long enough to hold 25 slow password checks on a busy machine.
      signIn: { maxFailuresPerAccount: 5, maxFailuresPerAddress: 12, windowS: 20 },
      ingestMaxRequestsPerS: 3,
      metricsToken: METRICS_TOKEN,
      trustedOrigins: ['http://dashboard.test'],
    });
  });
  afterAll(() => api?.stop());

  const signInReply = (email: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password }),
    });

  it('refuses forged, tampered and expired session cookies', async () => {
    const read = (cookie: string) => fetch(`${api.url}/trpc/sites.list`, { headers: { cookie } });
    expect((await read('better-auth.session_token=forged.c2lnbmF0dXJl')).status).toBe(401);
    const real = await signIn(api.url, emailOf('analyst'));
    expect((await read(real)).status).toBe(200);
    const [name, value = ''] = real.split('=');
    const [token] = decodeURIComponent(value).split('.');
    expect((await read(`${name}=${token}.${'A'.repeat(43)}%3D`)).status).toBe(401);
    await api.database.rows(
      sql`update sessions set expires_at = now() - interval '1 minute' where token = ${token}`,
    );
    const expired = await read(real);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(
      /^sign in first/,
    );
  });

  it('refuses a signed-in request coming from another origin (CSRF)', async () => {
    const cookie = await signIn(api.url, emailOf('admin'));
    const before = await api.counts();
    const forged = await fetch(`${api.url}/trpc/admin.keys.create`, {
      method: 'POST',
      headers: { cookie, origin: EVIL, 'content-type': 'application/json' },
      body: JSON.stringify({ feed: 'evil', sites: 'all' }),
    });
    expect(forged.status).toBe(403);
    const signOut = await fetch(`${api.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { cookie, origin: EVIL, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(signOut.status).toBe(403);
    expect(await api.counts()).toEqual(before);
    expect((await fetch(`${api.url}/trpc/me.get`, { headers: { cookie } })).status).toBe(200);
    // CORS answers configured origins only, never `*`.
    const preflight = (origin: string) =>
      fetch(`${api.url}/trpc/sites.list`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    expect((await preflight('http://dashboard.test')).headers.get('access-control-allow-origin')).toBe(
      'http://dashboard.test',
    );
    expect((await preflight(EVIL)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rate-limits 100 wrong passwords (429 + Retry-After), then lets the right person in after the window', async () => {
    const email = emailOf('manager');
    const statuses = new Map<number, number>();
    let retryAfter: string | null = null;
    const from = { 'x-forwarded-for': '198.51.100.1' };
    for (let i = 0; i < 100; i++) {
      const reply = await signInReply(email, `wrong password ${i}`, from);
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      if (reply.status === 429) retryAfter ??= reply.headers.get('retry-after');
      await reply.body?.cancel();
    }
    expect(Object.fromEntries(statuses)).toEqual({ 401: 5, 429: 95 });
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Blocked: even the right password waits for the window.
    expect((await signInReply(email, PASSWORD, from)).status).toBe(429);
    const later = await afterTheWindow(() => signInReply(email, PASSWORD, from));
    expect(later.status).toBe(200);
    expect(later.headers.getSetCookie().length).toBeGreaterThan(0);
  }, 180_000);

  it('rate-limits failures per address across accounts', async () => {
    const replies: number[] = [];
    const from = { 'x-forwarded-for': '198.51.100.2' };
    for (let i = 0; i < 15; i++) {
      const reply = await signInReply(`nobody${i}@test.nhs.net`, 'wrong password!', from);
      replies.push(reply.status);
      await reply.body?.cancel();
    }
    expect(replies.filter((s) => s === 401)).toHaveLength(12);
    expect(replies.slice(12)).toEqual([429, 429, 429]);
    expect((await signInReply(emailOf('viewer'), PASSWORD, from)).status).toBe(429);
    // Another address is not held back by this one.
    expect(
      (await signInReply(emailOf('viewer'), PASSWORD, { 'x-forwarded-for': '198.51.100.3' })).status,
    ).toBe(200);
    expect((await afterTheWindow(() => signInReply(emailOf('viewer'), PASSWORD, from))).status).toBe(200);
  }, 180_000);

  it('answers oversized and malformed sign-in bodies with a 4xx and stores nothing', async () => {
    const before = await api.counts();
    const post = (body: string, contentType = 'application/json') =>
      fetch(`${api.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });
    const huge = await post(JSON.stringify({ email: 'a@b.nhs.net', password: 'x'.repeat(40_000) }));
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('body larger than');
    for (const body of [
      '{"email":',
      '[]',
      '"text"',
      '{"email":42,"password":[]}',
      '{"email":"not-an-email","password":"x"}',
    ]) {
      const reply = await post(body);
      expect({ body, status: reply.status >= 400 && reply.status < 500 }).toEqual({ body, status: true });
      expect(await reply.text()).not.toContain('at ');
    }
    const form = await post('email=a%40b.nhs.net&password=x', 'application/x-www-form-urlencoded');
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
    const sneaky = await fetch(`${api.url}/api/auth/sign-in/magic-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: emailOf('admin') }),
    });
    expect(sneaky.status).toBe(404);
    const signUp = await fetch(`${api.url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new@evil.example', password: 'long enough password', name: 'x' }),
    });
    expect(signUp.status).toBeGreaterThanOrEqual(400);
    expect(signUp.status).toBeLessThan(500);
    const after = await api.counts();
    expect({ ...after, audit_log: before.audit_log }).toEqual(before);
  });

  it('rate-limits ingestion per key with 429 and Retry-After', async () => {
    const event = (i: number) => ({
      siteId: 'leeds',
      callId: `rl-${i}`,
      kind: 'offered',
      at: new Date().toISOString(),
    });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const reply = await fetch(`${api.url}/trpc/ingest.callEvents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.keys.leeds}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: [event(i)] }),
      });
      statuses.push(reply.status);
      if (reply.status === 429) {
        retryAfter = reply.headers.get('retry-after');
        expect(((await reply.json()) as { error: { message: string } }).error.message).toMatch(
          /too many requests/,
        );
      } else await reply.body?.cancel();
    }
    expect(statuses).toContain(429);
    expect(retryAfter).toBe('1');
    // Another key is not affected.
    dataOf(
      await api.post(
        'ingest.callEvents',
        { events: [{ ...event(100), siteId: 'york' }] },
        { key: api.keys.all },
      ),
    );
  });

  it('serves /metrics to loopback or METRICS_TOKEN only, not through a proxy', async () => {
    expect((await fetch(`${api.url}/metrics`)).status).toBe(200);
    const proxied = { 'x-forwarded-for': '203.0.113.9' };
    expect((await fetch(`${api.url}/metrics`, { headers: proxied })).status).toBe(401);
    const withToken = await fetch(`${api.url}/metrics`, {
      headers: { ...proxied, authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(withToken.status).toBe(200);
    const wrong = await fetch(`${api.url}/metrics`, {
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.status).toBe(401);
  });

  it('sends security headers, and HSTS plus Secure cookies when served over https', async () => {
    const reply = await fetch(`${api.url}/trpc/sites.list`);
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(reply.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(reply.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
    expect(reply.headers.get('strict-transport-security')).toBeNull();
    const cookie =
      (await signInReply(emailOf('viewer'), PASSWORD).then((r) => r.headers.getSetCookie()))[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/);

    const https = createApp(
      api.database,
      undefined,
      api.live,
      createAccess(api.database, localAccessConfig({ publicUrl: 'https://switchboard.test' })),
    );
    const secure = await https.app.request('https://switchboard.test/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://switchboard.test' },
      body: JSON.stringify({ email: emailOf('viewer'), password: PASSWORD }),
    });
    expect(secure.status).toBe(200);
    expect(secure.headers.get('strict-transport-security')).toContain('max-age=');
    const secureCookie = secure.headers.getSetCookie()[0] ?? '';
    expect(secureCookie).toMatch(/^__Secure-/);
    expect(secureCookie).toMatch(/; Secure/i);
  });
});
