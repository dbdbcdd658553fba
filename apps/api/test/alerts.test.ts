import { createHmac } from 'node:crypto';
import type { Database } from '@switchboard/db';
import { alertDeliveries, createDb } from '@switchboard/db';
import { testBackends } from '@switchboard/db/testing';
import { localParts } from '@switchboard/metrics';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEvaluator, type EvaluatorOptions } from '../src/services/alerts/evaluator.ts';
import { inviteUser } from '../src/services/users.ts';
import { startSmtpServer, startWebhookReceiver } from './alert-receivers.ts';
import { cookieOf, dataOf, type Reply, startTestApi, type TestApi } from './harness.ts';

const MINUTE = 60_000;
/** A fixed past morning (GMT) as the fake clock's origin: reports may be in the past. */
const T0 = Date.parse('2026-11-02T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(testBackends())('alerts on %s', (backend) => {
  let api: TestApi;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let webhook: { id: number; secret: string };
  let email: { id: number };
  let teams: { id: number };
  let second: Database | undefined;
  const asManager = () => ({ key: null, headers: api.as.manager });
  const status = (systemId: string, siteId: string, s: 'up' | 'down', at: number) =>
    api.post('ingest.systemStatus', {
      statuses: [{ systemId, siteId, status: s, at: iso(at), source: 'probe' }],
    });
  const evaluatorAt = (clock: { now: number }, db = api.database.db, extra: Partial<EvaluatorOptions> = {}) =>
    createEvaluator(db, {
      publicUrl: 'https://switchboard.example.nhs.uk',
      heartbeatTimeoutS: 90,
      staleAfterS: 120,
      now: () => clock.now,
      delivery: { smtpUrl: smtp.url, backoffMs: [1, 1], timeoutMs: 5_000 },
      ...extra,
    });
  const run = async (evaluator: ReturnType<typeof createEvaluator>) => {
    const { delivered } = await evaluator.runOnce();
    await delivered;
  };
  const hooks = (path: string) => receiver.received.filter((r) => r.path === path);

  beforeAll(async () => {
    api = await startTestApi(backend);
    receiver = await startWebhookReceiver();
    smtp = await startSmtpServer();
    webhook = dataOf(
      await api.post(
        'alerts.createChannel',
        { kind: 'webhook', name: 'On-call', target: `${receiver.url}/hook` },
        asManager(),
      ),
    );
    email = dataOf(
      await api.post(
        'alerts.createChannel',
        { kind: 'email', name: 'Service desk', target: 'desk@trust.nhs.net' },
        asManager(),
      ),
    );
    teams = dataOf(
      await api.post(
        'alerts.createChannel',
        { kind: 'teams', name: 'Ops channel', target: `${receiver.url}/teams` },
        asManager(),
      ),
    );
  });
  // Each test's rules end with it (an "up" probe result expires into unknown, which a later run would alert on).
  afterEach(async () => {
    await api.database.db.execute(sql`update alert_rules set enabled = false`);
  });
  afterAll(async () => {
    await second?.close();
    await receiver?.stop();
    await smtp?.stop();
    await api?.stop();
  });

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
      const reply = await api.post('alerts.createChannel', input, asManager());
      expect(reply.status, JSON.stringify(input)).toBe(400);
      expect(reply.body.error?.message).toContain(field);
    }
    const offTarget = await api.post(
      'alerts.createRule',
      { kind: 'off_target', channelIds: [webhook.id] },
      asManager(),
    );
    expect(offTarget.status).toBe(400);
    expect(offTarget.body.error?.message).toContain('measure');
    const unknown = await api.post(
      'alerts.createRule',
      { kind: 'system_down', channelIds: [999_999] },
      asManager(),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.error?.message).toContain('channelIds');
    const unknownSite = await api.post(
      'alerts.createRule',
      { kind: 'system_down', siteIds: ['atlantis'], channelIds: [webhook.id] },
      asManager(),
    );
    expect(unknownSite.status).toBe(422);
    const viewer = await api.post(
      'alerts.createChannel',
      { kind: 'email', name: 'x', target: 'a@b.nhs.net' },
      { key: null, headers: api.as.viewer },
    );
    expect(viewer.status).toBe(403);
    const listed = dataOf<{ id: number; signed: boolean }[]>(
      await api.get('alerts.listChannels', undefined, 'manager'),
    );
    expect(listed.map((c) => c.id)).toEqual([webhook.id, email.id, teams.id]);
    expect(JSON.stringify(listed)).not.toContain(webhook.secret);
  });

  it('fires once after N minutes, repeats, and sends a resolved message (webhook signed, e-mail, Teams)', async () => {
    const rule = dataOf<{ id: number }>(
      await api.post(
        'alerts.createRule',
        {
          kind: 'system_down',
          minutes: 5,
          siteIds: ['leeds'],
          systemIds: ['cas'],
          channelIds: [webhook.id, email.id, teams.id],
          repeatMinutes: 10,
        },
        asManager(),
      ),
    );
    expect((await status('cas', 'leeds', 'down', T0)).status).toBe(200);
    const clock = { now: T0 + 1 * MINUTE };
    const evaluator = evaluatorAt(clock);
    await run(evaluator);
    expect(hooks('/hook')).toHaveLength(0);

    clock.now = T0 + 5 * MINUTE;
    await run(evaluator);
    expect(hooks('/hook')).toHaveLength(1);
    const fired = hooks('/hook')[0];
    const body = JSON.parse(fired?.body ?? '{}');
    expect(body).toMatchObject({
      rule: rule.id,
      state: 'firing',
      siteId: 'leeds',
      systemId: 'cas',
      since: iso(T0),
    });
    expect(body.url).toBe('https://switchboard.example.nhs.uk/systems?site=leeds');
    const timestamp = String(fired?.headers['x-switchboard-timestamp']);
    const expected = `sha256=${createHmac('sha256', webhook.secret).update(`${timestamp}.${fired?.body}`).digest('hex')}`;
    expect(fired?.headers['x-switchboard-signature']).toBe(expected);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.to).toEqual(['desk@trust.nhs.net']);
    expect(smtp.mails[0]?.data).toContain('cas down at LEEDS');
    const card = JSON.parse(hooks('/teams')[0]?.body ?? '{}');
    const adaptive = card.attachments[0];
    expect(card.type).toBe('message');
    expect(adaptive.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(adaptive.content.body[0].text).toContain('cas down at LEEDS since 2 Nov, 09:00 GMT');
    expect(adaptive.content.body[1].facts).toContainEqual({ title: 'Site', value: 'leeds' });
    expect(adaptive.content.actions[0]).toEqual({
      type: 'Action.OpenUrl',
      title: 'Open in Switchboard',
      url: 'https://switchboard.example.nhs.uk/systems?site=leeds',
    });

    for (const minutes of [6, 10, 14]) {
      clock.now = T0 + minutes * MINUTE;
      await run(evaluator);
    }
    expect(hooks('/hook')).toHaveLength(1);
    clock.now = T0 + 15 * MINUTE;
    await run(evaluator);
    expect(hooks('/hook')).toHaveLength(2);
    expect(JSON.parse(hooks('/hook')[1]?.body ?? '{}').state).toBe('firing');

    await status('cas', 'leeds', 'up', T0 + 20 * MINUTE);
    clock.now = T0 + 20.5 * MINUTE;
    await run(evaluator);
    await run(evaluator);
    expect(hooks('/hook')).toHaveLength(3);
    expect(JSON.parse(hooks('/hook')[2]?.body ?? '{}')).toMatchObject({
      state: 'resolved',
      siteId: 'leeds',
      systemId: 'cas',
    });
    expect(smtp.mails).toHaveLength(3);
    expect(smtp.mails[2]?.data).toContain('RESOLVED');
    await evaluator.stop();
    await api.post('alerts.updateRule', { id: rule.id, enabled: false }, asManager());
  });

  it('fires once across two API instances on one database, over 10 evaluation runs', async () => {
    await api.post(
      'alerts.createRule',
      { kind: 'system_down', minutes: 2, siteIds: ['york'], channelIds: [webhook.id] },
      asManager(),
    );
    second = backend === 'postgres' ? await createDb({ url: api.database.url as string }) : undefined;
    const before = hooks('/hook').length;
    await status('gp-booking', 'york', 'down', T0 + 30 * MINUTE);
    const clock = { now: T0 + 33 * MINUTE };
    const a = evaluatorAt(clock);
    const b = evaluatorAt(clock, second?.db ?? api.database.db);
    for (let i = 0; i < 10; i++) {
      clock.now += 15_000;
      await Promise.all([run(a), run(b)]);
    }
    const sent = hooks('/hook').slice(before);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]?.body ?? '{}')).toMatchObject({
      state: 'firing',
      siteId: 'york',
      systemId: 'gp-booking',
    });
    await status('gp-booking', 'york', 'up', clock.now);
    clock.now += 15_000;
    await Promise.all([run(a), run(b)]);
    expect(
      hooks('/hook')
        .slice(before)
        .map((r) => JSON.parse(r.body).state),
    ).toEqual(['firing', 'resolved']);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('holds an alert during a maintenance window for that system and site', async () => {
    const start = T0 + 60 * MINUTE; // 10:00 GMT
    const local = localParts(start);
    const date = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
    const created = await api.post(
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
    const refused = await api.post(
      'maintenance.create',
      { systemId: 'cas', startTime: '10:00', endTime: '11:00' },
      asManager(),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toContain('date');
    expect(dataOf<unknown[]>(await api.get('maintenance.list', undefined, 'viewer'))).toHaveLength(1);
    // A viewer of Leeds only does not see Hull's maintenance.
    expect(dataOf<unknown[]>(await api.get('maintenance.list', undefined, 'scopedViewer'))).toHaveLength(0);

    await api.post(
      'alerts.createRule',
      { kind: 'system_down', minutes: 5, siteIds: ['hull'], channelIds: [webhook.id] },
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

  it('retries after the receiver answered 500, logging every attempt, and shows failures in the log', async () => {
    const rule = dataOf<{ id: number }>(
      await api.post(
        'alerts.createRule',
        {
          kind: 'system_down',
          minutes: 1,
          siteIds: ['leeds'],
          systemIds: ['gp-booking'],
          channelIds: [webhook.id],
        },
        asManager(),
      ),
    );
    receiver.answer(500);
    const before = hooks('/hook').length;
    await status('gp-booking', 'leeds', 'down', T0 + 120 * MINUTE);
    const clock = { now: T0 + 125 * MINUTE };
    const evaluator = evaluatorAt(clock);
    await run(evaluator);
    await run(evaluator);
    expect(hooks('/hook').length - before).toBe(2);
    const log = dataOf<{
      entries: { ruleId: number; attempt: number; status: string; error: string | null }[];
    }>(await api.get('alerts.deliveries', { limit: 10 }, 'manager'));
    const mine = log.entries.filter((e) => e.ruleId === rule.id);
    expect(mine.map((e) => [e.attempt, e.status, e.error])).toEqual([
      [2, 'sent', null],
      [1, 'failed', 'HTTP 500'],
    ]);
    const failed = dataOf<{ entries: { status: string }[] }>(
      await api.get('alerts.deliveries', { limit: 200, failedOnly: true }, 'manager'),
    );
    expect(failed.entries.every((e) => e.status === 'failed')).toBe(true);
    expect((await api.get('alerts.deliveries', { limit: 201 }, 'manager')).status).toBe(400);
    expect((await api.get('alerts.deliveries', { limit: 10 }, 'viewer')).status).toBe(403);
    await evaluator.stop();
  });

  it('gives up after the bounded attempts, and "send test" reports the failure', async () => {
    receiver.answer(500);
    const reply = dataOf<{ ok: boolean; error: string | null }>(
      await api.post('alerts.testChannel', { id: webhook.id }, asManager()),
    );
    expect(reply).toEqual({ ok: false, error: 'HTTP 500' });
    const good = dataOf<{ ok: boolean }>(await api.post('alerts.testChannel', { id: teams.id }, asManager()));
    const rows = await api.database.db.select().from(alertDeliveries);
    expect(rows.filter((r) => r.state === 'test').map((r) => r.status)).toEqual(['failed', 'sent']);
    expect(good.ok).toBe(true);
    // E-mail without an SMTP server configured on the API: a clear error, not a 5xx.
    const mail = dataOf<{ ok: boolean; error: string }>(
      await api.post('alerts.testChannel', { id: email.id }, asManager()),
    );
    expect(mail).toEqual({ ok: false, error: 'e-mail is not configured: set SMTP_URL' });
  });

  it('sends incident declarations and stand-downs once', async () => {
    await api.post(
      'alerts.createRule',
      { kind: 'incident', siteIds: ['leeds'], channelIds: [webhook.id] },
      asManager(),
    );
    const before = hooks('/hook').length;
    const declared = dataOf<{ id: number }>(
      await api.post(
        'incidents.declare',
        {
          type: 'business_continuity',
          title: 'Adastra down',
          systemIds: ['cas'],
          siteIds: ['leeds'],
          startedAt: iso(Date.now() - 10 * MINUTE),
        },
        asManager(),
      ),
    );
    const clock = { now: Date.now() };
    const evaluator = evaluatorAt(clock);
    await run(evaluator);
    await run(evaluator);
    await api.post('incidents.update', { id: declared.id, stage: 'stood_down', note: 'back' }, asManager());
    clock.now = Date.now();
    await run(evaluator);
    await run(evaluator);
    const sent = hooks('/hook')
      .slice(before)
      .map((r) => JSON.parse(r.body));
    expect(sent.map((b) => b.state)).toEqual(['firing', 'resolved']);
    expect(sent[0].url).toBe(`https://switchboard.example.nhs.uk/incidents/${declared.id}`);
    expect(sent[0].text).toContain('Adastra down');
    await evaluator.stop();
  });

  it('fires when a site is off target on a measure for N minutes, and resolves when back on target', async () => {
    await api.post(
      'alerts.createRule',
      {
        kind: 'off_target',
        minutes: 10,
        siteIds: ['york'],
        measure: 'answeredWithin60sPct',
        threshold: 80,
        channelIds: [webhook.id],
      },
      asManager(),
    );
    const base = T0 + 200 * MINUTE;
    const call = (id: string, offered: number, waitMs: number) => [
      { siteId: 'york', callId: id, kind: 'offered', at: iso(offered) },
      { siteId: 'york', callId: id, kind: 'answered', at: iso(offered + waitMs), waitMs },
    ];
    // Every caller waits 2 minutes for 16 minutes: 0% answered within 60 s.
    const slow = Array.from({ length: 16 }, (_, i) =>
      call(`slow-${i}`, base + i * MINUTE + 1_000, 120_000),
    ).flat();
    expect((await api.post('ingest.callEvents', { events: slow }, { key: api.keys.all })).status).toBe(200);
    const before = hooks('/hook').length;
    const clock = { now: base + 5 * MINUTE };
    const evaluator = evaluatorAt(clock);
    await run(evaluator);
    expect(hooks('/hook').length - before).toBe(0);
    clock.now = base + 16 * MINUTE;
    await run(evaluator);
    await run(evaluator);
    const fired = hooks('/hook')
      .slice(before)
      .map((r) => JSON.parse(r.body));
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({
      state: 'firing',
      siteId: 'york',
      systemId: null,
      measure: 'answeredWithin60sPct',
      since: iso(base),
    });
    expect(fired[0].text).toContain('YORK off target: answeredWithin60sPct 0 (threshold 80)');
    // Then callers are answered in 5 s: on target in the latest minutes with data.
    const fast = [16, 17].flatMap((i) => call(`fast-${i}`, base + i * MINUTE + 1_000, 5_000));
    await api.post('ingest.callEvents', { events: fast }, { key: api.keys.all });
    clock.now = base + 18 * MINUTE;
    await run(evaluator);
    expect(
      hooks('/hook')
        .slice(before)
        .map((r) => JSON.parse(r.body).state),
    ).toEqual(['firing', 'resolved']);
    await evaluator.stop();
  });

  it("fires when a site's feed has been stale for N minutes, and resolves when it sends again", async () => {
    await api.post(
      'alerts.createRule',
      { kind: 'feed_stale', minutes: 5, siteIds: ['hull'], channelIds: [webhook.id] },
      asManager(),
    );
    const base = T0 + 300 * MINUTE;
    const snapshot = (at: number) => ({
      snapshots: [
        {
          siteId: 'hull',
          queue: 'main',
          at: iso(at),
          callsWaiting: 1,
          longestWaitMs: 1000,
          agentsAvailable: 3,
          agentsOnCall: 4,
          agentsWrapUp: 0,
        },
      ],
    });
    expect((await api.post('ingest.queueSnapshots', snapshot(base))).status).toBe(200);
    const before = hooks('/hook').length;
    const clock = { now: base + 6 * MINUTE }; // stale from base + 2 min (STALE_AFTER_S 120): 4 minutes
    const evaluator = evaluatorAt(clock);
    await run(evaluator);
    expect(hooks('/hook').length - before).toBe(0);
    clock.now = base + 7 * MINUTE;
    await run(evaluator);
    expect(JSON.parse(hooks('/hook')[before]?.body ?? '{}')).toMatchObject({
      state: 'firing',
      siteId: 'hull',
      since: iso(base + 2 * MINUTE),
    });
    await api.post('ingest.queueSnapshots', snapshot(base + 8 * MINUTE));
    clock.now = base + 8.5 * MINUTE;
    await run(evaluator);
    expect(
      hooks('/hook')
        .slice(before)
        .map((r) => JSON.parse(r.body).state),
    ).toEqual(['firing', 'resolved']);
    await evaluator.stop();
  });

  it('fires when a site is raised to OPEL 3 or above, and resolves when it is lowered', async () => {
    const refused = await api.post(
      'alerts.createRule',
      { kind: 'opel', threshold: 5, channelIds: [webhook.id] },
      asManager(),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/^threshold: is an OPEL level/);
    await api.post(
      'alerts.createRule',
      { kind: 'opel', siteIds: ['york'], channelIds: [webhook.id] },
      asManager(),
    );
    const before = hooks('/hook').length;
    const clock = { now: Date.now() };
    const evaluator = evaluatorAt(clock);
    const opel = (level: number) => api.post('incidents.opel.set', { siteId: 'york', level }, asManager());
    expect((await opel(2)).status).toBe(200);
    await run(evaluator);
    expect(hooks('/hook').length - before).toBe(0);
    expect((await opel(3)).status).toBe(200);
    clock.now = Date.now();
    await run(evaluator);
    const fired = JSON.parse(hooks('/hook')[before]?.body ?? '{}');
    expect(fired).toMatchObject({ state: 'firing', siteId: 'york' });
    expect(JSON.stringify(fired)).toMatch(/OPEL 3/);
    expect((await opel(1)).status).toBe(200);
    clock.now = Date.now();
    await run(evaluator);
    expect(
      hooks('/hook')
        .slice(before)
        .map((r) => JSON.parse(r.body).state),
    ).toEqual(['firing', 'resolved']);
    await evaluator.stop();
  });

  it('stops at once during a back-off, making no further attempt', async () => {
    await api.post(
      'alerts.createRule',
      { kind: 'system_down', minutes: 1, siteIds: ['york'], systemIds: ['cas'], channelIds: [webhook.id] },
      asManager(),
    );
    await status('cas', 'york', 'down', T0 + 400 * MINUTE);
    receiver.answer(500);
    const clock = { now: T0 + 402 * MINUTE };
    const evaluator = evaluatorAt(clock, api.database.db, {
      delivery: { backoffMs: [3_600_000], timeoutMs: 5_000 },
    });
    const before = (await api.database.db.select().from(alertDeliveries)).length;
    const { delivered } = await evaluator.runOnce();
    // The first attempt is logged before the back-off starts.
    for (;;) {
      const rows = await api.database.db.select().from(alertDeliveries);
      if (rows.length > before) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await evaluator.stop();
    await delivered;
    const rows = (await api.database.db.select().from(alertDeliveries)).slice(before);
    expect(rows.map((r) => [r.attempt, r.status])).toEqual([[1, 'failed']]);
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
    const counts = await api.counts();
    for (const [input, code, field] of bad) {
      const reply = await api.post('maintenance.create', input, asManager());
      expect(reply.status, JSON.stringify(input)).toBe(code);
      expect(reply.body.error?.message).toContain(field);
    }
    expect((await api.post('maintenance.create', base, { key: null, headers: api.as.viewer })).status).toBe(
      403,
    );
    expect((await api.post('maintenance.delete', { id: 999_999 }, asManager())).status).toBe(404);
    expect((await api.post('alerts.deleteRule', { id: -1 }, asManager())).status).toBe(400);
    expect(await api.counts()).toEqual(counts);
  });

  it('runs on its own once started, until stopped', async () => {
    await api.post(
      'alerts.createRule',
      {
        kind: 'system_down',
        minutes: 1,
        siteIds: ['hull'],
        systemIds: ['gp-booking'],
        channelIds: [webhook.id],
      },
      asManager(),
    );
    await status('gp-booking', 'hull', 'down', T0 + 500 * MINUTE);
    const clock = { now: T0 + 502 * MINUTE };
    const evaluator = evaluatorAt(clock, api.database.db, { everyMs: 20 });
    const before = hooks('/hook').length;
    evaluator.start();
    // Wait for the condition (bounded): the loop's first evaluations send the alert.
    for (let i = 0; i < 500 && hooks('/hook').length === before; i++)
      await new Promise((r) => setTimeout(r, 20));
    await evaluator.stop();
    const sent = hooks('/hook').slice(before);
    expect(sent.map((r) => JSON.parse(r.body)).map((b) => [b.state, b.siteId, b.systemId])).toEqual([
      ['firing', 'hull', 'gp-booking'],
    ]);
  });

  it('keeps a manager of some sites to rules and maintenance of those sites', async () => {
    const invited = await inviteUser(api.database.db, api.access.auth, {
      email: 'leeds.manager@test.nhs.net',
      name: 'Leeds manager',
      role: 'manager',
      sites: ['leeds'],
      actor: 'test',
    });
    const cookie = cookieOf(await fetch(invited.signInUrl, { redirect: 'manual' }));
    const asLeeds = { key: null, headers: { cookie } };
    const outside = await api.post(
      'alerts.createRule',
      { kind: 'system_down', siteIds: ['york'], channelIds: [webhook.id] },
      asLeeds,
    );
    expect(outside.status).toBe(403);
    const everySite = dataOf<{ id: number }>(
      await api.post('alerts.createRule', { kind: 'system_down', channelIds: [webhook.id] }, asLeeds),
    );
    const response = await fetch(`${api.url}/trpc/alerts.listRules`, { headers: { cookie } });
    const leedsRules = dataOf<{ id: number; siteIds: string[] }[]>({
      status: response.status,
      body: (await response.json()) as Reply['body'],
    });
    // "Every site" became every site of theirs; they see rules of Leeds only (not York's or every site's).
    expect(leedsRules.find((r) => r.id === everySite.id)?.siteIds).toEqual(['leeds']);
    expect(leedsRules.length).toBeGreaterThan(1);
    expect(leedsRules.every((r) => r.siteIds.length === 1 && r.siteIds[0] === 'leeds')).toBe(true);
    const window = await api.post(
      'maintenance.create',
      { systemId: 'gp-booking', weekday: 1, startTime: '01:00', endTime: '02:00' },
      asLeeds,
    );
    expect(window.status).toBe(200);
    const listed = dataOf<{ id: number; siteIds: string[] }[]>(
      await api.get('maintenance.list', undefined, 'admin'),
    );
    expect(listed.find((w) => w.id === dataOf<{ id: number }>(window).id)?.siteIds).toEqual(['leeds']);
  });
});
