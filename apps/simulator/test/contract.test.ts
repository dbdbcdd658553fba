import {
  type CallEvent,
  callEventsInput,
  LIMITS,
  queueSnapshotsInput,
  systemStatusInput,
} from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES } from '../src/scenarios/index.ts';
import { collect, daysAgo } from './helpers.ts';

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += LIMITS.maxBatch) out.push(items.slice(i, i + LIMITS.maxBatch));
  return out;
}

describe('everything the simulator produces passes the ingestion contract', () => {
  // Recent past days, so the "not in the future" rule is checked against the real clock.
  const from = daysAgo(3);
  const to = daysAgo(1);
  const sites = [
    { id: 'site-a' },
    { id: 'Site_B.2', callsPerDay: 3_000, staffingFactor: 0.8 },
    { id: `x${'y'.repeat(63)}` }, // the longest site id allowed
  ];

  for (const scenario of SCENARIO_NAMES) {
    it(scenario, () => {
      const run = collect({ sites, from, to, scenario, seed: 41 });
      expect(run.events.length).toBeGreaterThan(5_000);
      expect(run.snapshots.length).toBe(3 * 2 * 5_760);
      expect(run.statuses.length).toBeGreaterThan(1_000);
      for (const events of chunks(run.events))
        expect(callEventsInput.parse({ events }).events).toEqual(events);
      for (const snapshots of chunks(run.snapshots)) queueSnapshotsInput.parse({ snapshots });
      for (const statuses of chunks(run.statuses)) systemStatusInput.parse({ statuses });
      const kinds = new Set(run.events.map((e: CallEvent) => e.kind));
      expect([...kinds].sort()).toEqual(
        [
          'abandoned',
          'answered',
          'callback_made',
          'callback_requested',
          'ended',
          'offered',
          'transferred',
        ].sort(),
      );
      for (const e of run.events) {
        expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        if (e.kind === 'answered') expect(e.agentId).toBeDefined();
      }
    });
  }
});
