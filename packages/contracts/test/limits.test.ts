import { describe, expect, it } from 'vitest';
import {
  availabilityInput,
  callEventsInput,
  formatIssues,
  formatPath,
  LIMITS,
  MAX_RANGE_DAYS,
  queueSnapshotsInput,
  seriesInput,
  systemStatusInput,
  timeRangeInput,
} from '../src/index.ts';

// Each limit of the README's contract, on both sides of its edge, with the message a feed owner sees.
const message = (result: { success: boolean; error?: { issues: Parameters<typeof formatIssues>[0] } }) =>
  result.success ? 'accepted' : formatIssues(result.error?.issues ?? []);
const at = () => new Date().toISOString();
const event = (over: Record<string, unknown>) =>
  message(
    callEventsInput.safeParse({
      events: [{ siteId: 'leeds', callId: 'c1', kind: 'offered', at: at(), ...over }],
    }),
  );
const snapshot = (over: Record<string, unknown>) =>
  message(
    queueSnapshotsInput.safeParse({
      snapshots: [
        {
          siteId: 'leeds',
          queue: 'main',
          at: at(),
          callsWaiting: 0,
          longestWaitMs: 0,
          agentsAvailable: 0,
          agentsOnCall: 0,
          agentsWrapUp: 0,
          ...over,
        },
      ],
    }),
  );
const status = (over: Record<string, unknown>) =>
  message(
    systemStatusInput.safeParse({
      statuses: [{ systemId: 'cas', at: at(), status: 'down', source: 'probe', ...over }],
    }),
  );

describe('ids', () => {
  it('are 1–64 characters, call ids up to 128', () => {
    expect(event({ siteId: 'a'.repeat(64) })).toBe('accepted');
    expect(event({ siteId: 'a'.repeat(65) })).toBe('events[0].siteId: siteId must be at most 64 characters');
    expect(event({ callId: 'c'.repeat(128) })).toBe('accepted');
    expect(event({ callId: 'c'.repeat(129) })).toBe(
      'events[0].callId: callId must be at most 128 characters',
    );
    expect(event({ queue: '' })).toMatch(/^events\[0\]\.queue: queue must not be empty; /);
    expect(event({ agentId: 7 })).toBe('events[0].agentId: agentId must be a string');
  });

  it('hold letters, digits and . _ : - and start with a letter or digit', () => {
    expect(event({ callId: 'A9._:-z' })).toBe('accepted');
    expect(event({ callId: '-c1' })).toBe(
      'events[0].callId: callId may contain only letters, digits and . _ : - (starting with a letter or digit)',
    );
    expect(event({ callId: 'c 1' })).toContain('events[0].callId: callId may contain only');
  });
});

describe('times', () => {
  it('may be up to 5 minutes ahead of the server clock, not more', () => {
    const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();
    expect(event({ at: ahead(LIMITS.maxFutureSkewMs - 5_000) })).toBe('accepted');
    expect(event({ at: ahead(LIMITS.maxFutureSkewMs + 5_000) })).toBe(
      'events[0].at: must not be more than 5 minutes in the future',
    );
  });

  it('start at 2015', () => {
    expect(event({ at: '2015-01-01T00:00:00Z' })).toBe('accepted');
    expect(event({ at: '2014-12-31T23:59:59Z' })).toBe(
      'events[0].at: must not be before 2015-01-01T00:00:00Z',
    );
  });

  it('need an offset and a string of at most 40 characters', () => {
    expect(event({ at: '2026-11-25T09:14:00' })).toBe(
      'events[0].at: must be an ISO 8601 timestamp with an offset, e.g. 2026-11-25T09:14:00Z',
    );
    expect(event({ at: `2026-11-25T09:14:00.${'0'.repeat(30)}Z` })).toBe(
      'events[0].at: must be at most 40 characters',
    );
    expect(event({ at: 1 })).toBe('events[0].at: must be an ISO 8601 timestamp string with an offset');
  });
});

describe('waits, counts and detail', () => {
  it('waits are whole milliseconds from 0 to 24 h', () => {
    const answered = (waitMs: unknown) => event({ kind: 'answered', waitMs });
    expect(answered(0)).toBe('accepted');
    expect(answered(24 * 3_600_000)).toBe('accepted');
    expect(answered(24 * 3_600_000 + 1)).toBe('events[0].waitMs: must be at most 86400000 (24 hours)');
    expect(answered(-1)).toBe('events[0].waitMs: must not be negative');
    expect(answered(1.5)).toBe('events[0].waitMs: must be a whole number of milliseconds');
    expect(answered('5')).toBe('events[0].waitMs: must be a number of milliseconds');
    expect(event({ kind: 'abandoned' })).toBe('events[0].waitMs: is required for kind "abandoned"');
  });

  it('counts are whole numbers from 0 to 100,000', () => {
    expect(snapshot({ callsWaiting: 100_000 })).toBe('accepted');
    expect(snapshot({ callsWaiting: 100_001 })).toBe('snapshots[0].callsWaiting: must be at most 100000');
    expect(snapshot({ agentsOnCall: -1 })).toBe('snapshots[0].agentsOnCall: must not be negative');
    expect(snapshot({ agentsWrapUp: 0.5 })).toBe('snapshots[0].agentsWrapUp: must be a whole number');
    expect(snapshot({ agentsAvailable: null })).toBe('snapshots[0].agentsAvailable: must be a number');
  });

  it('detail is a string of at most 1,000 characters; kinds, statuses and sources are named', () => {
    expect(status({ detail: 'x'.repeat(1_000) })).toBe('accepted');
    expect(status({ detail: 'x'.repeat(1_001) })).toBe(
      'statuses[0].detail: detail must be at most 1000 characters',
    );
    expect(status({ detail: 5 })).toBe('statuses[0].detail: detail must be a string');
    expect(status({ detail: 'a\u0000b' })).toBe(
      'statuses[0].detail: detail must not contain control characters',
    );
    expect(status({ status: 'unknown' })).toBe('statuses[0].status: must be one of up, degraded, down');
    expect(status({ source: 'rumour' })).toBe('statuses[0].source: must be one of heartbeat, probe, manual');
    expect(event({ kind: 'hung_up' })).toBe(
      'events[0].kind: must be one of offered, answered, abandoned, ended, callback_requested, callback_made, transferred',
    );
  });

  it('a batch is an array of 1–5,000 items', () => {
    expect(message(callEventsInput.safeParse({ events: {} }))).toBe('events: events must be an array');
    expect(message(callEventsInput.safeParse({ events: [] }))).toBe(
      'events: events must hold at least one item',
    );
  });
});

describe('query ranges', () => {
  const from = '2026-01-01T00:00:00Z';
  const plus = (ms: number) => new Date(Date.parse(from) + ms).toISOString();
  it(`cover at most ${MAX_RANGE_DAYS} days, end after they start, and take "last" or "from" and "to"`, () => {
    expect(message(timeRangeInput.safeParse({ from, to: plus(400 * 86_400_000) }))).toBe('accepted');
    expect(message(timeRangeInput.safeParse({ from, to: plus(400 * 86_400_000 + 1) }))).toBe(
      'to: the range may be at most 400 days',
    );
    expect(message(timeRangeInput.safeParse({ from, to: from }))).toBe('to: must be after "from"');
    expect(message(timeRangeInput.safeParse({ from, to: plus(1) }))).toBe('accepted');
    expect(message(timeRangeInput.safeParse({ from }))).toBe('to: is required (or give "last")');
    expect(message(timeRangeInput.safeParse({ to: from }))).toBe('from: is required (or give "last")');
    expect(message(timeRangeInput.safeParse({ last: '4h', from }))).toBe(
      'last: give either "last" or "from" and "to", not both',
    );
    expect(message(timeRangeInput.safeParse({ last: '4h', to: from }))).toBe(
      'last: give either "last" or "from" and "to", not both',
    );
    expect(message(timeRangeInput.safeParse({ last: '400d' }))).toBe('accepted');
    expect(message(timeRangeInput.safeParse({ last: '401d' }))).toBe(
      'last: the range may be at most 400 days',
    );
    expect(message(timeRangeInput.safeParse({ last: '9999d' }))).toBe(
      'last: the range may be at most 400 days',
    );
    expect(message(timeRangeInput.safeParse({ last: '0h' }))).toBe(
      'last: must be a relative range such as "30m", "4h" or "7d"',
    );
    expect(message(timeRangeInput.safeParse({ last: 4 }))).toBe(
      'last: must be a relative range such as "4h"',
    );
    expect(message(timeRangeInput.safeParse({ from: 'today', to: from }))).toBe(
      'from: must be an ISO 8601 timestamp with an offset',
    );
  });

  it('series and availability take the same range; intervals are named', () => {
    expect(message(seriesInput.safeParse({ last: '4h', interval: '2m' }))).toBe(
      'interval: must be one of 1m, 5m, 15m, 1h, 1d',
    );
    expect(message(availabilityInput.safeParse({ last: '4h', from }))).toBe(
      'last: give either "last" or "from" and "to", not both',
    );
  });
});

describe('error messages', () => {
  it('name the path, an empty one as (input), and stop after ten', () => {
    expect(formatPath([])).toBe('(input)');
    expect(formatPath(['events', 3, 'waitMs'])).toBe('events[3].waitMs');
    const many = Array.from({ length: 12 }, (_, i) => ({
      siteId: 'leeds',
      callId: `c${i}`,
      kind: 'nope',
      at: at(),
    }));
    const text = message(callEventsInput.safeParse({ events: many }));
    expect(text.split('; ')).toHaveLength(11);
    expect(text.endsWith('… and 2 more')).toBe(true);
  });
});
