import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from '../lib/auth/next-path.ts';

describe('the page to return to after signing in', () => {
  it('keeps a path on this dashboard, with its query', () => {
    expect(safeNextPath('/sites/leeds?range=4h')).toBe('/sites/leeds?range=4h');
    expect(signInPath('/systems?range=1h')).toBe('/sign-in?next=%2Fsystems%3Frange%3D1h');
    expect(signInPath('/')).toBe('/sign-in');
  });

  it('never leads to another origin or back to the sign-in page', () => {
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/sign-in',
      '/\t/evil.example',
      '',
    ]) {
      expect(safeNextPath(bad)).toBe('/');
    }
  });

  it('always answers a same-origin path, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .tuple(fc.constantFrom('/', '//', '/\\', 'https://', '/%2F', '/\t/'), fc.string())
            .map(([a, b]) => a + b),
        ),
        (value) => {
          const next = safeNextPath(value);
          return (
            next.startsWith('/') &&
            !next.startsWith('//') &&
            new URL(next, 'http://dashboard.invalid').origin === 'http://dashboard.invalid'
          );
        },
      ),
    );
  });
});
