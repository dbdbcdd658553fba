import { describe, expect, it } from 'vitest';
import { inMaintenance, maintenanceIntervals, maintenanceShare } from '../src/maintenance.ts';

const t = (iso: string) => Date.parse(iso);

describe('maintenance windows (UK local time)', () => {
  it('places a one-off window in BST and GMT', () => {
    const summer = maintenanceIntervals([{ date: '2026-07-01', startTime: '02:00', endTime: '04:00' }], {
      from: t('2026-06-30T00:00:00Z'),
      to: t('2026-07-03T00:00:00Z'),
    });
    expect(summer).toEqual([{ from: t('2026-07-01T01:00:00Z'), to: t('2026-07-01T03:00:00Z') }]);
    const winter = maintenanceIntervals([{ date: '2026-12-01', startTime: '02:00', endTime: '04:00' }], {
      from: t('2026-11-30T00:00:00Z'),
      to: t('2026-12-03T00:00:00Z'),
    });
    expect(winter).toEqual([{ from: t('2026-12-01T02:00:00Z'), to: t('2026-12-01T04:00:00Z') }]);
  });

  it('repeats weekly on its weekday, across midnight, clipped to the window', () => {
    // Sundays 23:00–01:00 London; 2026-11-01 and 2026-11-08 are Sundays (GMT).
    const got = maintenanceIntervals([{ weekday: 7, startTime: '23:00', endTime: '01:00' }], {
      from: t('2026-11-02T00:30:00Z'),
      to: t('2026-11-09T00:00:00Z'),
    });
    expect(got).toEqual([
      { from: t('2026-11-02T00:30:00Z'), to: t('2026-11-02T01:00:00Z') },
      { from: t('2026-11-08T23:00:00Z'), to: t('2026-11-09T00:00:00Z') },
    ]);
  });

  it('keeps local wall time across the October clock change', () => {
    // Sunday 25 October 2026 the clocks go back; Saturday 24th 10:00 BST, Saturday 31st 10:00 GMT.
    const got = maintenanceIntervals([{ weekday: 6, startTime: '10:00', endTime: '11:00' }], {
      from: t('2026-10-20T00:00:00Z'),
      to: t('2026-11-01T00:00:00Z'),
    });
    expect(got).toEqual([
      { from: t('2026-10-24T09:00:00Z'), to: t('2026-10-24T10:00:00Z') },
      { from: t('2026-10-31T10:00:00Z'), to: t('2026-10-31T11:00:00Z') },
    ]);
  });

  it('merges overlapping windows and answers whether an instant is inside', () => {
    const rules = [
      { date: '2026-12-01', startTime: '02:00', endTime: '04:00' },
      { date: '2026-12-01', startTime: '03:00', endTime: '05:00' },
    ];
    expect(
      maintenanceIntervals(rules, { from: t('2026-12-01T00:00:00Z'), to: t('2026-12-02T00:00:00Z') }),
    ).toEqual([{ from: t('2026-12-01T02:00:00Z'), to: t('2026-12-01T05:00:00Z') }]);
    expect(inMaintenance(rules, t('2026-12-01T04:30:00Z'))).toBe(true);
    expect(inMaintenance(rules, t('2026-12-01T05:00:00Z'))).toBe(false);
  });

  it('splits downtime into planned and unplanned', () => {
    const h = 3_600_000;
    const share = maintenanceShare(
      [
        { from: 0, to: 2 * h, status: 'up' },
        { from: 2 * h, to: 5 * h, status: 'down' },
        { from: 5 * h, to: 6 * h, status: 'unknown' },
        { from: 6 * h, to: 8 * h, status: 'unknown' },
      ],
      [{ from: 4 * h, to: 7 * h }],
    );
    expect(share).toEqual({ maintenanceMs: 3 * h, plannedDownMs: 3 * h, unplannedDownMs: 2 * h });
  });
});
