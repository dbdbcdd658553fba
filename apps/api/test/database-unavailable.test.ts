import { describe, expect, it } from 'vitest';
import { DomainError, isDatabaseUnavailable } from '../src/errors.ts';

const wrapped = (code: string) => {
  const driver = Object.assign(new Error('driver'), { code });
  // As Drizzle and tRPC wrap it: the driver's error two causes down.
  return new Error('trpc', { cause: new Error('Failed query: …', { cause: driver }) });
};

describe('isDatabaseUnavailable (a database away → 503, not an internal error)', () => {
  it('recognises connection failures and server shutdowns, along the causes', () => {
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      'CONNECTION_CLOSED',
      'CONNECT_TIMEOUT',
      '57P01',
      '57P03',
      '08006',
    ])
      expect(isDatabaseUnavailable(wrapped(code)), code).toBe(true);
  });

  it('leaves every other failure alone', () => {
    for (const code of ['23505', '40P01', '42P01', 'ERR_INVALID_ARG_TYPE'])
      expect(isDatabaseUnavailable(wrapped(code)), code).toBe(false);
    expect(isDatabaseUnavailable(new DomainError('conflict', 'x'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
