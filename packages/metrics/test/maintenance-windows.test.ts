import { describe, expect, it } from 'vitest';
import { maintenanceIntervals, maintenanceOccurrences, maintenanceShare } from '../src/maintenance.ts';

const t = (iso: string) => Date.parse(iso);
// 2026-12-01 (a Tuesday) is GMT: London wall time equals UTC.
const dec = { from: t('2026-11-30T00:00:00Z'), to: t('2026-12-05T00:00:00Z') };

describe('maintenance windows: exact edges', () => {
  it('reads minutes as well as hours', () => {
    expect(maintenanceOccurrences({ date: '2026-12-01', startTime: '02:30', endTime: '03:45' }, dec)).toEqual(
      [{ from: t('2026-12-01T02:30:00Z'), to: t('2026-12-01T03:45:00Z') }],
    );
  });

  it('an end equal to the start runs a full day', () => {
    expect(maintenanceOccurrences({ date: '2026-12-01', startTime: '02:00', endTime: '02:00' }, dec)).toEqual(
      [{ from: t('2026-12-01T02:00:00Z'), to: t('2026-12-02T02:00:00Z') }],
    );
  });

  it('an empty or reversed query window gives nothing', () => {
    const rule = { date: '2026-12-01', startTime: '02:00', endTime: '04:00' };
    const at = t('2026-12-01T03:00:00Z');
    expect(maintenanceOccurrences(rule, { from: at, to: at })).toEqual([]);
    expect(maintenanceOccurrences(rule, { from: at, to: at - 60_000 })).toEqual([]);
    expect(maintenanceOccurrences({ weekday: 2, ...rule, date: null }, { from: at, to: at })).toEqual([]);
  });

  it('a query window only touching an occurrence does not overlap it', () => {
    const rule = { date: '2026-12-01', startTime: '02:00', endTime: '04:00' };
    expect(
      maintenanceOccurrences(rule, { from: t('2026-12-01T00:00:00Z'), to: t('2026-12-01T02:00:00Z') }),
    ).toEqual([]);
    expect(
      maintenanceOccurrences(rule, { from: t('2026-12-01T04:00:00Z'), to: t('2026-12-01T06:00:00Z') }),
    ).toEqual([]);
    expect(
      maintenanceOccurrences(rule, { from: t('2026-12-01T03:59:00Z'), to: t('2026-12-01T06:00:00Z') }),
    ).toEqual([{ from: t('2026-12-01T03:59:00Z'), to: t('2026-12-01T04:00:00Z') }]);
  });

  it('a malformed or incomplete date gives nothing', () => {
    for (const date of [
      '2026-12',
      '2026',
      'x-12-01',
      '2026-x-01',
      '2026-12-x',
      '0-12-01',
      '2026-0-01',
      '2026-12-0',
    ]) {
      expect(maintenanceOccurrences({ date, startTime: '00:00', endTime: '23:00' }, dec)).toEqual([]);
    }
    // Year 0 is refused, not read as 1900 (which is what Date.UTC makes of a two-digit year).
    const december1900 = { from: Date.UTC(1900, 10, 25), to: Date.UTC(1901, 0, 1) };
    expect(
      maintenanceOccurrences({ date: '0-12-01', startTime: '00:00', endTime: '23:00' }, december1900),
    ).toEqual([]);
    expect(
      maintenanceOccurrences({ date: '1900-12-01', startTime: '00:00', endTime: '23:00' }, december1900),
    ).toEqual([{ from: Date.UTC(1900, 11, 1), to: Date.UTC(1900, 11, 1, 23) }]);
  });

  it('sorts occurrences from several rules before merging', () => {
    const got = maintenanceIntervals(
      [
        { date: '2026-12-03', startTime: '05:00', endTime: '06:00' },
        { date: '2026-12-02', startTime: '07:00', endTime: '08:00' },
        { date: '2026-12-01', startTime: '02:30', endTime: '04:00' },
        { date: '2026-12-01', startTime: '02:00', endTime: '03:00' },
      ],
      dec,
    );
    expect(got).toEqual([
      { from: t('2026-12-01T02:00:00Z'), to: t('2026-12-01T04:00:00Z') },
      { from: t('2026-12-02T07:00:00Z'), to: t('2026-12-02T08:00:00Z') },
      { from: t('2026-12-03T05:00:00Z'), to: t('2026-12-03T06:00:00Z') },
    ]);
  });

  it('merges windows that only touch', () => {
    const got = maintenanceIntervals(
      [
        { date: '2026-12-01', startTime: '03:00', endTime: '04:00' },
        { date: '2026-12-01', startTime: '02:00', endTime: '03:00' },
      ],
      dec,
    );
    expect(got).toEqual([{ from: t('2026-12-01T02:00:00Z'), to: t('2026-12-01T04:00:00Z') }]);
  });

  it('up time inside maintenance is not planned downtime', () => {
    const m = [{ from: t('2026-12-01T02:00:00Z'), to: t('2026-12-01T04:00:00Z') }];
    const got = maintenanceShare(
      [
        { from: t('2026-12-01T01:00:00Z'), to: t('2026-12-01T03:00:00Z'), status: 'up' },
        { from: t('2026-12-01T03:00:00Z'), to: t('2026-12-01T05:00:00Z'), status: 'down' },
      ],
      m,
    );
    expect(got).toEqual({ maintenanceMs: 7_200_000, plannedDownMs: 3_600_000, unplannedDownMs: 3_600_000 });
  });
});
