import { describe, expect, it } from 'vitest';
import { auditFilterFromParams, auditHref, auditInput } from '../lib/admin/audit-filter.ts';
import { displayCookie, plausibleToken } from '../lib/auth/display-cookie.ts';
import { errorFromQuery, tooManyAttempts } from '../lib/auth/sign-in-errors.ts';
import { contentSecurityPolicy, isHttps, makeNonce, securityHeaders } from '../lib/security/headers.ts';

describe('security headers', () => {
  it("allow scripts only with this response's nonce, never eval outside next dev, and no framing", () => {
    const csp = contentSecurityPolicy('abc', { dev: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy('abc', { dev: false, https: true })).toContain('upgrade-insecure-requests');
  });

  it('send HSTS only over https, nosniff and a referrer policy always', () => {
    expect(securityHeaders(false)['strict-transport-security']).toBeUndefined();
    expect(securityHeaders(true)['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(securityHeaders(false)['x-content-type-options']).toBe('nosniff');
    expect(securityHeaders(false)['referrer-policy']).toBe('same-origin');
    expect(isHttps(new URL('http://x/'), 'https, http')).toBe(true);
    expect(isHttps(new URL('http://x/'), null)).toBe(false);
  });

  it('make a different nonce every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, makeNonce));
    expect(nonces.size).toBe(100);
  });
});

describe('display cookie', () => {
  it('is HttpOnly, SameSite=Lax, and Secure over https only', () => {
    expect(displayCookie('sbd_abc', false)).toBe(
      'sb_display=sbd_abc; Path=/; Max-Age=34560000; HttpOnly; SameSite=Lax',
    );
    expect(displayCookie('sbd_abc', true)).toMatch(/; Secure$/);
  });

  it('takes only token-shaped values from the claim link', () => {
    expect(plausibleToken('sbd_0123456789abcdefXYZ-_')).toBe(true);
    expect(plausibleToken('short')).toBe(false);
    expect(plausibleToken('sbd_0123456789abcdef; Domain=evil')).toBe(false);
    expect(plausibleToken(null)).toBe(false);
  });
});

describe('sign-in messages', () => {
  it('say when to try again after too many attempts', () => {
    expect(tooManyAttempts('42')).toBe('Too many sign-in attempts. Try again in 42 seconds');
    expect(tooManyAttempts('600')).toBe('Too many sign-in attempts. Try again in 10 minutes');
    expect(tooManyAttempts(null)).toContain('Wait a few minutes');
  });

  it('explain errors named in the address', () => {
    expect(errorFromQuery('INVALID_TOKEN')).toContain('expired or has already been used');
    expect(errorFromQuery('unreachable')).toContain('not answering');
    expect(errorFromQuery('access_denied')).toContain('Single sign-on did not complete');
    expect(errorFromQuery(undefined)).toBeNull();
  });
});

describe('audit filter', () => {
  it('turns UK days into instants, across a clock change', () => {
    const input = auditInput(
      auditFilterFromParams({ from: '2026-10-25', to: '2026-10-25', actor: ' cli:ops ' }),
    );
    expect(input.actor).toBe('cli:ops');
    // 25 October 2026: BST ends, the day is 25 hours long.
    expect(input.from).toBe('2026-10-24T23:00:00.000Z');
    expect(input.to).toBe('2026-10-26T00:00:00.000Z');
  });

  it('ignores what is not a day or a page position, and keeps the filter in links', () => {
    const input = auditInput(auditFilterFromParams({ from: 'yesterday', before: '12abc' }));
    expect(input).toEqual({ limit: 50 });
    expect(auditHref(auditFilterFromParams({ action: 'key.create', before: '' }))).toBe(
      '/admin/audit?action=key.create',
    );
  });
});
