import { describe, expect, it } from 'vitest';
import { decide, inScope, offTargetSince } from '../src/services/alerts/evaluate.ts';

const M = 60_000;
const obs = (subject: string, since: number, held = false) => ({
  subject,
  siteId: 'leeds',
  systemId: 'cas',
  since,
  summary: subject,
  held,
});
const state = (subject: string, lastSentAt: number) => ({
  id: 1,
  subject,
  siteId: 'leeds',
  systemId: 'cas',
  since: 0,
  lastSentAt,
});

describe('decide (pure)', () => {
  const rule = { minutes: 5, repeatMinutes: 10 };
  it('fires only after the rule minutes', () => {
    expect(decide(rule, [obs('a', 0)], [], 4 * M)).toEqual([]);
    expect(decide(rule, [obs('a', 0)], [], 5 * M).map((d) => d.action)).toEqual(['fire']);
  });
  it('repeats every repeatMinutes while it holds, never without repeatMinutes', () => {
    expect(decide(rule, [obs('a', 0)], [state('a', 5 * M)], 14 * M)).toEqual([]);
    expect(decide(rule, [obs('a', 0)], [state('a', 5 * M)], 15 * M).map((d) => d.action)).toEqual(['repeat']);
    expect(decide({ minutes: 5, repeatMinutes: null }, [obs('a', 0)], [state('a', 0)], 99 * M)).toEqual([]);
  });
  it('resolves what no longer holds, and holds (no fire, no repeat, no resolve) in maintenance', () => {
    expect(decide(rule, [], [state('a', 0)], M).map((d) => d.action)).toEqual(['resolve']);
    expect(decide(rule, [obs('a', 0, true)], [], 60 * M)).toEqual([]);
    expect(decide(rule, [obs('a', 0, true)], [state('a', 0)], 60 * M)).toEqual([]);
  });
});

describe('offTargetSince', () => {
  const points = (values: (number | null)[]) => values.map((value, i) => ({ start: i * M, value }));
  it('is the start of the run of off-target minutes reaching the latest minute with data', () => {
    expect(offTargetSince(points([90, 70, null, 60, 75]), 'answeredWithin60sPct', 80)).toBe(M);
    expect(offTargetSince(points([70, 90]), 'answeredWithin60sPct', 80)).toBeNull();
    expect(offTargetSince(points([null, null]), 'answeredWithin60sPct', 80)).toBeNull();
    expect(offTargetSince(points([2, 4, 5]), 'abandonedAllPct', 3)).toBe(M);
  });
  it('scopes by site and system lists (empty = all)', () => {
    expect(inScope({ siteIds: [], systemIds: [] }, null, null)).toBe(true);
    expect(inScope({ siteIds: ['leeds'], systemIds: [] }, 'york', 'cas')).toBe(false);
    expect(inScope({ siteIds: [], systemIds: ['cas'] }, 'york', 'cas')).toBe(true);
  });
});
