import { describe, expect, it } from 'vitest';
import { reportHoldsMs, statusIntervals } from '../src/availability.ts';

describe('how long a status report holds', () => {
  it('keeps down and manual reports until the next report, and lets heartbeats expire', () => {
    expect(reportHoldsMs('down', 'probe', 90_000)).toBe(Number.POSITIVE_INFINITY);
    expect(reportHoldsMs('up', 'manual', 90_000)).toBe(Number.POSITIVE_INFINITY);
    expect(reportHoldsMs('up', 'heartbeat', 90_000)).toBe(90_000);
    expect(reportHoldsMs('degraded', 'probe', 90_000)).toBe(90_000);
  });

  it('shows a probe-reported outage as down while heartbeats are silent, then unknown gaps as unknown', () => {
    const hold = (status: 'up' | 'down', source: 'heartbeat' | 'probe') =>
      reportHoldsMs(status, source, 90_000);
    const reports = [
      { at: 0, status: 'up' as const, holdsMs: hold('up', 'heartbeat') },
      { at: 30_000, status: 'down' as const, holdsMs: hold('down', 'probe') },
      { at: 600_000, status: 'up' as const, holdsMs: hold('up', 'heartbeat') },
    ];
    expect(statusIntervals(reports, { from: 0, to: 1_000_000 }, { heartbeatTimeoutMs: 90_000 })).toEqual([
      { from: 0, to: 30_000, status: 'up' },
      { from: 30_000, to: 600_000, status: 'down' },
      { from: 600_000, to: 690_000, status: 'up' },
      { from: 690_000, to: 1_000_000, status: 'unknown' },
    ]);
  });
});
