import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addEventToCounts,
  type CallCounts,
  type CallEventLike,
  computeMeasures,
  countsFromEvents,
  countsKey,
  emptyCounts,
  histogramFromValues,
  isAbandonedAfter30s,
  isAbandonedAfter60s,
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
  abandonedAfter60s: count,
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

/**
 * The oracle for counts, from the rule and the raw events (no code under test): count each kind, compare
 * each wait with the 60 s and 30 s limits (abandoned: 30 s and 60 s), add the waits, and bin them by whole second up to 600.
 */
type Outcome = { kind: 'offered' | 'answered' | 'abandoned'; waitMs: number };
const outcome: fc.Arbitrary<Outcome> = fc.record({
  kind: fc.constantFrom('offered' as const, 'answered' as const, 'abandoned' as const),
  waitMs: fc.oneof(fc.integer({ min: 0, max: 700_000 }), fc.constantFrom(0, 30_000, 30_001, 60_000, 60_001)),
});
function countByHand(outcomes: readonly Outcome[]): CallCounts {
  const answered = outcomes.filter((o) => o.kind === 'answered');
  const abandoned = outcomes.filter((o) => o.kind === 'abandoned');
  const hist = new Array<number>(601).fill(0);
  for (const o of answered) {
    const bin = Math.min(Math.floor(o.waitMs / 1000), 600);
    hist[bin] = (hist[bin] as number) + 1;
  }
  return {
    offered: outcomes.filter((o) => o.kind === 'offered').length,
    answered: answered.length,
    answeredWithin60s: answered.filter((o) => o.waitMs <= 60_000).length,
    abandoned: abandoned.length,
    abandonedAfter30s: abandoned.filter((o) => o.waitMs > 30_000).length,
    abandonedAfter60s: abandoned.filter((o) => o.waitMs > 60_000).length,
    answerMsSum: answered.reduce((sum, o) => sum + o.waitMs, 0),
    answerHist: hist,
  };
}

describe('rules', () => {
  it('answered within 60 s is waitMs <= 60000; abandoned after 30 s is waitMs > 30000, after 60 s > 60000', () => {
    expect(isAnsweredWithin60s(60_000)).toBe(true);
    expect(isAnsweredWithin60s(60_001)).toBe(false);
    expect(isAbandonedAfter30s(30_000)).toBe(false);
    expect(isAbandonedAfter30s(30_001)).toBe(true);
    expect(isAbandonedAfter60s(60_000)).toBe(false);
    expect(isAbandonedAfter60s(60_001)).toBe(true);
  });

  it('offeredAt subtracts the wait for answered and abandoned only', () => {
    const at = '2026-11-25T09:15:10Z';
    expect(offeredAt({ kind: 'offered', at })).toBe(Date.parse(at));
    expect(offeredAt({ kind: 'answered', at, waitMs: 20_000 })).toBe(Date.parse('2026-11-25T09:14:50Z'));
    expect(offeredAt({ kind: 'abandoned', at, waitMs: 70_000 })).toBe(Date.parse('2026-11-25T09:14:00Z'));
    expect(offeredAt({ kind: 'offered', at, waitMs: 5_000 })).toBe(Date.parse(at));
    expect(offeredAt({ kind: 'ended', at, waitMs: 5_000 })).toBe(Date.parse(at));
    expect(() => offeredAt({ kind: 'offered', at: 'not a time' })).toThrow(
      /not an ISO instant: "not a time"/,
    );
  });

  it('addEventToCounts counts offered, answered and abandoned only, each by its own rule', () => {
    const c = emptyCounts();
    for (const kind of ['ended', 'transferred', 'callback_requested'])
      addEventToCounts(c, { kind, waitMs: 90_000 });
    expect(c).toEqual(emptyCounts());
    addEventToCounts(c, { kind: 'answered', waitMs: 60_001 });
    for (const waitMs of [30_000, 30_001, 60_000, 60_001]) addEventToCounts(c, { kind: 'abandoned', waitMs });
    expect(c).toEqual(
      countByHand([
        { kind: 'answered', waitMs: 60_001 },
        ...[30_000, 30_001, 60_000, 60_001].map((waitMs) => ({ kind: 'abandoned' as const, waitMs })),
      ]),
    );
    expect(c).toMatchObject({ abandoned: 4, abandonedAfter30s: 3, abandonedAfter60s: 1 });
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
      abandonedAfter60s: 0,
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
  const asEvents = (outcomes: readonly Outcome[], prefix: string): CallEventLike[] =>
    outcomes.map((o, i) => ({ siteId: 'leeds', callId: `${prefix}${i}`, at: '2026-11-25T09:14:00Z', ...o }));

  it('property: countsFromEvents of distinct raw events is the count by hand', () => {
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 80 }), (outcomes) => {
        // Offered at 09:14 whatever the wait: `at` is the offer instant plus the wait.
        const events = asEvents(outcomes, 'c').map((e) => ({
          ...e,
          at: new Date(
            Date.parse('2026-11-25T09:14:00Z') + (e.kind === 'offered' ? 0 : (e.waitMs ?? 0)),
          ).toISOString(),
        }));
        const total = sumCounts(countsFromEvents(events).values());
        if (outcomes.length === 0) expect(total).toBeNull();
        else expect(total).toEqual(countByHand(outcomes));
      }),
    );
  });

  it("property: merging two windows gives the count by hand of both windows' raw events", () => {
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 60 }), fc.array(outcome, { maxLength: 60 }), (a, b) => {
        expect(mergeCounts(countByHand(a), countByHand(b))).toEqual(countByHand([...a, ...b]));
      }),
    );
  });

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
        // Padded by hand: a short histogram gains zero bins up to 601.
        const padded = {
          ...a,
          answerHist: [...a.answerHist, ...new Array<number>(601 - a.answerHist.length).fill(0)],
        };
        expect(mergeCounts(a, emptyCounts())).toEqual(padded);
        expect(mergeCounts(emptyCounts(), a)).toEqual(padded);
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
