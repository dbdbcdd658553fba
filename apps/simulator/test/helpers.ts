import type { CallEvent, QueueSnapshot, SystemStatusReport } from '@switchboard/contracts';
import { type SimulateOptions, simulate } from '../src/generate.ts';

export interface Collected {
  events: CallEvent[];
  snapshots: QueueSnapshot[];
  statuses: SystemStatusReport[];
  batches: number;
}

/** Runs a whole simulation and keeps everything (fine for the short horizons of tests). */
export function collect(opts: SimulateOptions): Collected {
  const out: Collected = { events: [], snapshots: [], statuses: [], batches: 0 };
  for (const batch of simulate(opts)) {
    out.batches++;
    for (const e of batch.events) out.events.push(e);
    for (const s of batch.snapshots) out.snapshots.push(s);
    for (const s of batch.statuses) out.statuses.push(s);
  }
  return out;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
}

/** Answer times (ms) of calls answered in [fromMs, toMs). */
export function answerTimes(events: readonly CallEvent[], fromMs: number, toMs: number): number[] {
  return events
    .filter((e) => e.kind === 'answered' && Date.parse(e.at) >= fromMs && Date.parse(e.at) < toMs)
    .map((e) => e.waitMs as number);
}

/** UTC midnight `days` days before now: a start that is always in the past. */
export function daysAgo(days: number): Date {
  return new Date((Math.floor(Date.now() / 86_400_000) - days) * 86_400_000);
}
