import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  callEventsInput,
  formatIssues,
  LIMITS,
  queueSnapshotsInput,
  systemStatusInput,
} from '../src/index.ts';
import { callEventArb, queueSnapshotArb, systemStatusArb } from '../testing/arbitraries.ts';

const sites = ['leeds', 'york'];
const firstMessage = (result: {
  success: boolean;
  error?: { issues: Parameters<typeof formatIssues>[0] };
}) => (result.error ? formatIssues(result.error.issues) : '');

describe('ingestion contract v1', () => {
  it('accepts every generated valid batch', () => {
    fc.assert(
      fc.property(fc.array(callEventArb(sites), { minLength: 1, maxLength: 50 }), (events) => {
        expect(callEventsInput.safeParse({ events }).success).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.array(queueSnapshotArb(sites), { minLength: 1, maxLength: 20 }), (snapshots) => {
        expect(queueSnapshotsInput.safeParse({ snapshots }).success).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.array(systemStatusArb(['cas'], sites), { minLength: 1, maxLength: 20 }), (statuses) => {
        expect(systemStatusInput.safeParse({ statuses }).success).toBe(true);
      }),
    );
  });

  it('names the index and field of a bad event', () => {
    fc.assert(
      fc.property(
        fc.array(callEventArb(sites), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.constantFrom(
          ['siteId', 42],
          ['callId', ''],
          ['kind', 'hung_up'],
          ['at', 'yesterday'],
          ['at', '2026-11-25T09:14:00'],
          ['waitMs', -1],
          ['waitMs', 1.5],
          ['waitMs', Number.NaN],
          ['queue', 'x'.repeat(65)],
          ['agentId', 'has space'],
        ),
        (events, pick, [field, value]) => {
          const index = pick % events.length;
          const bad = events.map((e, i) => (i === index ? { ...e, [field]: value } : e));
          const result = callEventsInput.safeParse({ events: bad });
          expect(result.success).toBe(false);
          expect(firstMessage(result)).toContain(`events[${index}].${field}:`);
        },
      ),
    );
  });

  it('requires waitMs for answered and abandoned calls only', () => {
    const at = new Date().toISOString();
    const base = { siteId: 'leeds', callId: 'c1', at };
    expect(firstMessage(callEventsInput.safeParse({ events: [{ ...base, kind: 'answered' }] }))).toBe(
      'events[0].waitMs: is required for kind "answered"',
    );
    expect(callEventsInput.safeParse({ events: [{ ...base, kind: 'offered' }] }).success).toBe(true);
  });

  it('refuses dates far in the future or before 2015, and unknown fields', () => {
    const event = { siteId: 'leeds', callId: 'c1', kind: 'offered' };
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    expect(firstMessage(callEventsInput.safeParse({ events: [{ ...event, at: future }] }))).toContain(
      'events[0].at: must not be more than 5 minutes in the future',
    );
    expect(
      firstMessage(callEventsInput.safeParse({ events: [{ ...event, at: '2001-01-01T00:00:00Z' }] })),
    ).toContain('events[0].at: must not be before');
    expect(
      firstMessage(callEventsInput.safeParse({ events: [{ ...event, at: '2026-02-30T00:00:00Z' }] })),
    ).toContain('events[0].at:');
    const extra = { ...event, at: new Date().toISOString(), colour: 'red' };
    expect(firstMessage(callEventsInput.safeParse({ events: [extra] }))).toContain(
      'events[0]: unknown field(s) "colour"',
    );
  });

  it('bounds the batch size', () => {
    expect(firstMessage(callEventsInput.safeParse({ events: [] }))).toContain(
      'events: events must hold at least one',
    );
    const at = new Date().toISOString();
    const many = Array.from({ length: LIMITS.maxBatch + 1 }, (_, i) => ({
      siteId: 'leeds',
      callId: `c${i}`,
      kind: 'offered',
      at,
    }));
    expect(firstMessage(callEventsInput.safeParse({ events: many }))).toContain(`at most ${LIMITS.maxBatch}`);
  });

  it('refuses NUL characters in status detail', () => {
    const status = {
      systemId: 'cas',
      at: new Date().toISOString(),
      status: 'down',
      source: 'manual',
      detail: 'a\u0000b',
    };
    expect(firstMessage(systemStatusInput.safeParse({ statuses: [status] }))).toContain(
      'statuses[0].detail:',
    );
  });
});
