import { testBackends } from '@switchboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, dataOf, emailOf, signIn, startTestApi, type TestApi } from './harness.ts';
import { type LiveSubscription, subscribeLive } from './sse.ts';

let callNumber = 0;
const offered = (siteId: string) => ({
  siteId,
  callId: `scope-${++callNumber}`,
  kind: 'offered' as const,
  at: new Date().toISOString(),
});

/** Waits until the subscription has ended with an error; answers how long that took. */
async function endedWithin(subscription: LiveSubscription, since: number, ms = 15_000): Promise<number> {
  const until = performance.now() + ms;
  while (subscription.errors.length === 0) {
    if (performance.now() > until) throw new Error('the live stream did not end');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return performance.now() - since;
}

describe.each(testBackends())('site scope and revocation on %s', (backend) => {
  let api: TestApi;
  const open: LiveSubscription[] = [];
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(async () => {
    for (const subscription of open) subscription.close();
    await api?.stop();
  });

  it.each(['scopedViewer', 'scopedDisplay'] as const)(
    '%s sees only its site: names, figures and status',
    async (who) => {
      const sites = dataOf<{ id: string }[]>(await api.get('sites.list', undefined, who));
      expect(sites.map((s) => s.id)).toEqual(['leeds']);
      const overview = dataOf<{ sites: { siteId: string }[] }>(
        await api.get('metrics.overview', undefined, who),
      );
      expect(overview.sites.map((s) => s.siteId)).toEqual(['leeds']);
      const systems = dataOf<{ siteIds: string[] }[]>(await api.get('systems.list', undefined, who));
      for (const system of systems) expect(system.siteIds).toEqual(['leeds']);

      const together = dataOf<{ siteIds: string[] }>(await api.get('metrics.series', { last: '1h' }, who));
      expect(together.siteIds).toEqual(['leeds']);
      const york = await api.get('metrics.series', { last: '1h', siteIds: ['leeds', 'york'] }, who);
      expect(york.status).toBe(403);
      expect(york.body.error?.message).toBe('site(s) outside your scope: york');

      const availability = dataOf<{ rows: { siteId: string | null }[] }>(
        await api.get('systems.availability', { last: '1h' }, who),
      );
      expect(availability.rows.length).toBeGreaterThan(0);
      for (const row of availability.rows) expect([null, 'leeds']).toContain(row.siteId);
      const hull = await api.get('systems.availability', { last: '1h', siteIds: ['hull'] }, who);
      expect(hull.status).toBe(403);
    },
  );

  it('sends a scoped subscriber only changes of its sites, and refuses a subscription outside them', async () => {
    const refused = await fetch(
      `${api.url}/trpc/live.changes?input=${encodeURIComponent(JSON.stringify({ siteIds: ['york'] }))}`,
      { headers: { ...api.as.scopedViewer, accept: 'text/event-stream' } },
    );
    expect(refused.status).toBe(403);
    const scoped = await subscribeLive(api.url, undefined, api.as.scopedViewer);
    open.push(scoped);
    dataOf(await api.post('ingest.callEvents', { events: [offered('york')] }));
    dataOf(await api.post('ingest.callEvents', { events: [offered('leeds')] }));
    const first = await scoped.next(0, 5_000);
    expect(first.change.siteIds).toEqual(['leeds']);
    for (const message of scoped.received) expect(message.change.siteIds).not.toContain('york');
  });

  it("ends a display's live stream within 5 s of its revocation", async () => {
    const created = dataOf<{ id: string; token: string; url: string }>(
      await api.post(
        'displays.create',
        { name: 'Floor TV 2', sites: ['leeds'] },
        { key: null, headers: api.as.manager },
      ),
    );
    expect(created.url).toBe(`${api.url}/display/claim?token=${encodeURIComponent(created.token)}`);
    const wall = await subscribeLive(api.url, undefined, { authorization: `Bearer ${created.token}` });
    open.push(wall);
    const revokedAt = performance.now();
    dataOf(await api.post('displays.revoke', { id: created.id }, { key: null, headers: api.as.manager }));
    const ms = await endedWithin(wall, revokedAt);
    console.log(`[access] revoked display's stream ended after ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5_000);
    const after = await api.get('sites.list', undefined, 'anonymous');
    expect(after.status).toBe(401);
    const listed = dataOf<{ id: string; revokedAt: string | null; lastSeenAt: string | null }[]>(
      await api.get('displays.list', undefined, 'manager'),
    );
    expect(listed.find((d) => d.id === created.id)?.revokedAt).not.toBeNull();
  });

  it("ends a person's live stream within 5 s of signing out, and of being disabled", async () => {
    const cookie = await signIn(api.url, emailOf('viewer'));
    const mine = await subscribeLive(api.url, undefined, { cookie });
    open.push(mine);
    const signedOutAt = performance.now();
    const out = await fetch(`${api.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { cookie, origin: api.url, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect(await endedWithin(mine, signedOutAt)).toBeLessThan(5_000);
    expect((await fetch(`${api.url}/trpc/me.get`, { headers: { cookie } })).status).toBe(401);

    // An invited person: the admin's invitation link signs them in; disabling them ends their stream.
    const invited = dataOf<{ id: string; signInUrl: string }>(
      await api.post(
        'admin.users.invite',
        { email: 'Temp@Test.nhs.net', role: 'viewer', sites: ['leeds'] },
        { key: null, headers: api.as.admin },
      ),
    );
    const opened = await fetch(invited.signInUrl, { redirect: 'manual' });
    const theirs = cookieOf(opened);
    const me = (await (await fetch(`${api.url}/trpc/me.get`, { headers: { cookie: theirs } })).json()) as {
      result: { data: unknown };
    };
    expect(me.result.data).toMatchObject({ email: 'temp@test.nhs.net', sites: ['leeds'] });
    const stream = await subscribeLive(api.url, undefined, { cookie: theirs });
    open.push(stream);
    const disabledAt = performance.now();
    dataOf(
      await api.post(
        'admin.users.update',
        { id: invited.id, disabled: true },
        { key: null, headers: api.as.admin },
      ),
    );
    expect(await endedWithin(stream, disabledAt)).toBeLessThan(5_000);
    // Disabled: the link route gives no new session either.
    const link = await api.post(
      'admin.users.signInLink',
      { email: 'temp@test.nhs.net' },
      { key: null, headers: api.as.admin },
    );
    expect(link.status).toBe(409);
    // The last enabled administrator cannot disable or demote themselves.
    const people = dataOf<{ id: string; email: string }[]>(await api.get('admin.users.list'));
    const self = people.find((p) => p.email === 'admin@test.nhs.net');
    const lockout = await api.post(
      'admin.users.update',
      { id: self?.id, disabled: true },
      { key: null, headers: api.as.admin },
    );
    expect(lockout.status).toBe(409);
    expect(lockout.body.error?.message).toMatch(/no enabled administrator/);
    expect(await api.get('me.get')).toMatchObject({ status: 200 });
    const audit = dataOf<{
      entries: { actor: string; action: string; target: string; address: string | null }[];
    }>(await api.get('admin.audit.list', { action: 'user.update' }));
    expect(audit.entries[0]).toMatchObject({
      actor: 'user:admin@test.nhs.net',
      action: 'user.update',
      target: 'temp@test.nhs.net',
      address: '127.0.0.1',
    });
  });
});
