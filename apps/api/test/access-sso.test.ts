import { testBackends } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import { OAuth2Server } from 'oauth2-mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, dataOf, startTestApi, type TestApi } from './harness.ts';

/** Who the mock identity provider says signs in next (Entra ID claims). */
let next = { oid: '', email: '', name: '' };

describe.each(testBackends())('single sign-on (OpenID Connect, Entra-like) on %s', (backend) => {
  const idp = new OAuth2Server();
  let api: TestApi;

  beforeAll(async () => {
    await idp.issuer.keys.generate('RS256');
    await idp.start(0, '127.0.0.1');
    idp.service.on('beforeTokenSigning', (token) => {
      Object.assign(token.payload, { oid: next.oid, email: next.email, name: next.name, tid: 'tenant-1' });
    });
    api = await startTestApi(backend, {
      sso: {
        providerId: 'entra',
        label: 'NHSmail',
        issuer: idp.issuer.url ?? '',
        clientId: 'switchboard',
        clientSecret: 'mock-client-secret',
      },
    });
  });
  afterAll(async () => {
    await api?.stop();
    await idp.stop();
  });

  /** The browser's round trip: start at the API, through the IdP, back to the callback. Answers the callback's reply. */
  async function ssoSignIn(): Promise<Response> {
    const start = await fetch(`${api.url}/api/auth/sign-in/social`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: api.url },
      body: JSON.stringify({ provider: 'entra', callbackURL: '/', errorCallbackURL: '/sign-in' }),
    });
    expect(start.status).toBe(200);
    const { url } = (await start.json()) as { url: string };
    expect(url.startsWith(`${idp.issuer.url}/authorize?`)).toBe(true);
    const state = cookieOf(start);
    const authorized = await fetch(url, { redirect: 'manual' });
    const callback = authorized.headers.get('location') ?? '';
    expect(callback.startsWith(`${api.url}/api/auth/callback/entra?`)).toBe(true);
    return fetch(callback, { redirect: 'manual', headers: { cookie: state } });
  }

  it('offers the provider on the sign-in page', async () => {
    expect(dataOf(await api.get('auth.options', undefined, 'anonymous'))).toEqual({
      sso: { providerId: 'entra', label: 'NHSmail' },
    });
  });

  it('signs in an invited person, then knows them by oid even when their e-mail changes', async () => {
    dataOf(
      await api.post(
        'admin.users.invite',
        { email: 'jo.bloggs@nhs.net', role: 'analyst', sites: ['york'] },
        { key: null, headers: api.as.admin },
      ),
    );
    next = { oid: '00000000-0000-0000-0000-0000000000a1', email: 'jo.bloggs@nhs.net', name: 'Jo Bloggs' };
    const first = await ssoSignIn();
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/');
    const cookie = cookieOf(first);
    const me = await fetch(`${api.url}/trpc/me.get`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({
      result: { data: { kind: 'user', email: 'jo.bloggs@nhs.net', role: 'analyst', sites: ['york'] } },
    });
    const [account] = await api.database.rows<{ account_id: string }>(
      sql`select account_id from accounts where provider_id = 'entra'`,
    );
    expect(account?.account_id).toBe(next.oid);

    // Same oid, new address (a name change in the tenant): still the same person.
    next = { ...next, email: 'jo.smith@nhs.net' };
    const again = await ssoSignIn();
    expect(again.status).toBe(302);
    const me2 = await fetch(`${api.url}/trpc/me.get`, { headers: { cookie: cookieOf(again) } });
    expect(await me2.json()).toMatchObject({ result: { data: { role: 'analyst', sites: ['york'] } } });
  });

  it('refuses a person nobody invited, and creates no user', async () => {
    const before = await api.counts();
    next = { oid: '00000000-0000-0000-0000-0000000000b2', email: 'stranger@nhs.net', name: 'Stranger' };
    const reply = await ssoSignIn();
    expect(reply.status).toBe(302);
    expect(reply.headers.get('location')).toMatch(/\/sign-in\?error=/);
    expect(
      reply.headers.getSetCookie().some((c) => c.includes('session_token=') && !c.includes('Max-Age=0')),
    ).toBe(false);
    const after = await api.counts();
    expect(after.users).toBe(before.users);
    expect(after.sessions).toBe(before.sessions);
  });
});
