import { createHmac } from 'node:crypto';
import type { Database } from '@switchboard/db';
import { alertDeliveries, createDb } from '@switchboard/db';
import { testBackends } from '@switchboard/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { iso, MINUTE, T0, useAlertsFixture } from './alerts-fixture.ts';
import { dataOf } from './harness.ts';

describe.each(testBackends())('alert delivery on %s', (backend) => {
  const { f, asManager, status, evaluatorAt, run, hooks } = useAlertsFixture(backend);
  let second: Database | undefined;
  afterAll(async () => {
    await second?.close();
  });

  it('fires once after N minutes, repeats, and sends a resolved message (webhook signed, e-mail, Teams)', async () => {
    const rule = dataOf<{ id: number }>(
      await f.api.post(
        'alerts.createRule',
        {
          kind: 'system_down',
          minutes: 5,
          siteIds: ['leeds'],
          systemIds: ['cas'],
          channelIds: [f.webhook.id, f.email.id, f.teams.id],
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
    // The admin page's "Firing now" list says it in words, the raw subject beside it.
    const firing = dataOf<{ ruleId: number; subject: string; description: string; since: string }[]>(
      await f.api.get('alerts.firing', undefined, 'manager'),
    );
    expect(firing.find((a) => a.ruleId === rule.id)).toMatchObject({
      subject: 'cas@leeds',
      description: `cas at LEEDS — system down or unknown for 5 min (rule ${rule.id})`,
      since: iso(T0),
    });
    const timestamp = String(fired?.headers['x-switchboard-timestamp']);
    const expected = `sha256=${createHmac('sha256', f.webhook.secret).update(`${timestamp}.${fired?.body}`).digest('hex')}`;
    expect(fired?.headers['x-switchboard-signature']).toBe(expected);
    expect(f.smtp.mails).toHaveLength(1);
    expect(f.smtp.mails[0]?.to).toEqual(['desk@trust.nhs.net']);
    expect(f.smtp.mails[0]?.data).toContain('cas down at LEEDS');
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
    expect(f.smtp.mails).toHaveLength(3);
    expect(f.smtp.mails[2]?.data).toContain('RESOLVED');
    await evaluator.stop();
    await f.api.post('alerts.updateRule', { id: rule.id, enabled: false }, asManager());
  });

  it('fires once across two API instances on one database, over 10 evaluation runs', async () => {
    await f.api.post(
      'alerts.createRule',
      { kind: 'system_down', minutes: 2, siteIds: ['york'], channelIds: [f.webhook.id] },
      asManager(),
    );
    second = backend === 'postgres' ? await createDb({ url: f.api.database.url as string }) : undefined;
    const before = hooks('/hook').length;
    await status('gp-booking', 'york', 'down', T0 + 30 * MINUTE);
    const clock = { now: T0 + 33 * MINUTE };
    const a = evaluatorAt(clock);
    const b = evaluatorAt(clock, second?.db ?? f.api.database.db);
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

  it('retries after the receiver answered 500, logging every attempt, and shows failures in the log', async () => {
    const rule = dataOf<{ id: number }>(
      await f.api.post(
        'alerts.createRule',
        {
          kind: 'system_down',
          minutes: 1,
          siteIds: ['leeds'],
          systemIds: ['gp-booking'],
          channelIds: [f.webhook.id],
        },
        asManager(),
      ),
    );
    f.receiver.answer(500);
    const before = hooks('/hook').length;
    await status('gp-booking', 'leeds', 'down', T0 + 120 * MINUTE);
    const clock = { now: T0 + 125 * MINUTE };
    const evaluator = evaluatorAt(clock);
    await run(evaluator);
    await run(evaluator);
    expect(hooks('/hook').length - before).toBe(2);
    const log = dataOf<{
      entries: {
        ruleId: number;
        subject: string;
        description: string;
        attempt: number;
        status: string;
        error: string | null;
      }[];
    }>(await f.api.get('alerts.deliveries', { limit: 10 }, 'manager'));
    const mine = log.entries.filter((e) => e.ruleId === rule.id);
    expect(mine.map((e) => [e.attempt, e.status, e.error])).toEqual([
      [2, 'sent', null],
      [1, 'failed', 'HTTP 500'],
    ]);
    expect(mine.map((e) => [e.subject, e.description])).toEqual(
      [1, 2].map(() => [
        'gp-booking@leeds',
        `gp-booking at LEEDS — system down or unknown for 1 min (rule ${rule.id})`,
      ]),
    );
    const failed = dataOf<{ entries: { status: string }[] }>(
      await f.api.get('alerts.deliveries', { limit: 200, failedOnly: true }, 'manager'),
    );
    expect(failed.entries.every((e) => e.status === 'failed')).toBe(true);
    expect((await f.api.get('alerts.deliveries', { limit: 201 }, 'manager')).status).toBe(400);
    expect((await f.api.get('alerts.deliveries', { limit: 10 }, 'viewer')).status).toBe(403);
    await evaluator.stop();
  });

  it('gives up after the bounded attempts, and "send test" reports the failure', async () => {
    f.receiver.answer(500);
    const reply = dataOf<{ ok: boolean; error: string | null }>(
      await f.api.post('alerts.testChannel', { id: f.webhook.id }, asManager()),
    );
    expect(reply).toEqual({ ok: false, error: 'HTTP 500' });
    const good = dataOf<{ ok: boolean }>(
      await f.api.post('alerts.testChannel', { id: f.teams.id }, asManager()),
    );
    const rows = await f.api.database.db.select().from(alertDeliveries).orderBy(alertDeliveries.id);
    expect(rows.filter((r) => r.state === 'test').map((r) => r.status)).toEqual(['failed', 'sent']);
    expect(good.ok).toBe(true);
    // E-mail without an SMTP server configured on the API: a clear error, not a 5xx.
    const mail = dataOf<{ ok: boolean; error: string }>(
      await f.api.post('alerts.testChannel', { id: f.email.id }, asManager()),
    );
    expect(mail).toEqual({ ok: false, error: 'e-mail is not configured: set SMTP_URL' });
  });

  it('stops at once during a back-off, making no further attempt', async () => {
    await f.api.post(
      'alerts.createRule',
      { kind: 'system_down', minutes: 1, siteIds: ['york'], systemIds: ['cas'], channelIds: [f.webhook.id] },
      asManager(),
    );
    await status('cas', 'york', 'down', T0 + 400 * MINUTE);
    f.receiver.answer(500);
    const clock = { now: T0 + 402 * MINUTE };
    const evaluator = evaluatorAt(clock, f.api.database.db, {
      delivery: { backoffMs: [3_600_000], timeoutMs: 5_000 },
    });
    const before = (await f.api.database.db.select().from(alertDeliveries).orderBy(alertDeliveries.id))
      .length;
    const { delivered } = await evaluator.runOnce();
    // The first attempt is logged before the back-off starts.
    for (;;) {
      const rows = await f.api.database.db.select().from(alertDeliveries).orderBy(alertDeliveries.id);
      if (rows.length > before) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await evaluator.stop();
    await delivered;
    const rows = (await f.api.database.db.select().from(alertDeliveries).orderBy(alertDeliveries.id)).slice(
      before,
    );
    expect(rows.map((r) => [r.attempt, r.status])).toEqual([[1, 'failed']]);
  });

  it('runs on its own once started, until stopped', async () => {
    await f.api.post(
      'alerts.createRule',
      {
        kind: 'system_down',
        minutes: 1,
        siteIds: ['hull'],
        systemIds: ['gp-booking'],
        channelIds: [f.webhook.id],
      },
      asManager(),
    );
    await status('gp-booking', 'hull', 'down', T0 + 500 * MINUTE);
    const clock = { now: T0 + 502 * MINUTE };
    const evaluator = evaluatorAt(clock, f.api.database.db, { everyMs: 20 });
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
});
