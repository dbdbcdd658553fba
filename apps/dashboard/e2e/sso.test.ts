import { Events, OAuth2Server } from 'oauth2-mock-server';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/browser.ts';
import { SEED, type Stack, startStack, text } from './support/stack.ts';

const INVITED = {
  email: 'sam.sso@nhs.net',
  name: 'Sam Single-Sign-On',
  oid: '7f1c2e4a-0000-4000-8000-000000000001',
};

/**
 * Single sign-on against a local OpenID Connect provider (oauth2-mock-server, started here on 127.0.0.1),
 * configured on the API exactly as an Entra ID tenant would be: issuer, client id and secret.
 */
describe('single sign-on', () => {
  let oidc: OAuth2Server;
  let stack: Stack;
  let browser: { context: BrowserContext; close(): Promise<void> };
  /** Who the provider says signs in next. */
  let claims: Record<string, string> = {};

  beforeAll(async () => {
    oidc = new OAuth2Server();
    await oidc.issuer.keys.generate('RS256');
    await oidc.start(0, '127.0.0.1');
    const issuer = `http://127.0.0.1:${oidc.address().port}`;
    oidc.issuer.url = issuer;
    oidc.service.on(Events.BeforeTokenSigning, (token) => {
      Object.assign(token.payload, claims, { sub: claims.oid });
    });
    oidc.service.on(Events.BeforeUserinfo, (response) => {
      response.body = { ...claims, sub: claims.oid };
    });
    stack = await startStack({
      seed: { ...SEED, users: [{ email: INVITED.email, name: INVITED.name, role: 'manager', sites: 'all' }] },
      apiEnv: {
        SSO_ISSUER: issuer,
        SSO_CLIENT_ID: 'switchboard-e2e',
        SSO_CLIENT_SECRET: 'e2e-secret',
        SSO_LABEL: 'NHSmail',
      },
    });
    browser = await stack.otherBrowser();
  });
  afterAll(async () => {
    await stack?.close();
    await oidc?.stop();
  });

  it('signs an invited person in with the provider and returns to the page asked for', async () => {
    claims = {
      oid: INVITED.oid,
      email: INVITED.email,
      name: INVITED.name,
      preferred_username: INVITED.email,
    };
    const page = await browser.context.newPage();
    await page.goto(`${stack.dashboardUrl}/systems?range=1h`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    const button = page.getByRole('button', { name: 'Sign in with NHSmail' });
    expect(await seriousViolations(page)).toEqual([]);
    await button.click();
    await page.waitForURL(`${stack.dashboardUrl}/systems?range=1h`);
    expect(await text(page.getByTestId('account'))).toContain(INVITED.name);
    expect(await text(page.getByTestId('account-role'))).toBe('Manager');
    await page.close();
  });

  it('turns away someone the provider knows but nobody invited, and says so', async () => {
    await browser.context.clearCookies();
    claims = { oid: '7f1c2e4a-0000-4000-8000-000000000099', email: 'stranger@nhs.net', name: 'A Stranger' };
    const page = await browser.context.newPage();
    await page.goto(`${stack.dashboardUrl}/`);
    await page.getByRole('button', { name: 'Sign in with NHSmail' }).click();
    await page.waitForURL(/\/sign-in\?/);
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await text(summary)).toContain('Single sign-on did not complete');
    await page.goto(`${stack.dashboardUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.close();
  });
});
