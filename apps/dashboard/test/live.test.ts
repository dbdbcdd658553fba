import type { LiveChange } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { mergeAffected, queryAffected } from '../lib/live/refresh.ts';
import { nextSort } from '../lib/sort.ts';

const change = (siteIds: string[], from = '2026-11-25T09:00:00Z', to = from): LiveChange => ({
  siteIds,
  streams: ['calls'],
  from,
  to,
  at: to,
});
const key = (path: string[], input?: unknown) => [path, { input, type: 'query' }];

describe('which queries a live change refetches', () => {
  it('refetches the overview and the changed site, not other sites or the registers', () => {
    const affected = mergeAffected(null, change(['leeds']));
    expect(queryAffected(key(['metrics', 'overview']), affected)).toBe(true);
    expect(queryAffected(key(['metrics', 'series'], { last: '4h', siteIds: ['leeds'] }), affected)).toBe(
      true,
    );
    expect(queryAffected(key(['metrics', 'series'], { last: '4h', siteIds: ['york'] }), affected)).toBe(
      false,
    );
    expect(queryAffected(key(['sites', 'list']), affected)).toBe(false);
    expect(queryAffected(key(['systems', 'list']), affected)).toBe(false);
  });

  it('skips absolute ranges the change does not touch', () => {
    const affected = mergeAffected(null, change(['leeds']));
    const input = (from: string, to: string) => ({ from, to, siteIds: ['leeds'] });
    expect(
      queryAffected(key(['metrics', 'series'], input('2026-11-24T00:00Z', '2026-11-24T12:00Z')), affected),
    ).toBe(false);
    expect(
      queryAffected(key(['metrics', 'series'], input('2026-11-25T08:00Z', '2026-11-25T10:00Z')), affected),
    ).toBe(true);
  });

  it('treats a change naming no site (national, catch-up) as every site', () => {
    const affected = mergeAffected(mergeAffected(null, change(['leeds'])), change([]));
    expect(queryAffected(key(['metrics', 'series'], { last: '1h', siteIds: ['york'] }), affected)).toBe(true);
  });

  it('coalesces changes into one refetch covering all of them', () => {
    const affected = mergeAffected(
      mergeAffected(null, change(['leeds'], '2026-11-25T09:00:00Z')),
      change(['york'], '2026-11-25T11:00:00Z'),
    );
    expect(affected).toEqual({
      siteIds: new Set(['leeds', 'york']),
      from: Date.parse('2026-11-25T09:00:00Z'),
      to: Date.parse('2026-11-25T11:00:00Z'),
    });
  });
});

describe('overview sorting', () => {
  it('starts a new column worst first and flips on a second press', () => {
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'callsWaiting')).toEqual({
      key: 'callsWaiting',
      direction: 'descending',
    });
    expect(nextSort({ key: 'within60', direction: 'ascending' }, 'within60').direction).toBe('descending');
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'within60').direction).toBe('ascending');
  });
});
