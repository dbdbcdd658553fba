import { freePort } from '@switchboard/api/testing/spawn';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { ADMIN_EMAIL, type Seed, TestApi } from './api.ts';
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

export interface StackOptions {
  seed?: Seed;
  /** Sign the browser in as the administrator first (default), so pages open as they would for them. */
  signedIn?: boolean;
  /** More API configuration (e.g. single sign-on). */
  apiEnv?: Record<string, string>;
}

export interface Stack {
  api: TestApi;
  dashboardUrl: string;
  context: BrowserContext;
  open(path: string): Promise<Page>;
  /** Follows a one-time sign-in link in a page of this browser, which is then signed in. */
  signInWith(link: string): Promise<Page>;
  /** A fresh browser (no cookies), for a second person or a wallboard. */
  otherBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }>;
  close(): Promise<void>;
}

/** API (PGlite in a temp folder) + built dashboard + Chromium, torn down together. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const port = await freePort();
  const dashboardUrl = `http://127.0.0.1:${port}`;
  const api = await TestApi.create(options.seed ?? SEED, { publicUrl: dashboardUrl, env: options.apiEnv });
  const dashboard = await startDashboard(api.url, port);
  const browser = await launchBrowser();
  const others: { close(): Promise<void> }[] = [];
  const stack: Stack = {
    api,
    dashboardUrl,
    context: browser.context,
    async open(path) {
      const page = await browser.context.newPage();
      await page.goto(`${dashboardUrl}${path}`);
      return page;
    },
    async signInWith(link) {
      const page = await browser.context.newPage();
      await page.goto(link);
      return page;
    },
    async otherBrowser() {
      const other = await launchBrowser();
      others.push(other);
      return other;
    },
    async close() {
      for (const other of others) await other.close().catch(() => {});
      await browser.close().catch(() => {});
      await dashboard.stop();
      await api.destroy();
    },
  };
  if (options.signedIn !== false) {
    const page = await stack.signInWith(await api.admin.signInLink(ADMIN_EMAIL));
    await page.close();
  }
  return stack;
}

/** Waits until the page's live subscription is connected. */
export async function waitLive(page: Page): Promise<void> {
  await page.locator('[data-live-status="live"]').waitFor({ timeout: 30_000 });
}

/** A locator's text ("" when it has none). */
export async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}
