import { describe, expect, it } from 'vitest';
import { growth, RSS_WINDOW_MS, rssMb, summariseRss } from '../bench/rss.ts';

/** Readings every 5 s over `seconds`, RSS from `mbAt(ms)`. */
const readings = (seconds: number, mbAt: (ms: number) => number) =>
  Array.from({ length: seconds / 5 + 1 }, (_, i) => ({ at: i * 5_000, mb: mbAt(i * 5_000) }));

describe('the load benchmark’s memory figures', () => {
  it('tells the heap sizing of a cold process apart from growth after it', () => {
    // 200 MB cold, up to 350 MB over the first minute, then flat with a GC sawtooth of ±20 MB.
    const run = readings(300, (ms) =>
      ms < 60_000 ? 200 + (150 * ms) / 60_000 : 350 + (ms % 15_000 ? 20 : -20),
    );
    const summary = summariseRss(run, 60_000, 300_000);
    expect(summary.coldMb).toBe(200);
    expect(summary.warmMb).toBe(370);
    expect(summary.endMb).toBe(370);
    expect(summary.peakMb).toBe(370);
    expect(growth(summary.coldMb, summary.endMb)).toBeCloseTo(85);
    expect(growth(summary.warmMb, summary.endMb)).toBe(0);
  });

  it('takes the median of a window, so one reading on a peak does not decide the figure', () => {
    const run = readings(300, (ms) => (ms === 290_000 ? 900 : 300));
    expect(summariseRss(run, 60_000, 300_000).endMb).toBe(300);
  });

  it('gives no warm figure when the run is too short for a warm window before the end window', () => {
    const run = readings(60, () => 100);
    expect(summariseRss(run, 60_000, 60_000).warmMb).toBeNaN();
    expect(
      summariseRss(
        readings(120, () => 100),
        60_000,
        60_000 + 2 * RSS_WINDOW_MS,
      ).warmMb,
    ).toBe(100);
  });

  it('reads this process’s resident memory', () => {
    const [mine, none] = rssMb([process.pid, undefined]);
    expect(mine).toBeGreaterThan(10);
    expect(none).toBeNaN();
  });
});
