import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { cpuSeconds, renice } from '../bench/processes.ts';
import { growth, rssMb, summariseRss } from '../bench/rss.ts';

/** Readings every 5 s over `seconds`, RSS from `mbAt(ms)`. */
const readings = (seconds: number, mbAt: (ms: number) => number) =>
  Array.from({ length: seconds / 5 + 1 }, (_, i) => ({ at: i * 5_000, mb: mbAt(i * 5_000) }));

describe('the load benchmark’s memory figures', () => {
  it('tells the heap sizing of a cold process apart from growth after it', () => {
    // 200 MB cold, up to 350 MB over the first two minutes, then steady: troughs of 280 MB where V8 lowered
    // its heap limit for a while, peaks of 360 MB.
    const run = readings(600, (ms) =>
      ms < 120_000
        ? 200 + (150 * ms) / 120_000
        : ms % 60_000 < 20_000
          ? 280
          : ms % 60_000 === 30_000
            ? 360
            : 350,
    );
    const summary = summariseRss(run, 200_000, 600_000);
    expect(summary).toEqual({ coldMb: 200, warmMb: 360, endMb: 360 });
    expect(growth(summary.coldMb, summary.endMb)).toBe(80);
    expect(growth(summary.warmMb, summary.endMb)).toBe(0);
  });

  it('shows a steady leak after the warm-up', () => {
    // 300 MB after the warm-up, then 0.1 MB more a second.
    const run = readings(600, (ms) => (ms < 200_000 ? 300 : 300 + (ms - 200_000) / 10_000));
    const summary = summariseRss(run, 200_000, 600_000);
    expect(summary.warmMb).toBeCloseTo(319.5);
    expect(summary.endMb).toBe(340);
    expect(growth(summary.warmMb, summary.endMb)).toBeGreaterThan(6);
  });

  it('has no after-warm-up figure when the run is no longer than its warm-up', () => {
    const summary = summariseRss(
      readings(60, () => 100),
      60_000,
      60_000,
    );
    expect(summary.warmMb).toBeNaN();
    expect(summary.endMb).toBe(100);
  });

  it('reads this process’s resident memory', () => {
    const [mine, none] = rssMb([process.pid, undefined]);
    expect(mine).toBeGreaterThan(10);
    expect(none).toBeNaN();
  });

  it('reads the CPU this process has used, by pid and by name', () => {
    const before = cpuSeconds([{ pid: process.pid }])[0] ?? 0;
    const until = performance.now() + 200;
    while (performance.now() < until) Math.sqrt(Math.random());
    const [mine, byName, nobody, none] = cpuSeconds([
      { pid: process.pid },
      { processName: 'node' },
      { processName: 'no-such-process' },
      {},
    ]);
    expect((mine ?? 0) - before).toBeGreaterThanOrEqual(0.1);
    expect(byName).toBeGreaterThanOrEqual(mine ?? 0);
    expect(nobody).toBe(0);
    expect(none).toBe(0);
  });

  it('sets the priority of every thread of a process', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10_000)']);
    try {
      await new Promise((r) => setTimeout(r, 300));
      const pid = child.pid as number;
      renice(pid, 7);
      const threads = readdirSync(`/proc/${pid}/task`).map(Number);
      expect(threads.length).toBeGreaterThan(1);
      for (const thread of threads) expect(getPriority(thread)).toBe(7);
    } finally {
      child.kill();
    }
  });
});
