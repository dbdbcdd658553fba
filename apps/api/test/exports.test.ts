import {
  type CallEvent,
  callsExportInput,
  INTERVAL_FIELDS,
  intervalsExportInput,
  iucAdcExportInput,
  type QueueSnapshot,
  SERIES_INTERVALS,
  type SeriesPoint,
  snakeCase,
} from '@switchboard/contracts';
import { sites } from '@switchboard/db';
import { createTestDb, type TestDatabase, testBackends } from '@switchboard/db/testing';
import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.ts';
import { callsExport } from '../src/export/calls.ts';
import { intervalsExport } from '../src/export/intervals.ts';
import { iucAdcExport } from '../src/export/iuc-adc.ts';
import type { ExportScope } from '../src/export/scope.ts';
import { csvResponse, type ExportPlan } from '../src/export/stream.ts';
import { ingestCallEvents } from '../src/services/ingest/call-events.ts';
import { ingestQueueSnapshots } from '../src/services/ingest/queue-snapshots.ts';
import { getSeries } from '../src/services/queries/series.ts';
import { addSite } from '../src/services/sites.ts';

const KEY = { id: 'test', feed: 'test', siteIds: ['*'] };
const ADMIN: ExportScope = { sites: 'all', role: 'admin' };
const T = (s: string) => Date.parse(s);
const iso = (ms: number) => new Date(ms).toISOString();
/** Both clock-change days of 2026 (29 March: 23 hours; 25 October: 25 hours), from the evening before. */
const ANCHORS = [T('2026-03-28T20:00:00Z'), T('2026-10-24T20:00:00Z')];
const WINDOW_MS = 12 * 3_600_000;
const FORMULA_NAME = '=HYPERLINK("http://x","click"), "quoted"\nnext line';

/** Deterministic calls (about one every 3 minutes per site) over both windows; hull has none. */
function history(): { events: CallEvent[]; snapshots: QueueSnapshot[] } {
  const events: CallEvent[] = [];
  const snapshots: QueueSnapshot[] = [];
  for (const anchor of ANCHORS) {
    for (const [s, siteId] of ['leeds', 'york'].entries()) {
      for (let i = 0; i < 240; i++) {
        const offered = anchor + ((i * 7_919 + s * 1_301) % 240) * 180_000 + ((i * 104_729) % 170_000);
        const waitMs = (i * 37_397 + s * 7_001) % 150_000;
        const outcome = i % 9 === 0 ? 'abandoned' : 'answered';
        const callId = `${anchor}-${i}`;
        events.push({ siteId, callId, kind: 'offered', at: iso(offered) });
        events.push({ siteId, callId, kind: outcome, at: iso(offered + waitMs), waitMs });
      }
    }
    // Leeds reports its queue every minute of the first two hours: those buckets are complete.
    for (let m = 0; m < 120; m++) {
      snapshots.push({
        siteId: 'leeds',
        queue: 'main',
        at: iso(anchor + m * 60_000 + 5_000),
        callsWaiting: m % 7,
        longestWaitMs: (m % 7) * 9_000,
        agentsAvailable: 3 + (m % 4),
        agentsOnCall: 10,
        agentsWrapUp: 1,
      });
    }
  }
  return { events, snapshots };
}

/** What the raw profile writes for an instant in October 2026 (BST until 25 October 01:00 UTC). */
function londonIso(ms: number): string {
  const summer = ms < T('2026-10-25T01:00:00Z');
  const wall = new Date(ms + (summer ? 3_600_000 : 0)).toISOString();
  return `${wall.slice(0, 19)}${ms % 1000 ? wall.slice(19, 23) : ''}${summer ? '+01:00' : '+00:00'}`;
}

async function csvOf(plan: ExportPlan, profile: 'excel' | 'raw' = 'raw'): Promise<string> {
  // Response.text() drops a byte-order mark; decode the bytes as they are.
  const bytes = await (await csvResponse(plan, profile)).arrayBuffer();
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}
const rowsOfCsv = (text: string): Record<string, string>[] =>
  parse(text, { columns: true, bom: true, skip_empty_lines: false });

describe.each(testBackends())('CSV exports on %s', (backend) => {
  let database: TestDatabase;
  let events: CallEvent[];
  beforeAll(async () => {
    database = await createTestDb(backend);
    for (const id of ['leeds', 'york', 'hull'])
      await addSite(database.db, { id, name: id.toUpperCase(), actor: 't' });
    await database.db
      .update(sites)
      .set({ name: FORMULA_NAME, orgCode: 'NLO01', region: 'North East and Yorkshire', regionCode: 'Y63' })
      .where(eq(sites.id, 'york'));
    const data = history();
    events = data.events;
    for (let i = 0; i < events.length; i += 2_000)
      await ingestCallEvents(database.db, KEY, events.slice(i, i + 2_000));
    await ingestQueueSnapshots(database.db, KEY, data.snapshots);
  });
  afterAll(() => database?.destroy());

  it('writes every number of metrics.series, for random ranges, intervals and sites over both clock changes', async () => {
    const maxMinutes = { '1m': 180, '5m': 720, '15m': 1_440, '1h': 2_880, '1d': 7_200 } as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ANCHORS),
        fc.constantFrom(...SERIES_INTERVALS),
        fc.integer({ min: 0, max: WINDOW_MS - 1 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.subarray(['leeds', 'york', 'hull']),
        fc.boolean(),
        async (anchor, interval, offset, share, siteIds, bySite) => {
          const from = anchor + offset;
          const to = from + Math.max(60_000, Math.round(share * maxMinutes[interval] * 60_000));
          const input = intervalsExportInput.parse({
            from: iso(from),
            to: iso(to),
            interval,
            siteIds: siteIds.join(','),
            bySite: bySite ? '1' : '0',
            profile: 'raw',
          });
          const rows = rowsOfCsv(await csvOf(await intervalsExport(database.db, input, ADMIN)));
          const expected: { siteId?: string; point: Partial<SeriesPoint> }[] = [];
          if (bySite) {
            const each = siteIds.length > 0 ? [...siteIds].sort() : ['hull', 'leeds', 'york'];
            const series = await Promise.all(
              each.map((id) =>
                getSeries(database.db, { from: iso(from), to: iso(to), interval, siteIds: [id] }),
              ),
            );
            series[0]?.points.forEach((_, i) => {
              each.forEach((siteId, s) => {
                expected.push({ siteId, point: series[s]?.points[i] ?? {} });
              });
            });
          } else {
            const series = await getSeries(database.db, { from: iso(from), to: iso(to), interval, siteIds });
            for (const point of series.points) expected.push({ point });
          }
          expect(rows.length).toBe(expected.length);
          rows.forEach((row, i) => {
            const { siteId, point } = expected[i] ?? { point: {} as Partial<SeriesPoint> };
            expect(T(row.period_start_utc ?? '')).toBe(T(String(point.start)));
            if (siteId) expect(row.site_id).toBe(siteId);
            for (const field of INTERVAL_FIELDS) {
              const cell = row[snakeCase(field)];
              const value = point[field];
              expect(cell === '' ? null : Number(cell), `${row.period_start_utc} ${field}`).toBe(value);
            }
          });
        },
      ),
      { numRuns: backend === 'pglite' ? 25 : 15 },
    );
  });

  it('labels London days of 23 and 25 hours, with local start and offset, in both profiles', async () => {
    const input = (profile: string) =>
      intervalsExportInput.parse({
        from: '2026-10-24T00:00:00+01:00',
        to: '2026-10-27T00:00:00Z',
        interval: '1d',
        siteIds: 'leeds',
        profile,
      });
    const excel = await csvOf(await intervalsExport(database.db, input('excel'), ADMIN), 'excel');
    expect(excel.startsWith('\uFEFFperiod_start_utc,period_start_local,utc_offset,offered,')).toBe(true);
    expect(excel.split('\r\n').length).toBe(5); // header, three days, and the final CRLF
    const rows = rowsOfCsv(excel);
    expect(rows.map((r) => [r.period_start_utc, r.period_start_local, r.utc_offset])).toEqual([
      ['2026-10-23 23:00:00', '2026-10-24 00:00:00', '+01:00'],
      ['2026-10-24 23:00:00', '2026-10-25 00:00:00', '+01:00'],
      ['2026-10-26 00:00:00', '2026-10-26 00:00:00', '+00:00'],
    ]);
    const raw = await csvOf(await intervalsExport(database.db, input('raw'), ADMIN), 'raw');
    expect(raw.charCodeAt(0)).not.toBe(0xfeff);
    expect(raw.includes('\r')).toBe(false);
    expect(rowsOfCsv(raw).map((r) => [r.period_start_utc, r.period_start_local])).toEqual([
      ['2026-10-23T23:00:00Z', '2026-10-24T00:00:00+01:00'],
      ['2026-10-24T23:00:00Z', '2026-10-25T00:00:00+01:00'],
      ['2026-10-26T00:00:00Z', '2026-10-26T00:00:00+00:00'],
    ]);
    const spring = rowsOfCsv(
      await csvOf(
        await intervalsExport(
          database.db,
          intervalsExportInput.parse({
            from: '2026-03-29T00:00:00Z',
            to: '2026-03-30T00:00:00+01:00',
            interval: '1d',
            siteIds: 'leeds',
          }),
          ADMIN,
        ),
        'excel',
      ),
    );
    expect(spring.map((r) => r.period_start_local)).toEqual(['2026-03-29 00:00:00']);
  });

  it('leaves a bucket without data empty (never 0) and says whether every minute had data', async () => {
    const anchor = ANCHORS[0] ?? 0;
    const input = intervalsExportInput.parse({
      from: iso(anchor - 3_600_000),
      to: iso(anchor + 3 * 3_600_000),
      interval: '1h',
      siteIds: 'leeds',
    });
    const rows = rowsOfCsv(await csvOf(await intervalsExport(database.db, input, ADMIN)));
    expect(rows.map((r) => r.data_complete)).toEqual(['false', 'true', 'true', 'false']);
    expect(rows[0]?.offered).toBe('');
    expect(rows[0]?.answered_within_60s_pct).toBe('');
    expect(Number(rows[1]?.offered)).toBeGreaterThan(0);
    // All sites together are complete only when every site reported every minute.
    const all = rowsOfCsv(await csvOf(await intervalsExport(database.db, { ...input, siteIds: [] }, ADMIN)));
    expect(all.map((r) => r.data_complete)).toEqual(['false', 'false', 'false', 'false']);
  });

  it('parses the calls export back to the stored events, and neutralises formula text only', async () => {
    const from = ANCHORS[1] ?? 0;
    const input = callsExportInput.parse({
      from: iso(from),
      to: iso(from + WINDOW_MS),
      siteIds: 'york,leeds',
    });
    const rows = rowsOfCsv(await csvOf(await callsExport(database.db, input, ADMIN)));
    const expected = events.filter((e) => T(e.at) >= from && T(e.at) < from + WINDOW_MS);
    expect(rows.length).toBe(expected.length);
    // Each site's events come in time order, leeds before york.
    expect(rows.map((r) => r.site_id)).toEqual(rows.map((r) => r.site_id).sort());
    rows.forEach((r, i) => {
      const before = rows[i - 1];
      if (before?.site_id === r.site_id)
        expect(T(r.at_utc ?? '')).toBeGreaterThanOrEqual(T(before?.at_utc ?? ''));
    });
    const key = (e: { site: string; call: string; kind: string }) => `${e.site}|${e.call}|${e.kind}`;
    const byKey = (a: { site: string; call: string; kind: string }, b: typeof a) =>
      key(a) < key(b) ? -1 : 1;
    expect(
      rows
        .map((r) => ({
          site: r.site_id ?? '',
          call: r.call_id ?? '',
          kind: r.kind ?? '',
          at: T(r.at_utc ?? ''),
          local: r.at_local,
          wait: r.wait_ms,
        }))
        .sort(byKey),
    ).toEqual(
      expected
        .map((e) => ({
          site: e.siteId,
          call: e.callId,
          kind: e.kind,
          at: T(e.at),
          local: londonIso(T(e.at)),
          wait: e.waitMs === undefined ? '' : String(e.waitMs),
        }))
        .sort(byKey),
    );

    const iuc = rowsOfCsv(
      await csvOf(
        await iucAdcExport(
          database.db,
          iucAdcExportInput.parse({
            from: '2026-10-01T00:00:00+01:00',
            to: '2026-11-01T00:00:00Z',
            siteIds: 'york',
          }),
          ADMIN,
        ),
      ),
    );
    expect(iuc.every((r) => r.ORG_NAME === `'${FORMULA_NAME}`)).toBe(true);
    expect(iuc.every((r) => r.ORG_CODE === 'NLO01' && r.REGION_CODE === 'Y63')).toBe(true);
    expect(new Set(iuc.map((r) => r.REPORTING_PERIOD))).toEqual(new Set(['IUCADC-MONTHLY-OCT-2026']));
  });

  it('computes the IUC ADC items per London month from the day rollups, empty where nothing arrived', async () => {
    const input = iucAdcExportInput.parse({
      from: '2026-03-01T00:00:00Z',
      to: '2026-04-30T00:00:00+01:00',
      siteIds: 'leeds,hull',
      period: 'month',
    });
    const rows = rowsOfCsv(await csvOf(await iucAdcExport(database.db, input, ADMIN), 'excel'));
    const value = (site: string, period: string, item: string) =>
      rows.find((r) => r.SITE_ID === site && r.REPORTING_PERIOD === period && r.ITEM_NUMBER === item)?.VALUE;
    const march = events.filter((e) => e.siteId === 'leeds' && e.at.startsWith('2026-03'));
    const answered = march.filter((e) => e.kind === 'answered');
    expect(value('leeds', 'IUCADC-MONTHLY-MAR-2026', 'A01')).toBe(
      String(march.filter((e) => e.kind === 'offered').length),
    );
    expect(value('leeds', 'IUCADC-MONTHLY-MAR-2026', 'A03')).toBe(String(answered.length));
    expect(Number(value('leeds', 'IUCADC-MONTHLY-MAR-2026', 'B06'))).toBeCloseTo(
      answered.reduce((sum, e) => sum + (e.waitMs ?? 0), 0) / 1000,
      6,
    );
    // B02 and its split at 30 and 60 s, counted by hand from the raw waits.
    const abandonedWaits = march.filter((e) => e.kind === 'abandoned').map((e) => e.waitMs ?? 0);
    expect(value('leeds', 'IUCADC-MONTHLY-MAR-2026', 'B02')).toBe(String(abandonedWaits.length));
    expect(value('leeds', 'IUCADC-MONTHLY-MAR-2026', 'B03')).toBe(
      String(abandonedWaits.filter((w) => w <= 30_000).length),
    );
    expect(value('leeds', 'IUCADC-MONTHLY-MAR-2026', 'B04')).toBe(
      String(abandonedWaits.filter((w) => w > 30_000 && w <= 60_000).length),
    );
    expect(value('leeds', 'IUCADC-MONTHLY-MAR-2026', 'B05')).toBe(
      String(abandonedWaits.filter((w) => w > 60_000).length),
    );
    expect(
      rows
        .filter((r) => r.REPORTING_PERIOD === 'IUCADC-MONTHLY-MAR-2026' && r.SITE_ID === 'leeds')
        .map((r) => r.ITEM_NUMBER),
    ).toEqual(['A01', 'A03', 'B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07']);
    expect(value('leeds', 'IUCADC-MONTHLY-APR-2026', 'A01')).toBe('');
    expect(value('leeds', 'IUCADC-MONTHLY-APR-2026', 'B05')).toBe('');
    expect(value('hull', 'IUCADC-MONTHLY-MAR-2026', 'A01')).toBe('');
    expect(rows.filter((r) => r.SITE_ID === 'hull').every((r) => r.DATA_COMPLETE === 'false')).toBe(true);
    expect(rows.find((r) => r.REPORTING_PERIOD === 'IUCADC-MONTHLY-APR-2026')?.PERIOD_START_LOCAL).toBe(
      '2026-04-01 00:00:00',
    );
  });

  it('splits the abandoned calls of a London day at exactly 30 and 60 s into B03, B04 and B05', async () => {
    // 12 May 2026 (no other test reads it): abandoned calls with waits on and beside both edges.
    const waits = [0, 29_999, 30_000, 30_001, 45_000, 59_999, 60_000, 60_001, 61_000, 700_000];
    const offered = T('2026-05-12T08:00:00Z');
    const calls = waits.flatMap((waitMs, i): CallEvent[] => [
      { siteId: 'leeds', callId: `edge-${i}`, kind: 'offered', at: iso(offered + i * 60_000) },
      {
        siteId: 'leeds',
        callId: `edge-${i}`,
        kind: 'abandoned',
        at: iso(offered + i * 60_000 + waitMs),
        waitMs,
      },
    ]);
    await ingestCallEvents(database.db, KEY, calls);
    const input = iucAdcExportInput.parse({
      from: '2026-05-12T00:00:00+01:00',
      to: '2026-05-13T00:00:00+01:00',
      siteIds: 'leeds',
      period: 'day',
    });
    const rows = rowsOfCsv(await csvOf(await iucAdcExport(database.db, input, ADMIN)));
    const items = Object.fromEntries(rows.map((r) => [r.ITEM_NUMBER, r.VALUE]));
    expect(items).toMatchObject({ A01: '10', B02: '10', B03: '3', B04: '4', B05: '3' });
  });

  it('leaves B04 and B05 empty for periods before the rollups kept the 60 s split (pruned before it was added)', async () => {
    // As migration 0017 records it on a database whose raw events had been pruned before 1 April 2026.
    await database.rows(sql`insert into retention_marks (name, before)
      values ('abandoned_after_60s', timestamptz '2026-04-01T00:00:00+01:00')`);
    try {
      const input = iucAdcExportInput.parse({
        from: '2026-03-01T00:00:00Z',
        to: '2026-06-01T00:00:00+01:00',
        siteIds: 'leeds',
        period: 'month',
      });
      const rows = rowsOfCsv(await csvOf(await iucAdcExport(database.db, input, ADMIN)));
      const value = (period: string, item: string) =>
        rows.find((r) => r.REPORTING_PERIOD === period && r.ITEM_NUMBER === item)?.VALUE;
      expect(value('IUCADC-MONTHLY-MAR-2026', 'B02')).not.toBe('');
      expect(value('IUCADC-MONTHLY-MAR-2026', 'B03')).not.toBe('');
      expect(value('IUCADC-MONTHLY-MAR-2026', 'B04')).toBe('');
      expect(value('IUCADC-MONTHLY-MAR-2026', 'B05')).toBe('');
      // May (the edge calls of the test above) is after the mark: its split is known.
      expect(value('IUCADC-MONTHLY-MAY-2026', 'B04')).toBe('4');
      expect(value('IUCADC-MONTHLY-MAY-2026', 'B05')).toBe('3');
    } finally {
      await database.rows(sql`delete from retention_marks where name = 'abandoned_after_60s'`);
    }
  });

  it('pages through events that share an instant without losing or repeating one', async () => {
    // 25,000 events on 2,500 instants (ten calls each): pages of 10,000 end in the middle of ties.
    await database.rows(sql`insert into call_events (site_id, call_id, kind, at, queue)
      select 'hull', 't' || (g % 10) || '-' || (g / 10), 'offered', timestamptz '2025-01-01T00:00:00Z' + (g / 10) * interval '1 second', 'main'
      from generate_series(0, 24999) g`);
    const input = callsExportInput.parse({
      from: '2025-01-01T00:00:00Z',
      to: '2025-01-02T00:00:00Z',
      siteIds: 'hull',
    });
    const rows = rowsOfCsv(await csvOf(await callsExport(database.db, input, ADMIN)));
    expect(rows.length).toBe(25_000);
    expect(new Set(rows.map((r) => r.call_id)).size).toBe(25_000);
    expect(rows.every((r, i) => i === 0 || (rows[i - 1]?.at_utc ?? '') <= (r.at_utc ?? ''))).toBe(true);
  });

  it('refuses sites outside the scope (naming them) and the calls export below analyst', async () => {
    const leedsViewer: ExportScope = { sites: ['leeds'], role: 'viewer' };
    const range = { from: iso(ANCHORS[0] ?? 0), to: iso((ANCHORS[0] ?? 0) + 3_600_000) };
    await expect(
      intervalsExport(
        database.db,
        intervalsExportInput.parse({ ...range, interval: '1h', siteIds: 'leeds,york' }),
        leedsViewer,
      ),
    ).rejects.toThrow(new DomainError('forbidden', 'siteIds: site "york" is outside your scope'));
    await expect(
      callsExport(database.db, callsExportInput.parse({ ...range, siteIds: 'leeds' }), leedsViewer),
    ).rejects.toThrow(/analyst role/);
    // No sites named: every site in scope, and only those.
    const calls = rowsOfCsv(
      await csvOf(
        await callsExport(database.db, callsExportInput.parse(range), { sites: ['leeds'], role: 'analyst' }),
      ),
    );
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls.map((r) => r.site_id))).toEqual(new Set(['leeds']));
    const bySite = rowsOfCsv(
      await csvOf(
        await intervalsExport(
          database.db,
          intervalsExportInput.parse({ ...range, interval: '1h', bySite: '1' }),
          leedsViewer,
        ),
      ),
    );
    expect(bySite.map((r) => r.site_id)).toEqual(['leeds']);
    const named = await intervalsExport(
      database.db,
      intervalsExportInput.parse({ ...range, interval: '1h' }),
      leedsViewer,
    );
    expect(named.fileName).toBe('switchboard-intervals-leeds-2026-03-28-to-2026-03-28-1h.csv');
  });
});
