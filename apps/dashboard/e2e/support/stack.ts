import type { Locator, Page } from 'playwright-core';
import { type Seed, TestApi } from './api.ts';
import { launchBrowser } from './browser.ts';
import { startDashboard } from './dashboard.ts';

export const SEED: Seed = {
  sites: [
    { id: 'leeds', name: 'Leeds NHS 111' },
    { id: 'york', name: 'York NHS 111' },
    { id: 'hull', name: 'Hull NHS 111' },
  ],
  systems: [
    { id: 'cas', name: 'Adastra (CAS)', siteIds: ['leeds', 'york', 'hull'] },
    { id: 'gp-booking', name: 'GP appointment booking', siteIds: ['leeds', 'york', 'hull'] },
  ],
};

export interface Stack {
  api: TestApi;
  dashboardUrl: string;
  open(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** API (PGlite in a temp folder) + built dashboard + Chromium, torn down together. */
export async function startStack(seed: Seed = SEED): Promise<Stack> {
  const api = await TestApi.create(seed);
  const dashboard = await startDashboard(api.url);
  const browser = await launchBrowser();
  return {
    api,
    dashboardUrl: dashboard.url,
    async open(path) {
      const page = await browser.context.newPage();
      await page.goto(`${dashboard.url}${path}`);
      return page;
    },
    async close() {
      await browser.close().catch(() => {});
      await dashboard.stop();
      await api.destroy();
    },
  };
}

/** Waits until the page's live subscription is connected. */
export async function waitLive(page: Page): Promise<void> {
  await page.locator('[data-live-status="live"]').waitFor({ timeout: 30_000 });
}

/** A locator's text ("" when it has none). */
export async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}
