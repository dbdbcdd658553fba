import { testBackends } from '@switchboard/db/testing';
import { describe, expect, it } from 'vitest';
import { iso, MINUTE, T0, useAlertsFixture } from './alerts-fixture.ts';
import { dataOf } from './harness.ts';

describe.each(testBackends())('alert conditions on %s', (backend) => {
  const { f, asManager, evaluatorAt, run, hooks } = useAlertsFixture(backend);

  it('sends incident declarations and stand-downs once', async () => {
    await f.api.post(
      'alerts.createRule',
      { kind: 'incident', siteIds: ['leeds'], channelIds: [f.webhook.id] },
      asManager(),
    );
    const before = hooks('/hook').length;
    const declared = dataOf<{ id: number }>(
      await f.api.post(
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
    await f.api.post('incidents.update', { id: declared.id, stage: 'stood_down', note: 'back' }, asManager());
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
    await f.api.post(
      'alerts.createRule',
      {
        kind: 'off_target',
        minutes: 10,
        siteIds: ['york'],
        measure: 'answeredWithin60sPct',
        threshold: 80,
        channelIds: [f.webhook.id],
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
    expect((await f.api.post('ingest.callEvents', { events: slow }, { key: f.api.keys.all })).status).toBe(
      200,
    );
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
    await f.api.post('ingest.callEvents', { events: fast }, { key: f.api.keys.all });
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
    await f.api.post(
      'alerts.createRule',
      { kind: 'feed_stale', minutes: 5, siteIds: ['hull'], channelIds: [f.webhook.id] },
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
    expect((await f.api.post('ingest.queueSnapshots', snapshot(base))).status).toBe(200);
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
    await f.api.post('ingest.queueSnapshots', snapshot(base + 8 * MINUTE));
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
    const refused = await f.api.post(
      'alerts.createRule',
      { kind: 'opel', threshold: 5, channelIds: [f.webhook.id] },
      asManager(),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/^threshold: is an OPEL level/);
    await f.api.post(
      'alerts.createRule',
      { kind: 'opel', siteIds: ['york'], channelIds: [f.webhook.id] },
      asManager(),
    );
    const before = hooks('/hook').length;
    const clock = { now: Date.now() };
    const evaluator = evaluatorAt(clock);
    const opel = (level: number) => f.api.post('incidents.opel.set', { siteId: 'york', level }, asManager());
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
});
