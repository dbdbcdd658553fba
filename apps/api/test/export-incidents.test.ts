import { INCIDENT_COLUMNS, type IncidentImpact } from '@switchboard/contracts';
import { testBackends } from '@switchboard/db/testing';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../src/services/incidents/actor.ts';
import { declareIncident } from '../src/services/incidents/declare.ts';
import { getIncidentImpact } from '../src/services/incidents/impact.ts';
import { enterTally } from '../src/services/incidents/tallies.ts';
import { updateIncident } from '../src/services/incidents/update.ts';
import { ingestCallEvents } from '../src/services/ingest/call-events.ts';
import { startTestApi, type TestApi } from './harness.ts';

const KEY = { id: 'test', feed: 'test', siteIds: ['*'] };
const M = 60_000;
const H = 60 * M;
const START = Date.parse('2026-11-10T09:00:00Z');
const HOSTILE_TITLE = '=HYPERLINK("http://x.example","click"), then +1';
const RANGE = 'from=2026-11-01T00:00:00Z&to=2026-11-27T00:00:00Z';

/** Calls every 2 minutes at leeds, york and hull from 2 h before to 4 h after START, slower during it. */
function calls() {
  const events = [];
  for (const siteId of ['leeds', 'york', 'hull'])
    for (let t = START - 2 * H; t < START + 4 * H; t += 2 * M) {
      const waitS = t >= START && t < START + 2 * H ? 70 + ((t / M) % 50) : 10 + ((t / M) % 20);
      const callId = `${siteId}-${t}`;
      events.push(
        { siteId, callId, kind: 'offered' as const, at: new Date(t).toISOString(), queue: 'q' },
        {
          siteId,
          callId,
          kind: (t / M) % 9 === 0 ? ('abandoned' as const) : ('answered' as const),
          at: new Date(t + waitS * 1000).toISOString(),
          waitMs: waitS * 1000,
          queue: 'q',
        },
      );
    }
  return events;
}

type Row = Record<string, string>;
const table = (text: string): Row[] => parse(text, { columns: true, bom: true }) as Row[];
const num = (v: string | undefined) => (v === '' || v === undefined ? null : Number(v));

describe.each(testBackends())('GET /export/incidents.csv on %s', (backend) => {
  let api: TestApi;
  let mainId: number;
  let impact: IncidentImpact;
  beforeAll(async () => {
    api = await startTestApi(backend);
    const db = api.database.db;
    await ingestCallEvents(db, KEY, calls());
    ({ id: mainId } = await declareIncident(db, ANONYMOUS, {
      type: 'critical',
      title: HOSTILE_TITLE,
      systemIds: ['cas'],
      siteIds: ['leeds', 'york'],
      startedAt: new Date(START).toISOString(),
    }));
    await updateIncident(db, ANONYMOUS, {
      id: mainId,
      stage: 'stood_down',
      at: new Date(START + 2 * H).toISOString(),
    });
    const hull = await declareIncident(db, ANONYMOUS, {
      type: 'business_continuity',
      title: '@SUM(A1:A9) at Hull',
      systemIds: ['gp-booking'],
      siteIds: ['hull'],
      startedAt: new Date(START + H).toISOString(),
    });
    await updateIncident(db, ANONYMOUS, {
      id: hull.id,
      stage: 'stood_down',
      at: new Date(START + 3 * H).toISOString(),
    });
    // Outside the range: not listed.
    const old = await declareIncident(db, ANONYMOUS, {
      type: 'major',
      title: 'October',
      systemIds: ['cas'],
      siteIds: ['leeds'],
      startedAt: '2026-10-01T09:00:00Z',
    });
    await updateIncident(db, ANONYMOUS, { id: old.id, stage: 'stood_down', at: '2026-10-01T10:00:00Z' });
    const hour = (h: number) => new Date(START + h * H).toISOString();
    const actor = { label: 'mo', sites: 'all' as const };
    await enterTally(db, actor, { siteId: 'leeds', hourStart: hour(0), measure: 'calls_handled', count: 30 });
    await enterTally(db, actor, { siteId: 'leeds', hourStart: hour(1), measure: 'calls_handled', count: 25 });
    await enterTally(db, actor, { siteId: 'leeds', hourStart: hour(1), measure: 'calls_handled', count: 27 });
    await enterTally(db, actor, { siteId: 'york', hourStart: hour(0), measure: 'passed_to_ed', count: 3 });
    impact = await getIncidentImpact(db, ANONYMOUS, { id: mainId });
  }, 120_000);
  afterAll(() => api?.stop());

  const get = (query: string, who: 'analyst' | 'viewer' | 'anonymous' | 'scopedViewer' = 'analyst') =>
    fetch(`${api.url}/export/incidents.csv?${query}`, { headers: api.as[who] });

  it('lists incidents in the range with the impact figures incidents.impact gives, and manual tallies apart', async () => {
    const response = await get(RANGE);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="switchboard-incidents-all-sites-2026-11-01-to-2026-11-26.csv"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark of the Excel profile
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).toContain('\r\n');
    const rows = table(text);
    expect(Object.keys(rows[0] ?? {})).toEqual(INCIDENT_COLUMNS.map((c) => c.name));
    // Newest start first: hull's, then the main one (all sites, leeds, york); October's is outside the range.
    expect(rows.map((r) => [r.incident_id, r.site_id])).toEqual([
      [String(mainId + 1), ''],
      [String(mainId), ''],
      [String(mainId), 'leeds'],
      [String(mainId), 'york'],
    ]);
    const [, all, leeds, york] = rows as [Row, Row, Row, Row];
    expect(all.reference).toMatch(/^SWB-2026-\d{4}$/);
    expect(all.affected_site_ids).toBe('leeds;york');
    expect(all.started_local).toBe('2026-11-10 09:00:00');
    expect(all.live).toBe('false');
    for (const [row, scope] of [
      [all, impact],
      [leeds, impact.sites.find((s) => s.siteId === 'leeds')],
      [york, impact.sites.find((s) => s.siteId === 'york')],
    ] as const) {
      expect(num(row.offered)).toBe(scope?.current.offered);
      expect(num(row.answered_within_60s_pct)).toBe(scope?.current.answeredWithin60sPct);
      expect(num(row.p95_answer_ms)).toBe(scope?.current.p95AnswerMs);
      expect(num(row.baseline_mean_answer_ms)).toBe(scope?.baseline.meanAnswerMs);
      expect(num(row.baseline_weeks)).toBe(scope?.baselineWeeks);
      expect(num(row.missing_weeks)).toBe(scope?.missingWeeks);
      expect(num(row.extra_over_60s)).toBe(scope?.extraOver60s);
      expect(num(row.extra_wait_hours)).toBe(scope?.extraWaitHours);
    }
    // No history before the incident: no baseline, said as empty cells and 4 missing weeks, never 0.
    expect(all.baseline_offered).toBe('');
    expect(all.missing_weeks).toBe('4');
    // Manual tallies: the correction replaces the hour (30 + 27), kept apart from the telephony counts.
    expect([all.manual_calls_handled, leeds.manual_calls_handled, york.manual_calls_handled]).toEqual([
      '57',
      '57',
      '',
    ]);
    expect([all.manual_passed_to_ed, york.manual_passed_to_ed, leeds.manual_passed_to_ed]).toEqual([
      '3',
      '3',
      '',
    ]);
  });

  it('neutralises formulas in text and reads back exactly (raw profile)', async () => {
    const bytes = new Uint8Array(await (await get(`${RANGE}&profile=raw`)).arrayBuffer());
    expect(bytes[0]).not.toBe(0xef);
    const text = new TextDecoder().decode(bytes);
    expect(text).not.toContain('\r\n');
    const rows = table(text);
    expect(rows[1]?.title).toBe(`'${HOSTILE_TITLE}`);
    expect(rows[0]?.title).toBe("'@SUM(A1:A9) at Hull");
    expect(rows[1]?.started_utc).toBe('2026-11-10T09:00:00Z');
    expect(rows[1]?.stood_down_utc).toBe('2026-11-10T11:00:00Z');
  });

  it('filters by site and scope, and refuses bad input and people without export', async () => {
    const hull = table(await (await get(`${RANGE}&siteIds=hull`)).text());
    expect(hull.map((r) => r.site_id)).toEqual(['']);
    expect(hull[0]?.affected_site_ids).toBe('hull');
    const york = table(await (await get(`${RANGE}&siteIds=york`)).text());
    expect(york.map((r) => [r.incident_id, r.affected_site_ids])).toEqual([[String(mainId), 'york']]);
    expect((await get(RANGE, 'viewer')).status).toBe(403);
    expect((await get(RANGE, 'anonymous')).status).toBe(401);
    const before = await api.counts();
    for (const [query, status, field] of [
      [`${RANGE}&siteIds=nowhere`, 422, 'nowhere'],
      [`${RANGE}&profile=xlsx`, 400, 'profile'],
      [`${RANGE}&status=open`, 400, 'status'],
      ['from=2026-11-27T00:00:00Z&to=2026-11-01T00:00:00Z', 400, 'to'],
      ['from=2020-01-01T00:00:00Z&to=2026-11-01T00:00:00Z', 400, 'to'],
    ] as const) {
      const response = await get(query);
      expect(response.status, query).toBe(status);
      const body = await response.text();
      expect(body, query).toContain(field);
      expect(body).not.toMatch(/select |stack|\.ts:/);
    }
    expect(await api.counts()).toEqual(before);
  });
});
