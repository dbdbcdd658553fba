import { describe, expect, it } from 'vitest';
import { simulate } from '../src/generate.ts';
import { daysAgo } from './helpers.ts';

describe('backfill', () => {
  it('generates 28 days of 10 sites, streaming', () => {
    const sites = Array.from({ length: 10 }, (_, i) => ({ id: `site-${String(i + 1).padStart(2, '0')}` }));
    const from = daysAgo(28);
    const to = daysAgo(0);
    const started = performance.now();
    let events = 0;
    let snapshots = 0;
    let statuses = 0;
    let largest = 0;
    for (const batch of simulate({ sites, from, to, scenario: 'cas-outage', seed: 51 })) {
      events += batch.events.length;
      snapshots += batch.snapshots.length;
      statuses += batch.statuses.length;
      largest = Math.max(largest, batch.events.length + batch.snapshots.length + batch.statuses.length);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `28-day backfill of 10 sites: ${events.toLocaleString('en-GB')} call events, ` +
        `${snapshots.toLocaleString('en-GB')} snapshots, ${statuses.toLocaleString('en-GB')} statuses ` +
        `(${(events + snapshots + statuses).toLocaleString('en-GB')} items) in ${seconds.toFixed(1)} s; ` +
        `largest hourly batch ${largest.toLocaleString('en-GB')} items`,
    );
    expect(events).toBeGreaterThan(1_000_000);
    expect(snapshots).toBe(10 * 28 * 5_760);
    expect(largest).toBeLessThan(50_000);
  });
});
