// The IUC ADC return (export/iuc-adc.ts) over the export fixture.
import { type CallEvent, iucAdcExportInput } from '@switchboard/contracts';
import { testBackends } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { iucAdcExport } from '../src/export/iuc-adc.ts';
import { ingestCallEvents } from '../src/services/ingest/call-events.ts';
import { ADMIN, csvOf, exportFixture, iso, KEY, rowsOfCsv, T } from './export-fixture.ts';

describe.each(testBackends())('IUC ADC export on %s', (backend) => {
  const fx = exportFixture(backend);

  it('computes the IUC ADC items per London month from the day rollups, empty where nothing arrived', async () => {
    const input = iucAdcExportInput.parse({
      from: '2026-03-01T00:00:00Z',
      to: '2026-04-30T00:00:00+01:00',
      siteIds: 'leeds,hull',
      period: 'month',
    });
    const rows = rowsOfCsv(await csvOf(await iucAdcExport(fx.database.db, input, ADMIN), 'excel'));
    const value = (site: string, period: string, item: string) =>
      rows.find((r) => r.SITE_ID === site && r.REPORTING_PERIOD === period && r.ITEM_NUMBER === item)?.VALUE;
    const march = fx.events.filter((e) => e.siteId === 'leeds' && e.at.startsWith('2026-03'));
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
    await ingestCallEvents(fx.database.db, KEY, calls);
    const input = iucAdcExportInput.parse({
      from: '2026-05-12T00:00:00+01:00',
      to: '2026-05-13T00:00:00+01:00',
      siteIds: 'leeds',
      period: 'day',
    });
    const rows = rowsOfCsv(await csvOf(await iucAdcExport(fx.database.db, input, ADMIN)));
    const items = Object.fromEntries(rows.map((r) => [r.ITEM_NUMBER, r.VALUE]));
    expect(items).toMatchObject({ A01: '10', B02: '10', B03: '3', B04: '4', B05: '3' });
  });

  it('leaves B04 and B05 empty for periods before the rollups kept the 60 s split (pruned before it was added)', async () => {
    // As migration 0017 records it on a database whose raw events had been pruned before 1 April 2026.
    await fx.database.rows(sql`insert into retention_marks (name, before)
      values ('abandoned_after_60s', timestamptz '2026-04-01T00:00:00+01:00')`);
    try {
      const input = iucAdcExportInput.parse({
        from: '2026-03-01T00:00:00Z',
        to: '2026-06-01T00:00:00+01:00',
        siteIds: 'leeds',
        period: 'month',
      });
      const rows = rowsOfCsv(await csvOf(await iucAdcExport(fx.database.db, input, ADMIN)));
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
      await fx.database.rows(sql`delete from retention_marks where name = 'abandoned_after_60s'`);
    }
  });
});
