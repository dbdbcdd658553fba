import type { LiveChange } from '@switchboard/contracts';
import { testBackends } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.ts';
import { type Actor, ANONYMOUS } from '../src/services/incidents/actor.ts';
import { declareIncident } from '../src/services/incidents/declare.ts';
import { getIncidentImpact } from '../src/services/incidents/impact.ts';
import { currentOpel, opelHistory, setOpel } from '../src/services/incidents/opel.ts';
import { endPaperMode, listPaperPeriods, startPaperMode } from '../src/services/incidents/paper.ts';
import { getIncident, listIncidents } from '../src/services/incidents/read.ts';
import { getSuspectedOutages } from '../src/services/incidents/suspected.ts';
import { enterTally, listTallies } from '../src/services/incidents/tallies.ts';
import { updateIncident } from '../src/services/incidents/update.ts';
import { ingestSystemStatus } from '../src/services/ingest/system-status.ts';
import { dataOf, startTestApi, type TestApi } from './harness.ts';

const YORK_ONLY: Actor = { label: 'york-manager', sites: ['york'] };
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

async function expectDomainError(promise: Promise<unknown>, kind: DomainError['kind'], field: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).kind).toBe(kind);
  expect((error as DomainError).message).toMatch(new RegExp(`^${field}: `));
}

describe.each(testBackends())('incidents on %s', (backend) => {
  let api: TestApi;
  /** Incident writes are a manager's (the permission table). */
  const asManager = () => ({ key: null, headers: api.as.manager });
  const get = async (path: string, input?: unknown) => {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const response = await fetch(`${api.url}/trpc/${path}${query}`, { headers: api.as.viewer });
    return { status: response.status, body: (await response.json()) as Parameters<typeof dataOf>[0]['body'] };
  };
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(() => api?.stop());

  it('declares over HTTP with the interface scripts use, and tells live subscribers', async () => {
    const heard: LiveChange[] = [];
    const stop = api.live.subscribe((c) => heard.push(c));
    const reply = await api.post(
      'incidents.declare',
      {
        type: 'business_continuity',
        title: 'Adastra down at Leeds',
        systemIds: ['cas'],
        siteIds: ['leeds'],
        startedAt: ago(30),
      },
      asManager(),
    );
    expect(reply.status).toBe(200);
    const { id } = dataOf<{ id: number }>(reply);
    expect(id).toBeGreaterThan(0);
    const until = Date.now() + 5_000;
    while (!heard.some((c) => c.streams.includes('incidents')) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(heard.find((c) => c.streams.includes('incidents'))).toMatchObject({
      siteIds: ['leeds'],
      streams: ['incidents'],
    });

    const open = dataOf<{ id: number; stage: string; reference: string }[]>(
      await get('incidents.list', { status: 'open' }),
    );
    expect(open.map((i) => i.id)).toContain(id);
    expect(open.find((i) => i.id === id)?.reference).toMatch(/^SWB-\d{4}-\d{4}$/);
    const updated = await api.post(
      'incidents.update',
      {
        id,
        stage: 'active',
        note: 'Paper processes invoked',
      },
      asManager(),
    );
    expect(dataOf<{ stage: string }>(updated)).toEqual({ id, stage: 'active' });
    const impact = dataOf<{ window: { from: string; to: string }; live: boolean; sites: unknown[] }>(
      await get('incidents.impact', { id }),
    );
    expect(impact.live).toBe(true);
    expect(impact.sites).toHaveLength(1);
    const audit = await api.database.rows<{ action: string }>(
      sql`select action from audit_log where subject = ${`incident:${id}`} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['incident.declare', 'incident.update']);
  });

  it('refuses a stand-down before the start with a 400 naming the field, changing nothing', async () => {
    const { id } = dataOf<{ id: number }>(
      await api.post(
        'incidents.declare',
        {
          type: 'critical',
          title: 'GP booking down',
          systemIds: ['gp-booking'],
          siteIds: ['york'],
          startedAt: ago(60),
        },
        asManager(),
      ),
    );
    const before = await api.counts();
    const reply = await api.post('incidents.update', { id, stage: 'stood_down', at: ago(90) }, asManager());
    expect(reply.status).toBe(400);
    expect(reply.body.error?.message).toMatch(/^at: must not be before the incident started/);
    expect(JSON.stringify(reply.body)).not.toMatch(/select|insert|stack/i);
    expect(await api.counts()).toEqual(before);

    const skip = await api.post('incidents.update', { id, stage: 'closed' }, asManager());
    expect(skip.status).toBe(409);
    expect(skip.body.error?.message).toMatch(/^stage: cannot move from declared to closed/);
    expect(await api.counts()).toEqual(before);
  });

  it('refuses bad declarations with a 4xx naming each field', async () => {
    const before = await api.counts();
    const cases: [unknown, number, RegExp][] = [
      [
        { type: 'minor', title: 'x', systemIds: [], siteIds: ['leeds'], startedAt: ago(1) },
        400,
        /type: must be one of/,
      ],
      [
        { type: 'major', title: ' ', systemIds: [], siteIds: ['leeds'], startedAt: ago(1) },
        400,
        /title: must not be empty/,
      ],
      [
        { type: 'major', title: 'x', systemIds: [], siteIds: [], startedAt: ago(1) },
        400,
        /siteIds: must name at least one site/,
      ],
      [
        { type: 'major', title: 'x', systemIds: [], siteIds: ['leeds'], startedAt: ago(-60) },
        400,
        /startedAt: must not be more than 5 minutes in the future/,
      ],
      [
        { type: 'major', title: 'x', systemIds: [], siteIds: ['leeds'], startedAt: ago(1), eprrLevel: 5 },
        400,
        /eprrLevel: must be between 1 and 4/,
      ],
      [
        { type: 'major', title: 'x', systemIds: ['nope'], siteIds: ['leeds'], startedAt: ago(1) },
        422,
        /systemIds: unknown system/,
      ],
      [
        { type: 'major', title: 'x', systemIds: [], siteIds: ['leeds', 'mars'], startedAt: ago(1) },
        422,
        /siteIds: unknown site/,
      ],
    ];
    for (const [body, status, message] of cases) {
      const reply = await api.post('incidents.declare', body, asManager());
      expect(reply.status, JSON.stringify(body)).toBe(status);
      expect(reply.body.error?.message).toMatch(message);
    }
    const tally = await api.post(
      'incidents.tallies.enter',
      {
        siteId: 'leeds',
        hourStart: '2026-11-20T09:30:00Z',
        measure: 'calls_handled',
        count: 3,
      },
      asManager(),
    );
    expect(tally.body.error?.message).toMatch(/hourStart: must be on the hour/);
    expect((await get('incidents.impact', { id: 'x' })).status).toBe(400);
    expect((await get('incidents.impact', { id: 999_999 })).status).toBe(404);
    expect(await api.counts()).toEqual(before);
  });

  it('keeps reads and writes within the actor’s sites', async () => {
    const db = api.database.db;
    const { id } = await declareIncident(db, ANONYMOUS, {
      type: 'major',
      title: 'Leeds only',
      systemIds: [],
      siteIds: ['leeds'],
      startedAt: ago(10),
    });
    const both = await declareIncident(db, ANONYMOUS, {
      type: 'major',
      title: 'Leeds and York',
      systemIds: [],
      siteIds: ['leeds', 'york'],
      startedAt: ago(10),
    });
    const seen = await listIncidents(db, YORK_ONLY, { status: 'open' });
    expect(seen.map((i) => i.id)).not.toContain(id);
    expect(seen.find((i) => i.id === both.id)?.siteIds).toEqual(['york']);
    await expectDomainError(getIncident(db, YORK_ONLY, id), 'not_found', 'id');
    await expectDomainError(getIncidentImpact(db, YORK_ONLY, { id }), 'not_found', 'id');
    expect((await getIncidentImpact(db, YORK_ONLY, { id: both.id })).sites.map((s) => s.siteId)).toEqual([
      'york',
    ]);
    await expect(
      declareIncident(db, YORK_ONLY, {
        type: 'major',
        title: 'x',
        systemIds: [],
        siteIds: ['leeds'],
        startedAt: ago(1),
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    // Changing an incident needs every one of its sites.
    await expect(updateIncident(db, YORK_ONLY, { id: both.id, note: 'x' })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(startPaperMode(db, YORK_ONLY, { siteId: 'leeds', startedAt: ago(5) })).rejects.toMatchObject(
      {
        kind: 'forbidden',
      },
    );
    await setOpel(db, ANONYMOUS, { siteId: 'leeds', level: 3 });
    expect((await currentOpel(db, YORK_ONLY)).map((o) => o.siteId)).not.toContain('leeds');
  });

  it('keeps the timeline append-only through stages, notes and a reopening', async () => {
    const db = api.database.db;
    const startedAt = ago(120);
    const { id } = await declareIncident(db, ANONYMOUS, {
      type: 'business_continuity',
      title: 'Patient record down',
      systemIds: ['cas'],
      siteIds: ['hull'],
      startedAt,
    });
    await updateIncident(db, ANONYMOUS, { id, stage: 'active', at: ago(110) });
    const stoodDownAt = ago(60);
    await updateIncident(db, ANONYMOUS, { id, stage: 'stood_down', at: stoodDownAt });
    await expect(updateIncident(db, ANONYMOUS, { id, stage: 'monitoring' })).rejects.toMatchObject({
      kind: 'conflict',
    });
    await updateIncident(db, ANONYMOUS, { id, stage: 'active', note: 'Fault returned' });
    await updateIncident(db, ANONYMOUS, { id, eprrLevel: 2 });
    const incident = await getIncident(db, ANONYMOUS, id);
    expect(incident).toMatchObject({ stage: 'active', open: true, stoodDownAt: null, eprrLevel: 2 });
    expect(incident.window).toEqual({ from: new Date(startedAt).toISOString(), to: null });
    // In the order things happened: the milestones given in the past come before the declaration.
    expect(incident.timeline.map((e) => [e.kind, e.stage])).toEqual([
      ['stage', 'active'],
      ['stage', 'stood_down'],
      ['declared', 'declared'],
      ['stage', 'active'],
      ['note', null],
      ['edit', null],
    ]);
    // The stand-down before the reopening is still there, at the time it was given.
    expect(Date.parse(incident.timeline[1]?.at ?? '')).toBe(Date.parse(stoodDownAt));
  });

  it('suspects a system down for 5 minutes that no incident covers, with the declaration prefilled', async () => {
    const db = api.database.db;
    const key = { id: 'probe', feed: 'probes', siteIds: ['*'] };
    await ingestSystemStatus(
      db,
      key,
      [
        { systemId: 'gp-booking', siteId: 'hull', status: 'up', at: ago(30), source: 'probe' },
        { systemId: 'gp-booking', siteId: 'hull', status: 'down', at: ago(12), source: 'probe' },
        { systemId: 'gp-booking', siteId: 'hull', status: 'down', at: ago(1), source: 'probe' },
      ],
      { heartbeatTimeoutS: 90 },
    );
    const settings = { heartbeatTimeoutS: 90 };
    const suspected = await getSuspectedOutages(db, ANONYMOUS, undefined, settings);
    const hull = suspected.find((s) => s.systemId === 'gp-booking' && s.siteId === 'hull');
    expect(hull).toMatchObject({ status: 'down', minutes: 12 });
    expect(hull?.declaration).toMatchObject({
      systemIds: ['gp-booking'],
      siteIds: ['hull'],
      type: 'business_continuity',
      title: 'gp-booking down at HULL', // the site's name, not its id
    });
    expect(
      (await getSuspectedOutages(db, ANONYMOUS, { minMinutes: 15 }, settings)).some(
        (s) => s.siteId === 'hull' && s.systemId === 'gp-booking',
      ),
    ).toBe(false);
    expect(
      (await getSuspectedOutages(db, YORK_ONLY, undefined, settings)).some((s) => s.siteId === 'hull'),
    ).toBe(false);
    await declareIncident(db, ANONYMOUS, {
      ...(hull?.declaration as NonNullable<typeof hull>['declaration']),
    });
    expect(
      (await getSuspectedOutages(db, ANONYMOUS, undefined, settings)).some(
        (s) => s.siteId === 'hull' && s.systemId === 'gp-booking',
      ),
    ).toBe(false);
  });

  it('runs paper mode with manual tallies whose corrections are audited', async () => {
    const db = api.database.db;
    const period = await startPaperMode(db, ANONYMOUS, { siteId: 'york', startedAt: ago(180) });
    await expect(startPaperMode(db, ANONYMOUS, { siteId: 'york', startedAt: ago(10) })).rejects.toMatchObject(
      {
        kind: 'conflict',
      },
    );
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000).toISOString();
    expect(
      await enterTally(db, ANONYMOUS, {
        siteId: 'york',
        hourStart: hour,
        measure: 'calls_handled',
        count: 40,
      }),
    ).toMatchObject({ corrected: false });
    expect(
      await enterTally(db, ANONYMOUS, {
        siteId: 'york',
        hourStart: hour,
        measure: 'calls_handled',
        count: 42,
      }),
    ).toMatchObject({ corrected: true });
    await enterTally(db, ANONYMOUS, {
      siteId: 'york',
      hourStart: hour,
      measure: 'passed_to_ambulance',
      count: 3,
    });
    const tallies = await listTallies(db, ANONYMOUS, { from: ago(240), to: new Date().toISOString() });
    expect(tallies.map((t) => [t.measure, t.count, t.manual, t.corrected])).toEqual([
      ['calls_handled', 42, true, true],
      ['passed_to_ambulance', 3, true, false],
    ]);
    expect(
      await listTallies(db, YORK_ONLY, { siteIds: ['leeds'], from: ago(240), to: new Date().toISOString() }),
    ).toEqual([]);
    const corrections = await api.database.rows<{ detail: { previousCount: number; count: number } }>(
      sql`select detail from audit_log where action = 'tally.correct'`,
    );
    expect(corrections.map((c) => [c.detail.previousCount, c.detail.count])).toEqual([[40, 42]]);
    await expect(endPaperMode(db, ANONYMOUS, { id: period.id, endedAt: ago(200) })).rejects.toMatchObject({
      kind: 'invalid',
    });
    await endPaperMode(db, ANONYMOUS, { id: period.id, endedAt: ago(1) });
    expect(await listPaperPeriods(db, ANONYMOUS, { siteIds: ['york'], openOnly: true })).toEqual([]);
  });

  it('keeps OPEL as history with who set it', async () => {
    const db = api.database.db;
    await setOpel(db, { label: 'shift-lead', sites: 'all' }, { siteId: 'hull', level: 2 });
    await setOpel(
      db,
      { label: 'shift-lead', sites: 'all' },
      { siteId: 'hull', level: 4, note: 'Paper since 09:00' },
    );
    expect((await currentOpel(db, ANONYMOUS)).find((o) => o.siteId === 'hull')).toMatchObject({
      level: 4,
      setBy: 'shift-lead',
    });
    expect((await opelHistory(db, ANONYMOUS, { siteId: 'hull' })).map((o) => o.level)).toEqual([4, 2]);
    const reply = await api.post('incidents.opel.set', { siteId: 'hull', level: 5 }, asManager());
    expect(reply.status).toBe(400);
    expect(reply.body.error?.message).toMatch(/^level: must be between 1 and 4/);
  });
});
