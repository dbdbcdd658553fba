import { testBackends } from '@switchboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';

describe.each(testBackends())('GET /export/*.csv on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(() => api?.stop());
  /** Exports are an analyst's (the permission table). */
  const get = (path: string) => fetch(`${api.url}${path}`, { headers: api.as.analyst });
  const range = 'from=2026-11-01T00:00:00Z&to=2026-11-27T00:00:00Z';

  it('serves each export as a named CSV attachment', async () => {
    const cases = [
      [
        `/export/intervals.csv?siteIds=leeds&${range}&interval=1d`,
        'switchboard-intervals-leeds-2026-11-01-to-2026-11-26-1d.csv',
      ],
      [
        `/export/iuc-adc.csv?${range}&period=day&profile=raw`,
        'switchboard-iuc-adc-all-sites-2026-11-01-to-2026-11-26-day.csv',
      ],
      [
        `/export/availability.csv?${range}&siteIds=leeds,york`,
        'switchboard-availability-leeds-york-2026-11-01-to-2026-11-26-intervals.csv',
      ],
      [`/export/calls.csv?siteIds=hull&${range}`, 'switchboard-calls-hull-2026-11-01-to-2026-11-26.csv'],
    ] as const;
    for (const [path, name] of cases) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${name}"`);
      expect((await response.text()).length).toBeGreaterThan(0);
    }
    const intervals = await get(`/export/intervals.csv?siteIds=leeds&${range}&interval=1d`);
    expect(intervals.headers.get('x-column-notes')).toContain('offered=A01 Calls received');
  });

  it('answers bad input with a 400 naming the field, an unknown site with 422, and changes nothing', async () => {
    const before = await api.counts();
    const cases = [
      [`/export/intervals.csv?${range}&interval=2m`, 400, 'interval'],
      [`/export/intervals.csv?${range}`, 400, 'interval'],
      [`/export/intervals.csv?from=yesterday&to=2026-11-27T00:00:00Z&interval=1h`, 400, 'from'],
      [`/export/calls.csv?${range}&siteIds=le%20eds`, 400, 'siteIds'],
      [`/export/iuc-adc.csv?${range}&period=week`, 400, 'period'],
      [`/export/iuc-adc.csv?${range}&profile=xlsx`, 400, 'profile'],
      [`/export/calls.csv?${range}&limit=5`, 400, 'limit'],
      [`/export/availability.csv?${range}&view=pie`, 400, 'view'],
      [`/export/calls.csv?from=2026-11-27T00:00:00Z&to=2026-11-01T00:00:00Z`, 400, 'to'],
      [`/export/calls.csv?${range}&siteIds=nowhere`, 422, 'nowhere'],
    ] as const;
    for (const [path, status, field] of cases) {
      const response = await get(path);
      expect(response.status, path).toBe(status);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message, path).toContain(field);
      expect(JSON.stringify(body)).not.toMatch(/select|at \w+ \(|node_modules/i);
    }
    expect(await api.counts()).toEqual(before);
  });
});
