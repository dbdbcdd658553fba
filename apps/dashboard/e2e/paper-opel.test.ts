import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answeredCall, snapshot, status } from './support/api.ts';
import { screenshot, seriousViolations } from './support/browser.ts';
import { SCREENSHOTS } from './support/paths.ts';
import { seedBaselineWeeks, seedOutageHour } from './support/scenario.ts';
import { type Stack, startStack, text } from './support/stack.ts';

describe('OPEL, paper mode, manual tallies and the normal band', () => {
  let stack: Stack;
  let manager: { context: BrowserContext; close(): Promise<void> };
  let viewer: { context: BrowserContext; close(): Promise<void> };

  const open = async (who: { context: BrowserContext }, path: string): Promise<Page> => {
    const page = await who.context.newPage();
    await page.goto(`${stack.dashboardUrl}${path}`);
    return page;
  };

  beforeAll(async () => {
    stack = await startStack();
    await seedOutageHour(stack.api, 'leeds');
    await seedBaselineWeeks(stack.api, 'leeds');
    await stack.api.ingest('callEvents', { events: answeredCall('york', 'y-1', 3, 20) });
    await stack.api.ingest('systemStatus', { statuses: [status('cas', 'york', 2, 'up')] });
    manager = await stack.otherBrowser();
    viewer = await stack.otherBrowser();
    const managerPage = await open(manager, '');
    await managerPage.goto(await stack.api.invite('mo.manager@e2e.nhs.net', 'manager', 'all'));
    await managerPage.close();
    const viewerPage = await open(viewer, '');
    await viewerPage.goto(await stack.api.invite('vi.viewer@e2e.nhs.net', 'viewer', 'all'));
    await viewerPage.close();
  });
  afterAll(() => stack?.close());
  // Leeds's feed stays live: the seeded hour ends a minute ago, and a site silent for STALE_AFTER_S (120 s)
  // shows "no data since" instead of its tiles — on a loaded machine a test can start after that.
  beforeEach(async () => {
    await stack.api.ingest('queueSnapshots', { snapshots: [snapshot('leeds', 0, 2, 25)] });
  });

  it('a manager sets OPEL, marks the site on paper and enters a tally, shown as manual', async () => {
    const page = await open(manager, '/sites/leeds?range=1h');
    const opel = page.getByTestId('opel');
    await opel.getByLabel('Set the OPEL level').selectOption('3');
    await opel.getByRole('button', { name: 'Set OPEL level' }).click();
    await opel.locator('[data-opel="3"]').waitFor({ timeout: 30_000 });
    expect(await text(opel)).toMatch(/OPEL 3.*set by/);

    const paper = page.getByTestId('paper');
    await paper.getByRole('button', { name: 'Mark this site on paper' }).click();
    await paper.getByTestId('paper-open').waitFor({ timeout: 30_000 });
    expect(await text(paper)).toMatch(/On paper since/);
    expect(await text(paper)).toMatch(/Partial/);
    // The call figures of the last 60 min say they are partial (telephony only) while on paper.
    const summary = page.getByTestId('summary');
    await summary.locator('[data-partial="paper"]').first().waitFor({ timeout: 30_000 });
    expect(await summary.locator('[data-partial="paper"]').count()).toBe(6);
    expect(await text(summary.locator('li', { hasText: 'Calls offered' }))).toMatch(/Partial \(paper mode\)/);
    expect(await text(summary.locator('li', { hasText: 'Calls waiting now' }))).not.toMatch(/Partial/);
    expect(await text(summary.getByTestId('partial-note'))).toMatch(/telephony only/);

    const tallies = page.getByTestId('tallies');
    await tallies.getByLabel('What was counted').selectOption('calls_handled');
    await tallies.getByLabel('Count', { exact: true }).fill('42');
    await tallies.getByRole('button', { name: 'Enter tally' }).click();
    const cell = tallies.locator('td[data-measure="calls_handled"][data-manual="true"]');
    await cell.waitFor({ timeout: 30_000 });
    expect(await text(cell)).toMatch(/42\s*Manual/);
    // A correction of the same hour replaces the figure and says so.
    await tallies.getByLabel('Count', { exact: true }).fill('44');
    await tallies.getByRole('button', { name: 'Enter tally' }).click();
    await tallies.getByText(/Correction saved/).waitFor({ timeout: 30_000 });
    await cell.getByText('44').waitFor({ timeout: 30_000 });
    expect(await text(cell)).toMatch(/44\s*Manual.*corrected/);
    expect(await text(tallies.getByTestId('tally-tiles'))).toMatch(/Calls handled.*44\s*Manual/);

    // The normal band: in the key and the table view of the answer-time chart.
    const answer = page.locator('[data-chart="answer-time"]');
    await answer.getByText('Normal (same time, previous 4 weeks)').waitFor({ timeout: 30_000 });
    await answer.getByText('Show as table').click();
    expect(await text(answer.locator('table thead'))).toMatch(/Normal mean \(median of previous 4 weeks\)/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'site-paper-opel');
    await page.close();

    // The tally on the volume chart: diamonds of its own, keyed and tabled as manual, apart from the bars.
    const site = await open(manager, '/sites/leeds?range=4h');
    const volume = site.locator('[data-chart="volume"]');
    await volume.locator('.app-manual-marker').first().waitFor({ timeout: 30_000 });
    expect(await text(volume.locator('.app-chart__key'))).toMatch(/Manual tally \(paper\): calls handled/);
    expect(await text(volume.getByTestId('manual-note'))).toMatch(/Manual.*counted on\s+paper/);
    await volume.getByText('Show as table').click();
    expect(await text(volume.locator('table thead'))).toMatch(/Manual tally \(paper\): calls handled/);
    expect(await text(volume.locator('table tbody'))).toMatch(/44 \(manual\)/);
    expect(await text(volume.locator('table tbody'))).toMatch(/none entered/);
    expect(await seriousViolations(site)).toEqual([]);
    await volume.screenshot({ path: join(SCREENSHOTS, 'site-volume-manual-tally.png') });
    await site.close();

    const overview = await open(manager, '/');
    const badge = overview.locator('tr[data-site="leeds"] [data-opel="3"]');
    await badge.waitFor({ timeout: 30_000 });
    expect(await text(badge)).toMatch(/OPEL 3 set by/);
    expect(await text(overview.locator('tr[data-site="leeds"] [data-paper="open"]'))).toMatch(
      /On paper since/,
    );
    expect(await overview.locator('tr[data-site="york"] [data-paper="open"]').count()).toBe(0);
    expect(await seriousViolations(overview)).toEqual([]);
    await screenshot(overview, 'overview-opel-paper');
    await overview.close();
  });

  it('a viewer sees the manual tally but no controls, and the API refuses their writes with 403', async () => {
    const page = await open(viewer, '/sites/leeds?range=1h');
    await page.getByTestId('summary').locator('[data-partial="paper"]').first().waitFor({ timeout: 30_000 });
    const tallies = page.getByTestId('tallies');
    await tallies.locator('td[data-manual="true"]').first().waitFor({ timeout: 30_000 });
    expect(await text(tallies)).toMatch(/Manual/);
    await page.getByTestId('paper-open').waitFor({ timeout: 30_000 });
    for (const name of ['Set OPEL level', 'Mark this site on paper', 'End paper mode', 'Enter tally']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
    const statuses = await page.evaluate(async () => {
      const post = (path: string, body: unknown) =>
        fetch(`/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.status);
      const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
      return [
        await post('incidents.tallies.enter', {
          siteId: 'leeds',
          hourStart: hour,
          measure: 'calls_handled',
          count: 1,
        }),
        await post('incidents.opel.set', { siteId: 'leeds', level: 4 }),
        await post('incidents.paper.start', { siteId: 'york', startedAt: hour }),
      ];
    });
    expect(statuses).toEqual([403, 403, 403]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('the incident page during a CAS outage: names, impact against the baseline, paper mode (screenshots)', async () => {
    await stack.api.ingest('systemStatus', { statuses: [status('cas', 'leeds', 1, 'down')] });
    const { id } = await stack.api.admin.mutate<{ id: number }>('incidents.declare', {
      type: 'critical',
      title: 'Adastra (CAS) cyber attack: Leeds on paper',
      systemIds: ['cas', 'gp-booking'],
      siteIds: ['leeds', 'york'],
      startedAt: new Date(Date.now() - 40 * 60_000).toISOString(),
    });
    await stack.api.admin.mutate('incidents.update', {
      id,
      stage: 'active',
      note: 'Business continuity plan invoked; Leeds on paper.',
    });
    const page = await open(manager, `/incidents/${id}`);
    await page.getByTestId('impact').waitFor({ timeout: 30_000 });
    const summary = await text(page.locator('.nhsuk-summary-list'));
    expect(summary).toMatch(/Leeds NHS 111, York NHS 111/);
    expect(summary).toMatch(/Adastra \(CAS\), GP appointment booking/);
    await page.getByText(/of 4 weeks had data/).waitFor({ timeout: 30_000 });
    expect(await text(page.getByTestId('impact'))).toMatch(/Leeds NHS 111/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'incident-outage-manager');
    await page.close();

    const asViewer = await open(viewer, `/incidents/${id}`);
    await asViewer.getByTestId('impact').waitFor({ timeout: 30_000 });
    expect(await asViewer.getByRole('button', { name: /Move to|Add note/ }).count()).toBe(0);
    await screenshot(asViewer, 'incident-outage-viewer');
    await asViewer.close();

    const site = await open(manager, '/sites/leeds?range=4h');
    await site
      .locator('[data-chart="within-60"]')
      .getByText('Normal (same time, previous 4 weeks)')
      .waitFor({ timeout: 30_000 });
    await site.locator('[data-chart="answer-time"] .recharts-area').first().waitFor({ timeout: 30_000 });
    await screenshot(site, 'incident-site-leeds');
    await site
      .locator('[data-chart="answer-time"]')
      .screenshot({ path: join(SCREENSHOTS, 'incident-site-answer-band.png') });
    await site.close();
  });
});
