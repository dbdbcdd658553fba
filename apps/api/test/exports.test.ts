import {
  callsExportInput,
  INTERVAL_FIELDS,
  intervalsExportInput,
  iucAdcExportInput,
  SERIES_INTERVALS,
  type SeriesPoint,
  snakeCase,
} from '@switchboard/contracts';
import { testBackends } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.ts';
import { callsExport } from '../src/export/calls.ts';
import { intervalsExport } from '../src/export/intervals.ts';
import { iucAdcExport } from '../src/export/iuc-adc.ts';
import type { ExportScope } from '../src/export/scope.ts';
import { getSeries } from '../src/services/queries/series.ts';
import {
  ADMIN,
  ANCHORS,
  csvOf,
  exportFixture,
  FORMULA_NAME,
  iso,
  londonIso,
  rowsOfCsv,
  T,
  WINDOW_MS,
} from './export-fixture.ts';

describe.each(testBackends())('CSV exports on %s', (backend) => {
  const fx = exportFixture(backend);

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
          const rows = rowsOfCsv(await csvOf(await intervalsExport(fx.database.db, input, ADMIN)));
          const expected: { siteId?: string; point: Partial<SeriesPoint> }[] = [];
          if (bySite) {
            const each = siteIds.length > 0 ? [...siteIds].sort() : ['hull', 'leeds', 'york'];
            const series = await Promise.all(
              each.map((id) =>
                getSeries(fx.database.db, { from: iso(from), to: iso(to), interval, siteIds: [id] }),
              ),
            );
            series[0]?.points.forEach((_, i) => {
              each.forEach((siteId, s) => {
                expected.push({ siteId, point: series[s]?.points[i] ?? {} });
              });
            });
          } else {
            const series = await getSeries(fx.database.db, {
              from: iso(from),
              to: iso(to),
              interval,
              siteIds,
            });
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
    const excel = await csvOf(await intervalsExport(fx.database.db, input('excel'), ADMIN), 'excel');
    expect(excel.startsWith('\uFEFFperiod_start_utc,period_start_local,utc_offset,offered,')).toBe(true);
    expect(excel.split('\r\n').length).toBe(5); // header, three days, and the final CRLF
    const rows = rowsOfCsv(excel);
    expect(rows.map((r) => [r.period_start_utc, r.period_start_local, r.utc_offset])).toEqual([
      ['2026-10-23 23:00:00', '2026-10-24 00:00:00', '+01:00'],
      ['2026-10-24 23:00:00', '2026-10-25 00:00:00', '+01:00'],
      ['2026-10-26 00:00:00', '2026-10-26 00:00:00', '+00:00'],
    ]);
    const raw = await csvOf(await intervalsExport(fx.database.db, input('raw'), ADMIN), 'raw');
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
          fx.database.db,
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
    const rows = rowsOfCsv(await csvOf(await intervalsExport(fx.database.db, input, ADMIN)));
    expect(rows.map((r) => r.data_complete)).toEqual(['false', 'true', 'true', 'false']);
    expect(rows[0]?.offered).toBe('');
    expect(rows[0]?.answered_within_60s_pct).toBe('');
    expect(Number(rows[1]?.offered)).toBeGreaterThan(0);
    // All sites together are complete only when every site reported every minute.
    const all = rowsOfCsv(
      await csvOf(await intervalsExport(fx.database.db, { ...input, siteIds: [] }, ADMIN)),
    );
    expect(all.map((r) => r.data_complete)).toEqual(['false', 'false', 'false', 'false']);
  });

  it('parses the calls export back to the stored events, and neutralises formula text only', async () => {
    const from = ANCHORS[1] ?? 0;
    const input = callsExportInput.parse({
      from: iso(from),
      to: iso(from + WINDOW_MS),
      siteIds: 'york,leeds',
    });
    const rows = rowsOfCsv(await csvOf(await callsExport(fx.database.db, input, ADMIN)));
    const expected = fx.events.filter((e) => T(e.at) >= from && T(e.at) < from + WINDOW_MS);
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
          fx.database.db,
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

  it('pages through events that share an instant without losing or repeating one', async () => {
    // 25,000 events on 2,500 instants (ten calls each): pages of 10,000 end in the middle of ties.
    await fx.database.rows(sql`insert into call_events (site_id, call_id, kind, at, queue)
      select 'hull', 't' || (g % 10) || '-' || (g / 10), 'offered', timestamptz '2025-01-01T00:00:00Z' + (g / 10) * interval '1 second', 'main'
      from generate_series(0, 24999) g`);
    const input = callsExportInput.parse({
      from: '2025-01-01T00:00:00Z',
      to: '2025-01-02T00:00:00Z',
      siteIds: 'hull',
    });
    const rows = rowsOfCsv(await csvOf(await callsExport(fx.database.db, input, ADMIN)));
    expect(rows.length).toBe(25_000);
    expect(new Set(rows.map((r) => r.call_id)).size).toBe(25_000);
    expect(rows.every((r, i) => i === 0 || (rows[i - 1]?.at_utc ?? '') <= (r.at_utc ?? ''))).toBe(true);
  });

  it('refuses sites outside the scope (naming them) and the calls export below analyst', async () => {
    const leedsViewer: ExportScope = { sites: ['leeds'], role: 'viewer' };
    const range = { from: iso(ANCHORS[0] ?? 0), to: iso((ANCHORS[0] ?? 0) + 3_600_000) };
    await expect(
      intervalsExport(
        fx.database.db,
        intervalsExportInput.parse({ ...range, interval: '1h', siteIds: 'leeds,york' }),
        leedsViewer,
      ),
    ).rejects.toThrow(new DomainError('forbidden', 'siteIds: site "york" is outside your scope'));
    await expect(
      callsExport(fx.database.db, callsExportInput.parse({ ...range, siteIds: 'leeds' }), leedsViewer),
    ).rejects.toThrow(/analyst role/);
    // No sites named: every site in scope, and only those.
    const calls = rowsOfCsv(
      await csvOf(
        await callsExport(fx.database.db, callsExportInput.parse(range), {
          sites: ['leeds'],
          role: 'analyst',
        }),
      ),
    );
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls.map((r) => r.site_id))).toEqual(new Set(['leeds']));
    const bySite = rowsOfCsv(
      await csvOf(
        await intervalsExport(
          fx.database.db,
          intervalsExportInput.parse({ ...range, interval: '1h', bySite: '1' }),
          leedsViewer,
        ),
      ),
    );
    expect(bySite.map((r) => r.site_id)).toEqual(['leeds']);
    const named = await intervalsExport(
      fx.database.db,
      intervalsExportInput.parse({ ...range, interval: '1h' }),
      leedsViewer,
    );
    expect(named.fileName).toBe('switchboard-intervals-leeds-2026-03-28-to-2026-03-28-1h.csv');
  });
});
