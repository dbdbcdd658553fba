import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory of each process and its children (Next.js may run its server in a child), in MB. */
export function rssMb(pids: readonly (number | undefined)[]): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  return pids.map((pid) => {
    if (!pid) return Number.NaN;
    let kb = 0;
    for (const p of [pid, ...(children.get(pid) ?? [])]) {
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
  /** Median over WINDOW after the warm-up; NaN when the run is too short to have one. */
  warmMb: number;
  /** Median over the run's last WINDOW. */
  endMb: number;
  peakMb: number;
}

/** Each figure but the cold one is a median over this window (several readings), not one reading. */
export const RSS_WINDOW_MS = 30_000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * The cold, after-warm-up and end figures of one process from its readings (`at` ascending; the first is the
 * cold one). Warm and end are medians over RSS_WINDOW_MS because RSS follows V8's major collections, a
 * sawtooth of tens of MB every 15–45 s under load: one reading may land on a peak or a trough. The warm
 * window starts at `warmupMs`; a run whose warm window would reach into its end window has no warm figure.
 */
export function summariseRss(readings: readonly RssReading[], warmupMs: number, runMs: number): RssSummary {
  const within = (from: number, to: number) =>
    readings.filter((r) => r.at >= from && r.at < to).map((r) => r.mb);
  const endFrom = runMs - RSS_WINDOW_MS;
  const warmTo = warmupMs + RSS_WINDOW_MS;
  return {
    coldMb: readings[0]?.mb ?? Number.NaN,
    warmMb: warmTo <= endFrom ? median(within(warmupMs, warmTo)) : Number.NaN,
    endMb: median(within(endFrom, Number.POSITIVE_INFINITY)),
    peakMb: Math.max(...readings.map((r) => r.mb)),
  };
}

/** Growth from `from` to `to` in per cent. */
export const growth = (from: number, to: number) => ((to - from) / from) * 100;
