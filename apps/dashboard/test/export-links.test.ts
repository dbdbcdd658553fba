import { describe, expect, it } from 'vitest';
import { canExport } from '../lib/auth/roles.ts';
import { type ExportForm, exportFormHref } from '../lib/export-form.ts';
import { exportHref, intervalsHref } from '../lib/exports.ts';

const form: ExportForm = {
  kind: 'iuc-adc',
  from: '2026-10-01',
  to: '2026-10-31',
  period: 'month',
  interval: '1h',
  view: 'summary',
  bySite: true,
  sites: [],
  profile: 'excel',
};

describe('export links', () => {
  it('asks for exactly the series on screen', () => {
    expect(
      intervalsHref({
        siteIds: ['leeds'],
        from: '2026-11-27T09:00:00.000Z',
        to: '2026-11-27T10:00:00.000Z',
        interval: '1m',
      }),
    ).toBe(
      '/export/intervals.csv?siteIds=leeds&from=2026-11-27T09%3A00%3A00.000Z&to=2026-11-27T10%3A00%3A00.000Z&interval=1m',
    );
    // No sites = every site in scope; false flags are left out, true ones are 1.
    expect(exportHref('intervals', { siteIds: [], bySite: true, x: false })).toBe(
      '/export/intervals.csv?bySite=1',
    );
  });

  it('turns UK days into the instants of their midnights, across the clock change', () => {
    const result = exportFormHref({ ...form });
    expect(result).toEqual({
      href: '/export/iuc-adc.csv?from=2026-09-30T23%3A00%3A00.000Z&to=2026-11-01T00%3A00%3A00.000Z&profile=excel&period=month',
    });
    const calls = exportFormHref({ ...form, kind: 'calls', sites: ['leeds'], profile: 'raw' });
    expect('href' in calls && calls.href).toContain('/export/calls.csv?from=');
    expect('href' in calls && calls.href).toContain('siteIds=leeds');
  });

  it('names the field of each problem', () => {
    const result = exportFormHref({ ...form, kind: 'calls', from: 'soon', to: '2026-09-01' });
    expect('errors' in result && result.errors.map((e) => e.field)).toEqual(['export-from', 'export-sites']);
    const backwards = exportFormHref({ ...form, to: '2026-09-01' });
    expect('errors' in backwards && backwards.errors[0]?.message).toContain('on or after');
  });

  it('is for analysts and above', () => {
    expect(['viewer', 'analyst', 'manager', 'admin', undefined].map(canExport)).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });
});
