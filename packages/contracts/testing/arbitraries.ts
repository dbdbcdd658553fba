/**
 * fast-check generators of valid ingestion payloads, shared by the contract tests of every package.
 * Test-only: fast-check is a dev dependency.
 */
import fc from 'fast-check';
import type { CallEvent } from '../src/ingest/call-events.ts';
import { CALL_EVENT_KINDS } from '../src/ingest/call-events.ts';
import type { QueueSnapshot } from '../src/ingest/queue-snapshots.ts';
import type { SystemStatusReport } from '../src/ingest/system-status.ts';
import { REPORTED_STATUSES, STATUS_SOURCES } from '../src/ingest/system-status.ts';

const DAY = 86_400_000;

/** An instant in the last 30 days, as ISO 8601 in UTC or with a whole-hour offset. */
export const instantArb = (now = Date.now()) =>
  fc
    .tuple(fc.integer({ min: now - 30 * DAY, max: now - 1_000 }), fc.constantFrom(0, 1, -5))
    .map(([ms, offset]) => {
      if (offset === 0) return new Date(ms).toISOString();
      const local = new Date(ms + offset * 3_600_000).toISOString().slice(0, 23);
      const sign = offset > 0 ? '+' : '-';
      return `${local}${sign}${String(Math.abs(offset)).padStart(2, '0')}:00`;
    });

const idArb = fc.stringMatching(/^[a-z0-9][a-z0-9._:-]{0,15}$/);

export const callEventArb = (siteIds: readonly string[]): fc.Arbitrary<CallEvent> =>
  fc
    .record(
      {
        siteId: fc.constantFrom(...siteIds),
        callId: idArb,
        kind: fc.constantFrom(...CALL_EVENT_KINDS),
        at: instantArb(),
        waitMs: fc.integer({ min: 0, max: 900_000 }),
        queue: fc.constantFrom('main', 'clinical', 'dental'),
        agentId: idArb,
      },
      { requiredKeys: ['siteId', 'callId', 'kind', 'at'] },
    )
    .map((event) =>
      (event.kind === 'answered' || event.kind === 'abandoned') && event.waitMs === undefined
        ? { ...event, waitMs: 5_000 }
        : event,
    );

export const queueSnapshotArb = (siteIds: readonly string[]): fc.Arbitrary<QueueSnapshot> =>
  fc.record({
    siteId: fc.constantFrom(...siteIds),
    queue: fc.constantFrom('main', 'clinical'),
    at: instantArb(),
    callsWaiting: fc.integer({ min: 0, max: 500 }),
    longestWaitMs: fc.integer({ min: 0, max: 3_600_000 }),
    agentsAvailable: fc.integer({ min: 0, max: 200 }),
    agentsOnCall: fc.integer({ min: 0, max: 200 }),
    agentsWrapUp: fc.integer({ min: 0, max: 200 }),
  });

export const systemStatusArb = (
  systemIds: readonly string[],
  siteIds: readonly string[],
): fc.Arbitrary<SystemStatusReport> =>
  fc.record(
    {
      systemId: fc.constantFrom(...systemIds),
      // Left out now and then: a national report (the system as a whole), which needs an all-sites key.
      siteId: fc.constantFrom(...siteIds),
      at: instantArb(),
      status: fc.constantFrom(...REPORTED_STATUSES),
      source: fc.constantFrom(...STATUS_SOURCES),
      detail: fc.string({ maxLength: 200 }).map((s) => s.replaceAll('\u0000', '')),
    },
    { requiredKeys: ['systemId', 'at', 'status', 'source'] },
  );

/** The identity of a call event: a batch holding the same key twice stores it once. */
export const callEventKey = (e: Pick<CallEvent, 'siteId' | 'callId' | 'kind'>) =>
  `${e.siteId}|${e.callId}|${e.kind}`;
