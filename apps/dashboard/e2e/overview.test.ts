import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredCall, snapshot, status } from './support/api.ts';
import { screenshot } from './support/browser.ts';
import { SEED, type Stack, startStack, text, waitLive } from './support/stack.ts';

describe('overview /', () => {
  let stack: Stack;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    const { api } = stack;
    // Leeds: a busy live site with a system down; York: quiet but alive; Hull: a feed that stopped.
    const calls = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15].flatMap((m, i) =>
      answeredCall('leeds', `l-${i}`, m, i % 4 === 0 ? 75 : 20),
    );
    await api.ingest('callEvents', { events: [...calls, ...answeredCall('york', 'y-1', 3, 12)] });
    await api.ingest('queueSnapshots', {
      snapshots: [snapshot('leeds', 0.5, 7, 95), snapshot('york', 0.5, 1, 8)],
    });
    await api.ingest('callEvents', { events: answeredCall('hull', 'h-1', 30, 10) });
    await api.ingest('systemStatus', {
      statuses: [status('cas', 'leeds', 40, 'up'), status('cas', 'leeds', 20, 'down')],
    });
    page = await stack.open('/');
  });
  afterAll(() => stack?.close());

  it('lists every seeded site with its figures', async () => {
    const table = page.getByTestId('overview');
    for (const site of SEED.sites)
      await expect(table.getByRole('link', { name: site.name }).count()).resolves.toBe(1);
    const leeds = page.locator('tr[data-site="leeds"]');
    expect(await text(leeds.locator('[data-measure="callsWaiting"]'))).toBe('7');
    expect(await text(leeds.locator('[data-measure="offered"]'))).toBe('10');
    // RAG in words, not colour only: 7 of 10 answered within 60 s is far off the 95% target.
    expect(await text(leeds.locator('[data-measure="within60"]'))).toContain('Off target');
  });

  it('shows systems down as badges', async () => {
    const badge = page.locator('tr[data-site="leeds"] [data-system-badge="cas"]');
    expect(await text(badge)).toMatch(/Adastra \(CAS\): down since \d\d:\d\d/);
  });

  it('says "No data since" for a stale feed instead of figures', async () => {
    const hull = page.locator('tr[data-site="hull"]');
    expect(await text(hull)).toMatch(/No data since \d\d:\d\d/);
    expect(await hull.locator('[data-measure="offered"]').count()).toBe(0);
  });

  it('updates from the live subscription without a reload', async () => {
    await waitLive(page);
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });
    const offered = page.locator('tr[data-site="york"] [data-measure="offered"]');
    expect(await text(offered)).toBe('1');
    await stack.api.ingest('callEvents', { events: answeredCall('york', 'y-2', 1, 5) });
    await expect.poll(() => text(offered), { timeout: 30_000 }).toBe('2');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  });

  it('sorts by a column from the keyboard', async () => {
    const names = () => page.locator('tbody tr th[scope="row"]').allInnerTexts();
    const button = page.locator('button[data-sort-key="callsWaiting"]');
    await button.focus();
    await page.keyboard.press('Enter');
    expect((await names())[0]).toBe('Leeds NHS 111');
    expect(await text(page.locator('th[aria-sort="descending"]'))).toContain('Calls waiting');
    await page.keyboard.press('Enter');
    expect((await names())[0]).toBe('York NHS 111');
    // The stale site's hidden figures sort last either way.
    expect((await names()).at(-1)).toBe('Hull NHS 111');
    await screenshot(page, 'overview');
  });
});
