import { describe, expect, it } from 'vitest';
import {
  availabilityInput,
  callEventsInput,
  DEFAULT_QUEUE,
  formatIssues,
  liveInput,
  overviewInput,
  queueSnapshotsInput,
  seriesInput,
  systemStatusInput,
  timeRangeInput,
} from '../src/index.ts';

// The rest of the contract's edges: each field's own name in its message, the issue codes clients get in
// `error.data.issues`, and the bounds of the query inputs.
type Parsed = { success: boolean; error?: { issues: Parameters<typeof formatIssues>[0] } };
const message = (result: Parsed) => (result.success ? 'accepted' : formatIssues(result.error?.issues ?? []));
const codes = (result: Parsed) => (result.error?.issues ?? []).map((i) => i.code);
const at = () => new Date().toISOString();
const snapshot = {
  siteId: 'leeds',
  queue: 'main',
  callsWaiting: 0,
  longestWaitMs: 0,
  agentsAvailable: 0,
  agentsOnCall: 0,
  agentsWrapUp: 0,
};
const status = { systemId: 'cas', status: 'down', source: 'probe' };
const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);

describe('messages name the field', () => {
  it('in snapshots and statuses', () => {
    const snap = (over: object) =>
      message(queueSnapshotsInput.safeParse({ snapshots: [{ ...snapshot, at: at(), ...over }] }));
    expect(snap({ siteId: '' })).toMatch(/^snapshots\[0\]\.siteId: siteId must not be empty/);
    expect(snap({ queue: '' })).toMatch(/^snapshots\[0\]\.queue: queue must not be empty/);
    expect(message(queueSnapshotsInput.safeParse({ snapshots: {} }))).toBe(
      'snapshots: snapshots must be an array',
    );
    const stat = (over: object) =>
      message(systemStatusInput.safeParse({ statuses: [{ ...status, at: at(), ...over }] }));
    expect(stat({ systemId: '' })).toMatch(/^statuses\[0\]\.systemId: systemId must not be empty/);
    expect(stat({ siteId: '' })).toMatch(/^statuses\[0\]\.siteId: siteId must not be empty/);
    expect(stat({})).toBe('accepted'); // a national report: no siteId
    expect(message(systemStatusInput.safeParse({ statuses: {} }))).toBe(
      'statuses: statuses must be an array',
    );
  });

  it('in query inputs', () => {
    expect(message(seriesInput.safeParse({ last: '4h', siteIds: [''] }))).toMatch(
      /^siteIds\[0\]: siteId must not be empty/,
    );
    expect(message(availabilityInput.safeParse({ last: '4h', siteIds: [''] }))).toMatch(
      /^siteIds\[0\]: siteId must not be empty/,
    );
    expect(message(availabilityInput.safeParse({ last: '4h', systemIds: [''] }))).toMatch(
      /^systemIds\[0\]: systemId must not be empty/,
    );
    expect(message(liveInput.safeParse({ siteIds: [''] }))).toMatch(
      /^siteIds\[0\]: siteId must not be empty/,
    );
  });

  it('with every unknown field, and at most ten lines', () => {
    const extra = { siteId: 'leeds', callId: 'c', kind: 'offered', at: at(), a: 1, b: 2 };
    expect(message(callEventsInput.safeParse({ events: [extra] }))).toBe(
      'events[0]: unknown field(s) "a", "b"',
    );
    const ten = Array.from({ length: 10 }, (_, i) => ({
      siteId: 'leeds',
      callId: `c${i}`,
      kind: 'nope',
      at: at(),
    }));
    const text = message(callEventsInput.safeParse({ events: ten }));
    expect(text.split('; ')).toHaveLength(10);
    expect(text).not.toContain('more');
  });
});

describe('issue codes', () => {
  it('are "custom" for the contract’s own rules', () => {
    const base = { siteId: 'leeds', callId: 'c1', at: at() };
    expect(codes(callEventsInput.safeParse({ events: [{ ...base, kind: 'answered' }] }))).toEqual(['custom']);
    const when = (iso: string) =>
      codes(callEventsInput.safeParse({ events: [{ ...base, kind: 'offered', at: iso }] }));
    expect(when('2001-01-01T00:00:00Z')).toEqual(['custom']);
    expect(when(new Date(Date.now() + 3_600_000).toISOString())).toEqual(['custom']);
    const from = '2026-01-01T00:00:00Z';
    expect(codes(timeRangeInput.safeParse({ from, to: from }))).toEqual(['custom']);
    expect(codes(timeRangeInput.safeParse({ from, to: '2027-12-01T00:00:00Z' }))).toEqual(['custom']);
    expect(codes(timeRangeInput.safeParse({ from }))).toEqual(['custom']);
    expect(codes(timeRangeInput.safeParse({ last: '4h', from }))).toEqual(['custom']);
  });
});

describe('query inputs', () => {
  it('relative ranges are 1–9999 of m, h or d, nothing around them', () => {
    expect(message(timeRangeInput.safeParse({ last: 'x4h' }))).toMatch(/^last: must be a relative range/);
    expect(message(timeRangeInput.safeParse({ last: '4hx' }))).toMatch(/^last: must be a relative range/);
    expect(message(timeRangeInput.safeParse({ last: '10000d' }))).toMatch(/^last: must be a relative range/);
  });

  it('instants carry an offset, any offset', () => {
    expect(
      message(timeRangeInput.safeParse({ from: '2026-01-01T00:00:00+01:00', to: '2026-01-02T00:00:00Z' })),
    ).toBe('accepted');
    expect(
      message(timeRangeInput.safeParse({ from: '2026-01-01T00:00:00', to: '2026-01-02T00:00:00Z' })),
    ).toBe('from: must be an ISO 8601 timestamp with an offset');
  });

  it('site and system lists hold up to 200; none means every site', () => {
    expect(seriesInput.parse({ last: '4h' }).siteIds).toEqual([]);
    expect(message(seriesInput.safeParse({ last: '4h', siteIds: ['leeds'] }))).toBe('accepted');
    expect(message(seriesInput.safeParse({ last: '4h', siteIds: ids(200) }))).toBe('accepted');
    expect(message(seriesInput.safeParse({ last: '4h', siteIds: ids(201) }))).toMatch(/^siteIds: /);
    expect(message(availabilityInput.safeParse({ last: '4h', siteIds: ['leeds'], systemIds: ['cas'] }))).toBe(
      'accepted',
    );
    expect(message(availabilityInput.safeParse({ last: '4h', siteIds: ids(201) }))).toMatch(/^siteIds: /);
    expect(message(availabilityInput.safeParse({ last: '4h', systemIds: ids(201) }))).toMatch(/^systemIds: /);
    expect(message(liveInput.safeParse({ siteIds: ['leeds'] }))).toBe('accepted');
    expect(message(liveInput.safeParse({ siteIds: ids(201) }))).toMatch(/^siteIds: /);
  });

  it('maxPoints is 2–5,000; staleAfterS 10–86,400; lastEventId up to 100 characters', () => {
    const points = (maxPoints: number) => message(seriesInput.safeParse({ last: '4h', maxPoints }));
    expect([points(1), points(2), points(5_000), points(5_001)].map((m) => m === 'accepted')).toEqual([
      false,
      true,
      true,
      false,
    ]);
    const stale = (staleAfterS: number) => message(overviewInput.safeParse({ staleAfterS }));
    expect([stale(9), stale(10), stale(86_400), stale(86_401)].map((m) => m === 'accepted')).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(message(overviewInput.safeParse({ colour: 'red' }))).toBe('(input): unknown field(s) "colour"');
    const resume = (lastEventId: string) => message(liveInput.safeParse({ lastEventId }));
    expect(
      [resume(''), resume('x'.repeat(100)), resume('x'.repeat(101))].map((m) => m === 'accepted'),
    ).toEqual([true, true, false]);
    expect(message(liveInput.safeParse({ colour: 'red' }))).toBe('(input): unknown field(s) "colour"');
  });

  it('an event or snapshot without a queue belongs to the queue called "default"', () => {
    expect(DEFAULT_QUEUE).toBe('default');
  });
});
