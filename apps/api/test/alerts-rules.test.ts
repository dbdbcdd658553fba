import { testBackends } from '@switchboard/db/testing';
import { localParts } from '@switchboard/metrics';
import { describe, expect, it } from 'vitest';
import { inviteUser } from '../src/services/users.ts';
import { MINUTE, T0, useAlertsFixture } from './alerts-fixture.ts';
import { cookieOf, dataOf, type Reply } from './harness.ts';

describe.each(testBackends())('alert rules, channels and maintenance windows on %s', (backend) => {
  const { f, asManager, status, evaluatorAt, run, hooks } = useAlertsFixture(backend);

  it('refuses bad channels and rules with a 4xx naming the field, and non-managers', async () => {
    const bad = [
      [{ kind: 'webhook', name: 'x', target: 'not a url' }, 'target'],
      [{ kind: 'teams', name: 'x', target: 'ftp://example.org/x' }, 'target'],
      [{ kind: 'email', name: 'x', target: 'nobody' }, 'target'],
      [{ kind: 'sms', name: 'x', target: 'x' }, 'kind'],
      [{ kind: 'email', name: '', target: 'a@b.nhs.net' }, 'name'],
      [{ kind: 'email', name: 'x', target: 'a@b.nhs.net', extra: 1 }, ''],
    ] as const;
    for (const [input, field] of bad) {
      const reply = await f.api.post('alerts.createChannel', input, asManager());
      expect(reply.status, JSON.stringify(input)).toBe(400);
      expect(reply.body.error?.message).toContain(field);
    }
    const offTarget = await f.api.post(
      'alerts.createRule',
      { kind: 'off_target', channelIds: [f.webhook.id] },
      asManager(),
    );
    expect(offTarget.status).toBe(400);
    expect(offTarget.body.error?.message).toContain('measure');
    const unknown = await f.api.post(
      'alerts.createRule',
      { kind: 'system_down', channelIds: [999_999] },
      asManager(),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.error?.message).toContain('channelIds');
    const unknownSite = await f.api.post(
      'alerts.createRule',
      { kind: 'system_down', siteIds: ['atlantis'], channelIds: [f.webhook.id] },
      asManager(),
    );
    expect(unknownSite.status).toBe(422);
    const viewer = await f.api.post(
      'alerts.createChannel',
      { kind: 'email', name: 'x', target: 'a@b.nhs.net' },
      { key: null, headers: f.api.as.viewer },
    );
    expect(viewer.status).toBe(403);
    const listed = dataOf<{ id: number; signed: boolean }[]>(
      await f.api.get('alerts.listChannels', undefined, 'manager'),
    );
    expect(listed.map((c) => c.id)).toEqual([f.webhook.id, f.email.id, f.teams.id]);
    expect(JSON.stringify(listed)).not.toContain(f.webhook.secret);
  });

  it('refuses bad maintenance windows with a 4xx naming the field, and viewers', async () => {
    const base = { systemId: 'cas', date: '2026-12-06', startTime: '02:00', endTime: '04:00' };
    const bad = [
      [{ ...base, startTime: '25:00' }, 400, 'startTime'],
      [{ ...base, endTime: '4pm' }, 400, 'endTime'],
      [{ ...base, date: '2026-13-01' }, 400, 'date'],
      [{ ...base, weekday: 3 }, 400, 'date'],
      [{ systemId: 'cas', weekday: 8, startTime: '02:00', endTime: '04:00' }, 400, 'weekday'],
      [{ ...base, endTime: '02:00' }, 400, 'endTime'],
      [{ ...base, note: 'x'.repeat(501) }, 400, 'note'],
      [{ ...base, systemId: 'atlantis' }, 422, 'systemId'],
      [{ ...base, siteIds: ['atlantis'] }, 422, 'siteIds'],
    ] as const;
    const counts = await f.api.counts();
    for (const [input, code, field] of bad) {
      const reply = await f.api.post('maintenance.create', input, asManager());
      expect(reply.status, JSON.stringify(input)).toBe(code);
      expect(reply.body.error?.message).toContain(field);
    }
    expect(
      (await f.api.post('maintenance.create', base, { key: null, headers: f.api.as.viewer })).status,
    ).toBe(403);
    expect((await f.api.post('maintenance.delete', { id: 999_999 }, asManager())).status).toBe(404);
    expect((await f.api.post('alerts.deleteRule', { id: -1 }, asManager())).status).toBe(400);
    expect(await f.api.counts()).toEqual(counts);
  });

  it('holds an alert during a maintenance window for that system and site', async () => {
    const start = T0 + 60 * MINUTE; // 10:00 GMT
    const local = localParts(start);
    const date = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
    const created = await f.api.post(
      'maintenance.create',
      {
        systemId: 'cas',
        siteIds: ['hull'],
        date,
        startTime: '10:00',
        endTime: '11:00',
        note: 'Adastra upgrade',
      },
      asManager(),
    );
    expect(created.status).toBe(200);
    const refused = await f.api.post(
      'maintenance.create',
      { systemId: 'cas', startTime: '10:00', endTime: '11:00' },
      asManager(),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toContain('date');
    expect(dataOf<unknown[]>(await f.api.get('maintenance.list', undefined, 'viewer'))).toHaveLength(1);
    // A viewer of Leeds only does not see Hull's maintenance.
    expect(dataOf<unknown[]>(await f.api.get('maintenance.list', undefined, 'scopedViewer'))).toHaveLength(0);

    await f.api.post(
      'alerts.createRule',
      { kind: 'system_down', minutes: 5, siteIds: ['hull'], channelIds: [f.webhook.id] },
      asManager(),
    );
    const before = hooks('/hook').length;
    await status('cas', 'hull', 'down', start + MINUTE);
    const clock = { now: start + 30 * MINUTE };
    const evaluator = evaluatorAt(clock);
    await run(evaluator);
    expect(hooks('/hook').length - before).toBe(0);
    clock.now = start + 61 * MINUTE; // after 11:00: still down, so it fires
    await run(evaluator);
    expect(
      hooks('/hook')
        .slice(before)
        .map((r) => JSON.parse(r.body).systemId),
    ).toEqual(['cas']);
    await evaluator.stop();
  });

  it('keeps a manager of some sites to rules and maintenance of those sites', async () => {
    const invited = await inviteUser(f.api.database.db, f.api.access.auth, {
      email: 'leeds.manager@test.nhs.net',
      name: 'Leeds manager',
      role: 'manager',
      sites: ['leeds'],
      actor: 'test',
    });
    const cookie = cookieOf(await fetch(invited.signInUrl, { redirect: 'manual' }));
    const asLeeds = { key: null, headers: { cookie } };
    const outside = await f.api.post(
      'alerts.createRule',
      { kind: 'system_down', siteIds: ['york'], channelIds: [f.webhook.id] },
      asLeeds,
    );
    expect(outside.status).toBe(403);
    // Rules an administrator made for Leeds and for York: the manager of Leeds sees the first only.
    for (const siteId of ['leeds', 'york'])
      await f.api.post(
        'alerts.createRule',
        { kind: 'feed_stale', siteIds: [siteId], channelIds: [f.webhook.id] },
        asManager(),
      );
    const everySite = dataOf<{ id: number }>(
      await f.api.post('alerts.createRule', { kind: 'system_down', channelIds: [f.webhook.id] }, asLeeds),
    );
    const response = await fetch(`${f.api.url}/trpc/alerts.listRules`, { headers: { cookie } });
    const leedsRules = dataOf<{ id: number; siteIds: string[] }[]>({
      status: response.status,
      body: (await response.json()) as Reply['body'],
    });
    // "Every site" became every site of theirs; they see rules of Leeds only (not York's or every site's).
    expect(leedsRules.find((r) => r.id === everySite.id)?.siteIds).toEqual(['leeds']);
    expect(leedsRules.length).toBeGreaterThan(1);
    expect(leedsRules.every((r) => r.siteIds.length === 1 && r.siteIds[0] === 'leeds')).toBe(true);
    const window = await f.api.post(
      'maintenance.create',
      { systemId: 'gp-booking', weekday: 1, startTime: '01:00', endTime: '02:00' },
      asLeeds,
    );
    expect(window.status).toBe(200);
    const listed = dataOf<{ id: number; siteIds: string[] }[]>(
      await f.api.get('maintenance.list', undefined, 'admin'),
    );
    expect(listed.find((w) => w.id === dataOf<{ id: number }>(window).id)?.siteIds).toEqual(['leeds']);
  });
});
