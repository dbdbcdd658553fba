import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { status } from './support/api.ts';
import { screenshot } from './support/browser.ts';
import { seedOutageHour } from './support/scenario.ts';
import { type Stack, startStack, text, waitLive } from './support/stack.ts';

const CHARTS = ['answer-time', 'within-60', 'queue', 'volume'];

describe('site view /sites/[id]', () => {
  let stack: Stack;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    await seedOutageHour(stack.api);
    page = await stack.open('/sites/leeds?range=1h');
  });
  afterAll(() => stack?.close());

  it('stacks the charts on one time axis and shades the outage across all of them', async () => {
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Leeds NHS 111');
    expect(await text(page.getByTestId('window'))).toMatch(/last 60 min .* 1-minute intervals/);
    for (const chart of CHARTS) {
      const section = page.locator(`[data-chart="${chart}"]`);
      // Recharts loads in its own chunk after hydration: give it time on a busy machine.
      await expect
        .poll(() => section.locator('.recharts-reference-area').count(), { message: chart, timeout: 15_000 })
        .toBe(1);
    }
    expect(await text(page.getByTestId('outages'))).toMatch(
      /Adastra \(CAS\) down \d\d:\d\d–\d\d:\d\d UK time/,
    );
    expect(await page.locator('[data-system="cas"] rect[data-state="down"]').count()).toBe(1);
    await screenshot(page, 'site');
  });

  it('draws a minute without data as a gap, not a zero', async () => {
    // The measured line, not the normal band's median.
    const curve = page
      .locator('[data-chart="answer-time"] .recharts-line-curve:not([name^="Normal"])')
      .first();
    await curve.waitFor({ timeout: 15_000 });
    const path = await curve.getAttribute('d');
    expect(path?.match(/M/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    await page.locator('[data-chart="answer-time"] summary').click();
    const table = page.locator('[data-chart="answer-time"] table');
    await expect
      .poll(() => table.locator('tbody tr').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(60);
    expect(await text(table)).toContain('no data');
  });

  it('shows a system marked down on the strip, the badge and the shading, live', async () => {
    await waitLive(page);
    const badge = page.locator('[data-testid="summary"] [data-system-badge="gp-booking"]');
    // The seeded hour's last report holds for HEARTBEAT_TIMEOUT_S only (then the system is "unknown" and
    // has a badge), which a loaded machine can outlast before this test: a fresh 'up' makes the start sure.
    await stack.api.ingest('systemStatus', { statuses: [status('gp-booking', 'leeds', 0.1, 'up')] });
    await expect.poll(() => badge.count(), { timeout: 5_000 }).toBe(0);
    await stack.api.ingest('systemStatus', { statuses: [status('gp-booking', 'leeds', 0.05, 'down')] });
    await badge.waitFor({ timeout: 5_000 });
    expect(await text(badge)).toMatch(/GP appointment booking: down since \d\d:\d\d/);
    await page.locator('[data-system="gp-booking"] rect[data-state="down"]').waitFor({ timeout: 5_000 });
    await expect
      .poll(() => page.locator('[data-chart="queue"] .recharts-reference-area').count(), { timeout: 5_000 })
      .toBe(2);
  });

  it('keeps the range in the URL, across a reload', async () => {
    await page.getByRole('link', { name: 'Last 4 hours' }).click();
    await page.waitForURL(/range=4h/);
    await expect
      .poll(() => text(page.getByTestId('window')), { timeout: 10_000 })
      .toMatch(/last 4 hours .* 5-minute intervals/);
    await page.reload();
    expect(await text(page.getByTestId('window'))).toMatch(/last 4 hours/);
    expect(await page.getByRole('link', { name: 'Last 4 hours' }).getAttribute('aria-current')).toBe('true');
  });

  it('takes an absolute range in UK time', async () => {
    await page.getByLabel('From (UK time)', { exact: true }).fill('2026-03-29T00:30');
    await page.getByLabel('To (UK time)', { exact: true }).fill('2026-03-29T03:30');
    await page.getByRole('button', { name: 'Show this range' }).click();
    await page.waitForURL(/from=2026-03-29T00%3A30&to=2026-03-29T03%3A30/);
    // The clocks went forward at 01:00 that night: three wall-clock hours are two real ones.
    expect(await text(page.getByTestId('window'))).toContain('00:30–03:30 UK time, 29 Mar 2026');
    expect(await text(page.getByTestId('window'))).toContain('1-minute intervals');
    await screenshot(page, 'site-absolute-range');
  });
});
