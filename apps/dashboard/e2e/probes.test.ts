import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousViolations } from './support/browser.ts';
import { type Stack, startStack, text } from './support/stack.ts';

describe('probes in the admin area and on /systems', () => {
  let stack: Stack;
  let server: Server;
  let target: string;

  beforeAll(async () => {
    // The system the probe checks: a local health page on 127.0.0.1.
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('Adastra OK');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('creates a probe, shows its result and response time, and turns it off', async () => {
    const page = await stack.open('/admin/probes');
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Probes');
    // Refused in the form first: the error summary names the field.
    await page.getByRole('button', { name: 'Add probe' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    expect(await text(page.locator('.nhsuk-error-summary'))).toContain('Choose the system the probe checks');
    const form = page.getByRole('form', { name: 'Add a probe' });
    await form.getByLabel('System', { exact: true }).selectOption('cas');
    await form.getByLabel('Site', { exact: true }).selectOption('leeds');
    await page.getByLabel('Target').fill(target);
    await page.getByLabel('Text the page must contain (optional)').fill('Adastra OK');
    await page.getByLabel('Check every (seconds)').fill('10');
    await page.getByRole('button', { name: 'Add probe' }).click();
    await page.getByRole('status').filter({ hasText: 'Probe added for Adastra (CAS)' }).waitFor();
    const row = page.getByTestId('probes').locator('tbody tr').first();
    expect(await text(row)).toContain(target);
    // The API's scheduler runs it within a second or two; the page shows the result once reloaded.
    for (let i = 0; i < 60 && !(await text(row)).includes(' ms at '); i++) {
      await page.reload();
      await row.waitFor();
      if (!(await text(row)).includes(' ms at ')) await page.waitForTimeout(500);
    }
    expect(await text(row)).toMatch(/up\s*\d+ ms at/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-probes');
    await row.getByRole('button', { name: /Turn off/ }).click();
    await row.filter({ hasText: '— off' }).waitFor();
    // A heartbeat expectation for a stream.
    const expectation = page.getByRole('form', { name: 'Set a heartbeat expectation' });
    await expectation.getByLabel('System', { exact: true }).selectOption('gp-booking');
    await expectation.getByLabel('Site', { exact: true }).selectOption('york');
    await expectation.getByRole('button', { name: 'Save expectation' }).click();
    await page.getByTestId('heartbeats').filter({ hasText: 'every 30 s, + 10 s grace' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin-probes-heartbeats');
    await page.close();
  });

  it('shows the probe response time chart on /systems', async () => {
    const page = await stack.open('/systems?range=1h');
    // The chart's text alternative names the latest response time once results are there.
    await page.locator('[data-probe-chart] [role="img"][aria-label*="latest"]').waitFor({ timeout: 30_000 });
    expect(
      await page
        .locator('[data-probe-chart] .app-probe-dot, [data-probe-chart] .recharts-line-curve')
        .count(),
    ).toBeGreaterThan(0);
    expect(await text(page.getByRole('heading', { name: 'Probe response times' }))).toBe(
      'Probe response times',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'systems-probes');
    await page.close();
  });
});
