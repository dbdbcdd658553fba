import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousViolations } from './support/browser.ts';
import { seedOutageHour } from './support/scenario.ts';
import { type Stack, startStack, text } from './support/stack.ts';

/** A small CSV read back: the exports write no quoted cells in the columns compared here. */
function parseCsv(body: string): Record<string, string>[] {
  const [header, ...lines] = body
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean);
  const names = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i] ?? '', cell])));
}

describe('CSV downloads and the /exports page', () => {
  let stack: Stack;
  // An absolute hour (a relative one would roll on while the test reads it): the last whole 60 minutes.
  const to = Math.floor(Date.now() / 60_000) * 60_000;
  const range = `from=${new Date(to - 3_600_000).toISOString()}&to=${new Date(to).toISOString()}`;

  beforeAll(async () => {
    stack = await startStack();
    await seedOutageHour(stack.api);
  });
  afterAll(() => stack?.close());

  it('"Download CSV" on the site page saves the file whose rows match the chart’s table', async () => {
    const page = await stack.open(`/sites/leeds?${range}`);
    const volume = page.locator('[data-chart="volume"]');
    const link = volume.getByTestId('download-csv');
    await link.waitFor({ timeout: 15_000 });
    expect(await text(link)).toContain('Download CSV');
    // Every chart and the availability table has one.
    expect(await page.getByTestId('download-csv').count()).toBe(5);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(
      /^switchboard-intervals-leeds-\d{4}-\d\d-\d\d-to-.*-1m\.csv$/,
    );
    const rows = parseCsv(readFileSync((await download.path()) ?? '', 'utf8'));

    await volume.locator('summary').click();
    const table = volume.locator('table tbody tr');
    const shown = await table.evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.children, (cell) => cell.textContent?.trim() ?? '')),
    );
    expect(rows.length).toBe(shown.length);
    expect(rows.length).toBe(60);
    rows.forEach((row, i) => {
      const [when, offered, answered, abandoned] = shown[i] ?? [];
      // Same interval (UK time), and the same figures, with "no data" as an empty cell (never 0).
      expect(when?.slice(-5)).toBe(row.period_start_local?.slice(11, 16));
      const cell = (value: string | undefined) => (value === 'no data' ? '' : value);
      expect([row.offered, row.answered, row.abandoned]).toEqual([
        cell(offered),
        cell(answered),
        cell(abandoned),
      ]);
    });
    // The four whole minutes the scenario leaves without data (more if the seed ran a minute after `to`).
    expect(rows.filter((row) => row.offered === '').length).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'site-download-csv');
    await page.close();
  });

  it('the overview and the systems page offer their CSV too', async () => {
    const overview = await stack.open('/');
    const link = overview.getByTestId('download-csv');
    await link.waitFor({ timeout: 15_000 });
    const response = await overview.request.get(`${stack.dashboardUrl}${await link.getAttribute('href')}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toContain('switchboard-intervals-all-sites');
    await overview.close();
    const systems = await stack.open('/systems?range=1h');
    await systems.getByTestId('download-csv').waitFor({ timeout: 15_000 });
    await systems.close();
  });

  it('/exports: an IUC ADC download, a token shown once that works from a script, revoked; axe clean', async () => {
    const page = await stack.open('/exports');
    await page.getByRole('button', { name: 'Prepare download' }).click();
    const ready = page.getByTestId('export-download');
    await ready.waitFor();
    const iucHref = (await ready.getAttribute('href')) ?? '';
    expect(iucHref).toMatch(/^\/export\/iuc-adc\.csv\?from=.*&period=month/);
    const [download] = await Promise.all([page.waitForEvent('download'), ready.click()]);
    expect(download.suggestedFilename()).toMatch(/^switchboard-iuc-adc-all-sites-.*-month\.csv$/);
    const lines = readFileSync((await download.path()) ?? '', 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFREPORTING_PERIOD,REGION_CODE,REGION_NAME,ORG_CODE,ORG_NAME/);

    // A bad range is named, not sent.
    await page.getByLabel('Last day (UK, included)').fill('2020-01-01');
    await page.getByRole('button', { name: 'Prepare download' }).click();
    expect(await text(page.getByRole('alert', { name: 'There is a problem' }))).toContain(
      'The last day must be on or after the first day',
    );

    await page.getByLabel('Token name').fill('Power BI monthly');
    await page.getByRole('button', { name: 'Create export token' }).click();
    const secret = page.getByTestId('secret-value');
    await secret.waitFor();
    const token = await text(secret);
    expect(token).toMatch(/^sbx_/);
    await page.locator('[data-token="Power BI monthly"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'exports');

    // A script with the token, through the dashboard's own address (no cookie).
    const url = `${stack.dashboardUrl}${iucHref}`;
    const scripted = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(scripted.status).toBe(200);
    expect(await scripted.text()).toContain('REPORTING_PERIOD');
    // …and only the exports: the tRPC proxy does not take it.
    expect(
      (
        await fetch(`${stack.dashboardUrl}/trpc/sites.list`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(401);

    await page.getByRole('button', { name: 'Revoke Power BI monthly' }).click();
    await page.locator('[data-token="Power BI monthly"] .nhsuk-tag').waitFor();
    expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    await page.close();
  });

  it('a viewer sees no download links and no exports page', async () => {
    const link = await stack.api.invite('viewer@e2e.nhs.net', 'viewer', 'all');
    const other = await stack.otherBrowser();
    const page = await other.context.newPage();
    await page.goto(link);
    await page.goto(`${stack.dashboardUrl}/sites/leeds?${range}`);
    await page.locator('[data-chart="volume"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('download-csv').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Exports' }).count()).toBe(0);
    await page.goto(`${stack.dashboardUrl}/exports`);
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Exports are for analysts');
    const refused = await page.request.get(`${stack.dashboardUrl}/export/calls.csv?siteIds=leeds&${range}`);
    expect(refused.status()).toBe(403);
  });

  it('/admin/import: a bad row names its line and stores nothing; a good file says how many it imported', async () => {
    const page = await stack.open('/admin/import');
    await page.getByLabel('Site', { exact: true }).selectOption('hull');
    const header = 'callId,kind,at,waitMs,queue,agentId\n';
    const rows = [
      'h1,offered,2026-10-01 09:00:00,,,',
      'h1,answered,2026-10-01 09:00:20,20000,,a1',
      'h2,offered,2026-10-01T08:01:00Z,,,',
      'h2,answered,2026-10-01T08:01:30Z,30000,,a2',
    ];
    const bad = `${header}${rows.slice(0, 2).join('\n')}\nh2,answered,2026-10-01T08:01:30Z,,,\n`;
    await page.getByLabel('CSV file of call events').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bad),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    const problem = page.getByRole('alert', { name: 'There is a problem' });
    await problem.waitFor({ timeout: 30_000 });
    expect(await text(problem)).toMatch(/line 4: waitMs.*nothing was stored/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('CSV file of call events').setInputFiles({
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}${rows.join('\n')}\n`),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 30_000 });
    // Nothing of the refused file was kept: all four events are new.
    expect(await text(result)).toContain('Imported 4 events from 4 rows (0 were already there)');
    await screenshot(page, 'admin-import');
  });
});
