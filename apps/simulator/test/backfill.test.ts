import { describe, expect, it } from 'vitest';
import { simulate } from '../src/generate.ts';
import { daysAgo } from './helpers.ts';

// How long the full 28-day, 10-site backfill takes is a figure for bench/backfill.ts, not a test.
describe('backfill', () => {
  it('streams two days of three sites in hourly batches: a snapshot every 15 s, bounded batches', () => {
    const sites = Array.from({ length: 3 }, (_, i) => ({ id: `site-${String(i + 1).padStart(2, '0')}` }));
    const from = daysAgo(2);
    const to = daysAgo(0);
    let events = 0;
    let snapshots = 0;
    let batches = 0;
    let largest = 0;
    for (const batch of simulate({ sites, from, to, scenario: 'cas-outage', seed: 51 })) {
      batches += 1;
      events += batch.events.length;
      snapshots += batch.snapshots.length;
      largest = Math.max(largest, batch.events.length + batch.snapshots.length + batch.statuses.length);
    }
    expect(batches).toBe(48);
    expect(snapshots).toBe(3 * 2 * 5_760);
    expect(events).toBeGreaterThan(10_000);
    expect(largest).toBeLessThan(50_000);
  });
});
