import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredCall, snapshot, status } from './support/api.ts';
import { screenshot, seriousViolations } from './support/browser.ts';
import { seedOutageHour } from './support/scenario.ts';
import { type Stack, startStack, text, waitLive } from './support/stack.ts';

describe('accessibility and keyboard use', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    await seedOutageHour(stack.api);
    await stack.api.ingest('callEvents', { events: answeredCall('york', 'y-1', 2, 30) });
    await stack.api.ingest('queueSnapshots', { snapshots: [snapshot('york', 0.5, 4, 40)] });
    await stack.api.ingest('callEvents', { events: answeredCall('hull', 'h-1', 45, 10) });
    await stack.api.ingest('systemStatus', { statuses: [status('gp-booking', undefined, 5, 'down')] });
  });
  afterAll(() => stack?.close());

  for (const [name, path] of [
    ['overview', '/'],
    ['site', '/sites/leeds?range=1h'],
    ['systems', '/systems?range=1h'],
  ] as const) {
    it(`axe finds no serious or critical violations on ${path}`, async () => {
      const page = await stack.open(path);
      await waitLive(page);
      // Check the charts too, which arrive in their own chunk after hydration.
      if (name === 'site')
        await page
          .locator('.recharts-line-curve')
          .filter({ visible: true })
          .first()
          .waitFor({ timeout: 15_000 });
      await page.waitForTimeout(500);
      // Open every "show as table" so the alternatives are checked too.
      for (const summary of await page.locator('summary').all()) await summary.click();
      await page.waitForTimeout(300);
      expect(await seriousViolations(page)).toEqual([]);
      for (const summary of await page.locator('summary').all()) await summary.click();
      if (name !== 'site') await screenshot(page, name === 'overview' ? 'overview-national-outage' : name);
      await page.close();
    });
  }

  it('reaches a site from the overview with the keyboard alone', async () => {
    const page = await stack.open('/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Skip to main content');
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await page.keyboard.press('Tab');
      found = (await page.evaluate(() => document.activeElement?.textContent)) === 'York NHS 111';
    }
    expect(found).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sites\/york/);
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('York NHS 111');
    await page.close();
  });

  it('answers an unknown site with a 404 page', async () => {
    const page = await stack.open('/sites/nowhere');
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Page not found');
    await page.close();
  });
});
