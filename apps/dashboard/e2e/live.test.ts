import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredCall } from './support/api.ts';
import { screenshot } from './support/browser.ts';
import { type Stack, startStack, text, waitLive } from './support/stack.ts';

/** Pretends the tab was hidden or shown again (headless Chromium never hides a tab by itself). */
async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((value) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (value ? 'hidden' : 'visible'),
    });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

describe('live updates', () => {
  let stack: Stack;
  let page: Page;
  let calls = 0;
  const offered = () => text(page.locator('tr[data-site="leeds"] [data-measure="offered"]'));
  const addCall = () =>
    stack.api.ingest('callEvents', { events: answeredCall('leeds', `c-${++calls}`, 1, 10) });

  beforeAll(async () => {
    stack = await startStack();
    await addCall();
    page = await stack.open('/');
    await waitLive(page);
  });
  afterAll(() => stack?.close());

  it('pauses while the tab is hidden and catches up when it returns', async () => {
    await page.waitForTimeout(1_000); // let the refetch that follows connecting finish first
    await setHidden(page, true);
    await page.locator('[data-live-status="paused"]').waitFor();
    await addCall();
    await page.waitForTimeout(1_500);
    expect(await offered()).toBe('1');
    await setHidden(page, false);
    await waitLive(page);
    await expect.poll(offered, { timeout: 30_000 }).toBe('2');
  });

  it('says so when the connection drops, and recovers by itself when the API restarts', async () => {
    await setHidden(page, false);
    await waitLive(page);
    const banner = page.getByTestId('live-banner');
    expect(await banner.count()).toBe(0);
    await stack.api.stop();
    await banner.waitFor({ timeout: 15_000 });
    expect(await text(banner)).toContain('Live updates lost — reconnecting…');
    expect(await page.getByRole('alert').filter({ hasText: 'Live updates lost' }).count()).toBe(1);
    await screenshot(page, 'overview-connection-lost');

    await stack.api.start();
    await waitLive(page);
    expect(await banner.count()).toBe(0);
    // Live again without a reload: a new call shows up.
    await addCall();
    await expect.poll(offered, { timeout: 30_000 }).toBe('3');
  });
});
