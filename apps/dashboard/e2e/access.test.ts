import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredCall, snapshot } from './support/api.ts';
import { screenshot, seriousViolations } from './support/browser.ts';
import { SEED, type Stack, startStack, text, waitLive } from './support/stack.ts';

const VIEWER = {
  email: 'vic.viewer@e2e.nhs.net',
  name: 'Vic Viewer',
  role: 'viewer' as const,
  sites: 'all' as const,
  password: 'correct horse battery staple',
};

describe('sign-in, sign-out, scopes and the admin area', () => {
  let stack: Stack;
  let other: { context: BrowserContext; close(): Promise<void> };

  beforeAll(async () => {
    stack = await startStack({ seed: { ...SEED, users: [VIEWER] } });
    await stack.api.ingest('callEvents', {
      events: [...answeredCall('leeds', 'l-1', 3, 20), ...answeredCall('york', 'y-1', 2, 30)],
    });
    await stack.api.ingest('queueSnapshots', {
      snapshots: [snapshot('leeds', 0.5, 5, 60), snapshot('york', 0.5, 2, 20)],
    });
    other = await stack.otherBrowser();
  });
  afterAll(() => stack?.close());

  const newPage = async (path: string): Promise<Page> => {
    const page = await other.context.newPage();
    await page.goto(`${stack.dashboardUrl}${path}`);
    return page;
  };

  it('sends someone not signed in to the sign-in page, which is accessible', async () => {
    const page = await newPage('/sites/leeds?range=1h');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/sites/leeds?range=1h');
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Sign in to Switchboard');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
    // Reads through the dashboard's proxy answer 401 too, not just pages.
    const read = await page.evaluate(async () => (await fetch('/trpc/sites.list')).status);
    expect(read).toBe(401);
    await page.close();
  });

  it('says clearly what is wrong, then signs in with a password and returns to the page asked for', async () => {
    const page = await newPage('/sites/leeds?range=1h');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await text(summary)).toContain('Enter your email address');
    expect(await text(summary)).toContain('Enter your password');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('nhsuk-error-summary');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-errors');

    await page.getByLabel('Email address', { exact: true }).fill(VIEWER.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await summary.getByText('The email address or password is not right').waitFor();

    await page.getByLabel('Password', { exact: true }).fill(VIEWER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/sites\/leeds\?range=1h$/);
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Leeds NHS 111');
    expect(await text(page.getByTestId('account'))).toContain('Vic Viewer');
    expect(await text(page.getByTestId('account-role'))).toBe('Viewer');
    // A viewer has no admin area in the menu.
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await waitLive(page);
    await screenshot(page, 'header-signed-in');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?signedOut=1$/);
    expect(await text(page.getByTestId('signed-out'))).toContain('You have signed out');
    await page.goto(`${stack.dashboardUrl}/systems`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.close();
  });

  it('shows a person scoped to some sites only those sites', async () => {
    const link = await stack.api.invite('yvonne.york@e2e.nhs.net', 'viewer', ['york']);
    expect(new URL(link).origin).toBe(stack.dashboardUrl);
    const page = await other.context.newPage();
    await page.goto(link);
    await page.waitForURL(`${stack.dashboardUrl}/`);
    const table = page.getByTestId('overview');
    await table.waitFor();
    expect(await table.locator('tbody th[scope="row"]').allInnerTexts()).toEqual(['York NHS 111']);
    expect(await text(page.locator('body'))).not.toContain('Leeds');
    await page.goto(`${stack.dashboardUrl}/sites/leeds`);
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Page not found');
    await page.goto(`${stack.dashboardUrl}/systems?range=1h`);
    await page.locator('table').first().waitFor();
    expect(await text(page.locator('main'))).not.toContain('Leeds');
    // The link worked once; a second use lands on the sign-in page, which says why.
    await other.context.clearCookies();
    await page.goto(link);
    await page.waitForURL(/\/sign-in\?/);
    expect(await text(page.locator('.nhsuk-error-summary'))).toContain(
      'has expired or has already been used',
    );
    await page.close();
  });

  for (const [name, path] of [
    ['people', '/admin/users'],
    ['feed keys', '/admin/keys'],
    ['sites and systems', '/admin/sites'],
    ['displays', '/admin/displays'],
    ['audit log', '/admin/audit'],
  ] as const) {
    it(`axe finds no serious or critical violations in the admin area: ${name}`, async () => {
      const page = await stack.open(path);
      await page.locator('main table, main .nhsuk-body').first().waitFor();
      await page.getByText('Loading…').waitFor({ state: 'detached' });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `admin-${path.split('/').at(-1)}`);
      await page.close();
    });
  }

  it('invites someone, creates and revokes a feed key, and the audit log names who did it', async () => {
    const page = await stack.open('/admin/users');
    await page.getByLabel('Email address', { exact: true }).fill('new.person@e2e.nhs.net');
    await page.getByLabel('Role', { exact: true }).selectOption('analyst');
    await page.getByRole('button', { name: 'Invite and create a sign-in link' }).click();
    const secret = page.getByTestId('secret-value');
    await secret.waitFor();
    expect(await text(secret)).toMatch(new RegExp(`^${stack.dashboardUrl}/api/auth/`));
    await page.locator('tr[data-user="new.person@e2e.nhs.net"]').waitFor();
    await screenshot(page, 'admin-users-invited');

    await page.goto(`${stack.dashboardUrl}/admin/keys`);
    await page.getByLabel('Feed', { exact: true }).fill('telephony');
    await page.getByRole('checkbox', { name: 'All sites' }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    await secret.waitFor();
    const key = await text(secret);
    const ingest = () =>
      fetch(`${stack.api.url}/trpc/ingest.callEvents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: answeredCall('hull', `h-${Date.now()}`, 1, 10) }),
      });
    expect((await ingest()).status).toBe(200);
    const row = page.locator('tr', { hasText: 'telephony' });
    await row.getByRole('button', { name: /Revoke/ }).click();
    await row.getByText(/Revoked/).waitFor();
    expect((await ingest()).status).toBe(401);

    await page.goto(`${stack.dashboardUrl}/admin/audit`);
    const audit = page.getByTestId('audit');
    await audit.waitFor();
    expect(await text(audit)).toContain('admin@e2e.nhs.net');
    await page.getByLabel('Who').fill('nobody-at-all');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/actor=nobody-at-all/);
    await page.getByText('No entries match.').waitFor();
    await page.close();
  });

  it("stops a display's page, saying why, when its token is revoked", async () => {
    const admin = await stack.open('/admin/displays');
    await admin.getByLabel('Name', { exact: true }).fill('Leeds floor TV 2');
    await admin.getByRole('checkbox', { name: 'York NHS 111' }).check();
    await admin.getByRole('button', { name: 'Create display link' }).click();
    const secret = admin.getByTestId('secret-value');
    await secret.waitFor();
    const link = await text(secret);
    expect(link).toMatch(new RegExp(`^${stack.dashboardUrl}/display/claim\\?token=`));

    // York's feed is alive now (a fresh snapshot and a call), so its row shows figures.
    await stack.api.ingest('queueSnapshots', { snapshots: [snapshot('york', 0, 3, 25)] });
    await stack.api.ingest('callEvents', { events: answeredCall('york', 'y-tv-1', 1, 12) });
    const tv = await stack.otherBrowser();
    const screen = await tv.context.newPage();
    await screen.goto(link);
    await screen.waitForURL(`${stack.dashboardUrl}/display`);
    expect(await text(screen.getByTestId('display-name'))).toBe('Leeds floor TV 2');
    await waitLive(screen);
    const offered = screen.locator('tr[data-site="york"] [data-measure="offered"]');
    await offered.waitFor();
    const before = Number((await text(offered)).match(/\d+/)?.[0]);
    // A display reads only its own sites.
    expect(await screen.locator('tbody th[scope="row"]').allInnerTexts()).toEqual(['York NHS 111']);
    await stack.api.ingest('callEvents', { events: answeredCall('york', 'y-tv-2', 1, 5) });
    await expect.poll(() => text(offered), { timeout: 5_000 }).toContain(String(before + 1));
    // The token is in an HttpOnly cookie, not in the address or in reach of scripts.
    expect(screen.url()).not.toContain('token');
    expect(await screen.evaluate(() => document.cookie)).not.toContain('sb_display');
    await screenshot(screen, 'display');

    await admin
      .locator('tr[data-display="Leeds floor TV 2"]')
      .getByRole('button', { name: /Revoke/ })
      .click();
    await screen.getByTestId('display-revoked').waitFor({ timeout: 20_000 });
    expect(await text(screen.getByTestId('display-revoked'))).toContain('This display has stopped updating');
    expect(await screen.getByTestId('overview').count()).toBe(0);
    await screenshot(screen, 'display-revoked');
    await admin.close();
  });

  it('serves pages with a strict Content-Security-Policy and still hydrates', async () => {
    const page = await stack.context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${stack.dashboardUrl}/`);
    const headers = response?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['strict-transport-security']).toBeUndefined(); // plain http here; set over https
    await waitLive(page); // the live indicator only turns live once React has hydrated
    expect(violations).toEqual([]);
    await page.close();
  });
});
