import { readFileSync } from 'node:fs';
import { listProcesses, withChildren } from './processes.ts';

/** Resident memory of each process and its children (Next.js may run its server in a child), in MB. */
export function rssMb(pids: readonly (number | undefined)[]): number[] {
  const all = listProcesses();
  return pids.map((pid) => {
    if (!pid) return Number.NaN;
    let kb = 0;
    for (const p of withChildren(pid, all)) {
      try {
        kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      } catch {}
    }
    return kb / 1024;
  });
}

/** One reading of a process's RSS, `at` ms after the feed started. */
export interface RssReading {
  at: number;
  mb: number;
}

/** One process's memory over a run, in MB. */
export interface RssSummary {
  /** Just before the feed started: a cold process (not yet loaded, its heap still at its initial size). */
  coldMb: number;
  /** The highest reading in the first half of the time after the warm-up; NaN when there is no such time. */
  warmMb: number;
  /** The highest reading in the second half (to the end of the run). */
  endMb: number;
}

const highest = (values: number[]) => (values.length === 0 ? Number.NaN : Math.max(...values));

/**
 * The cold, after-warm-up and end figures of one process from its readings (`at` ascending; the first is the
 * cold one). The time after `warmupMs` is cut in two halves and each gives its highest reading: RSS follows
 * the heap limit V8 sets at each major collection (every 10–45 s under this load) from the live heap of that
 * moment, so in a steady state it swings by tens of MB — down as well as up (one API process: heapTotal
 * 172–276 MB over five minutes, its live heap flat) — and one reading, or a median over half a minute, may
 * fall in a trough. The highest reading over minutes is what the limit comes to; a leak raises it.
 */
export function summariseRss(readings: readonly RssReading[], warmupMs: number, runMs: number): RssSummary {
  const within = (from: number, to: number) =>
    readings.filter((r) => r.at >= from && r.at < to).map((r) => r.mb);
  const middle = warmupMs + (runMs - warmupMs) / 2;
  return {
    coldMb: readings[0]?.mb ?? Number.NaN,
    warmMb: warmupMs < runMs ? highest(within(warmupMs, middle)) : Number.NaN,
    endMb: highest(within(Math.min(middle, runMs), Number.POSITIVE_INFINITY)),
  };
}

/** Growth from `from` to `to` in per cent. */
export const growth = (from: number, to: number) => ((to - from) / from) * 100;
