import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CallCounts,
  type CallEventLike,
  computeMeasures,
  countsFromEvents,
  countsKey,
  emptyCounts,
  histogramFromValues,
  isAbandonedAfter30s,
  isAnsweredWithin60s,
  mergeCounts,
  offeredAt,
  sumCounts,
} from '../src/index.ts';

const count = fc.integer({ min: 0, max: 10_000 });
const callCounts: fc.Arbitrary<CallCounts> = fc.record({
  offered: count,
  answered: count,
  answeredWithin60s: count,
  abandoned: count,
  abandonedAfter30s: count,
  answerMsSum: fc.integer({ min: 0, max: 1e9 }),
  answerHist: fc.oneof(
    fc.constant(null).map((): number[] => []),
    fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 10 }),
    fc.array(fc.integer({ min: 0, max: 900_000 }), { maxLength: 20 }).map(histogramFromValues),
  ),
});

const BASE = Date.parse('2026-11-25T09:00:00Z');
const event: fc.Arbitrary<CallEventLike> = fc.record({
  siteId: fc.constantFrom('leeds', 'york'),
  callId: fc.integer({ min: 1, max: 30 }).map(String),
  kind: fc.constantFrom('offered', 'answered', 'abandoned', 'ended', 'transferred'),
  at: fc.integer({ min: 0, max: 10 * 60_000 }).map((ms) => new Date(BASE + ms).toISOString()),
  waitMs: fc.integer({ min: 0, max: 120_000 }),
  queue: fc.option(fc.constantFrom('clinical', 'default'), { nil: undefined }),
});

describe('rules', () => {
  it('answered within 60 s is waitMs <= 60000; abandoned after 30 s is waitMs > 30000', () => {
    expect(isAnsweredWithin60s(60_000)).toBe(true);
    expect(isAnsweredWithin60s(60_001)).toBe(false);
    expect(isAbandonedAfter30s(30_000)).toBe(false);
    expect(isAbandonedAfter30s(30_001)).toBe(true);
  });

  it('offeredAt subtracts the wait for answered and abandoned only', () => {
    const at = '2026-11-25T09:15:10Z';
    expect(offeredAt({ kind: 'offered', at })).toBe(Date.parse(at));
    expect(offeredAt({ kind: 'answered', at, waitMs: 20_000 })).toBe(Date.parse('2026-11-25T09:14:50Z'));
    expect(offeredAt({ kind: 'abandoned', at, waitMs: 70_000 })).toBe(Date.parse('2026-11-25T09:14:00Z'));
  });
});

describe('countsFromEvents', () => {
  it('attributes measures to the minute the call was offered and deduplicates, keeping the first', () => {
    const map = countsFromEvents([
      { siteId: 'leeds', callId: 'c1', kind: 'offered', at: '2026-11-25T09:14:50Z' },
      { siteId: 'leeds', callId: 'c1', kind: 'answered', at: '2026-11-25T09:15:10Z', waitMs: 20_000 },
      { siteId: 'leeds', callId: 'c1', kind: 'answered', at: '2026-11-25T09:16:10Z', waitMs: 80_000 },
      { siteId: 'leeds', callId: 'c2', kind: 'offered', at: '2026-11-25T09:14:00Z', queue: 'clinical' },
      {
        siteId: 'leeds',
        callId: 'c2',
        kind: 'abandoned',
        at: '2026-11-25T09:14:45+00:00',
        waitMs: 45_000,
        queue: 'clinical',
      },
      { siteId: 'leeds', callId: 'c1', kind: 'ended', at: '2026-11-25T09:20:00Z' },
    ]);
    expect([...map.keys()].sort()).toEqual([
      'leeds|clinical|2026-11-25T09:14:00.000Z',
      'leeds|default|2026-11-25T09:14:00.000Z',
    ]);
    const main = map.get(countsKey('leeds', undefined, Date.parse('2026-11-25T09:14:00Z')));
    expect(main).toMatchObject({ offered: 1, answered: 1, answeredWithin60s: 1, answerMsSum: 20_000 });
    expect(main?.answerHist[20]).toBe(1);
    expect(map.get('leeds|clinical|2026-11-25T09:14:00.000Z')).toMatchObject({
      offered: 1,
      answered: 0,
      abandoned: 1,
      abandonedAfter30s: 1,
    });
  });

  it('property: a retried (duplicated) batch changes nothing', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        expect(countsFromEvents([...events, ...events])).toEqual(countsFromEvents(events));
      }),
    );
  });

  it('property: totals match the distinct events of each kind', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const total = sumCounts(countsFromEvents(events).values());
        const distinct = (kind: string) =>
          new Set(events.filter((e) => e.kind === kind).map((e) => `${e.siteId}|${e.callId}`)).size;
        expect(total?.offered ?? 0).toBe(distinct('offered'));
        expect(total?.answered ?? 0).toBe(distinct('answered'));
        expect(total?.abandoned ?? 0).toBe(distinct('abandoned'));
        if (total) expect(computeMeasures(total).answered).toBe(total.answered);
      }),
    );
  });
});

describe('mergeCounts', () => {
  it('property: commutative', () => {
    fc.assert(
      fc.property(callCounts, callCounts, (a, b) => {
        expect(mergeCounts(a, b)).toEqual(mergeCounts(b, a));
      }),
    );
  });

  it('property: associative', () => {
    fc.assert(
      fc.property(callCounts, callCounts, callCounts, (a, b, c) => {
        expect(mergeCounts(mergeCounts(a, b), c)).toEqual(mergeCounts(a, mergeCounts(b, c)));
      }),
    );
  });

  it('property: emptyCounts is the identity (up to histogram padding)', () => {
    fc.assert(
      fc.property(callCounts, (a) => {
        const padded = mergeCounts(a, emptyCounts());
        expect(mergeCounts(emptyCounts(), a)).toEqual(padded);
        expect(mergeCounts(padded, emptyCounts())).toEqual(padded);
      }),
    );
  });

  it('does not change its inputs; sumCounts of nothing is null', () => {
    const a = emptyCounts();
    const b = { ...emptyCounts(), offered: 2 };
    mergeCounts(a, b);
    expect(a.offered).toBe(0);
    expect(sumCounts([])).toBeNull();
    expect(sumCounts([null, b])?.offered).toBe(2);
  });
});
