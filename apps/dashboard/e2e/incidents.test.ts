import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredCall, status } from './support/api.ts';
import { screenshot, seriousViolations } from './support/browser.ts';
import { type Stack, startStack, text, waitLive } from './support/stack.ts';

describe('incidents', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    // Adastra has been down at Leeds for 6 minutes; calls keep coming.
    await stack.api.ingest('systemStatus', { statuses: [status('cas', 'leeds', 6, 'down')] });
    await stack.api.ingest('callEvents', { events: answeredCall('leeds', 'l-1', 3, 95) });
  });
  afterAll(() => stack?.close());

  it('prompts to declare a suspected outage, declares it, and shows the banner and the incident', async () => {
    const page = await stack.open('/');
    await waitLive(page);
    const prompt = page.getByTestId('suspected-outages');
    await prompt.waitFor({ timeout: 30_000 });
    expect(await text(prompt)).toMatch(/Adastra \(CAS\) down at Leeds NHS 111 for [56] min/);
    expect(await seriousViolations(page)).toEqual([]);
    await prompt.getByRole('button', { name: /Declare an incident/ }).click();
    await page.waitForURL(/\/incidents\/\d+$/, { timeout: 30_000 });
    await page.getByTestId('incident-banner').waitFor({ timeout: 30_000 });
    expect(await text(page.getByRole('heading', { level: 1 }))).toMatch(
      /Adastra \(CAS\) down at Leeds NHS 111/,
    );
    await page.getByTestId('impact').waitFor({ timeout: 30_000 });
    expect(await text(page.getByTestId('timeline'))).toMatch(/Declared/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'incident');
    await page.close();
  });

  it('lists incidents and passes axe', async () => {
    const page = await stack.open('/incidents');
    await page.getByTestId('incidents').waitFor({ timeout: 30_000 });
    expect(await text(page.getByTestId('incidents'))).toMatch(/SWB-\d{4}-\d{4}/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
