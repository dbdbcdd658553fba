import { reportHoldsMs, type StatusReport } from '@switchboard/metrics';

/** A stored status row: one report, or a run of repeated heartbeats from `at` to `lastAt`. */
export interface StoredRun {
  at: number;
  lastAt: number;
  maxGapMs: number;
  status: 'up' | 'degraded' | 'down';
  source: 'heartbeat' | 'probe' | 'manual';
}

/**
 * The reports that availability folds into intervals, from a stream's stored rows: a run holds from its
 * first report until its last report's hold runs out, exactly as its reports did one by one while no
 * silence inside it (maxGapMs) is longer than the stream's hold now. A row stored late at an instant
 * inside a run (another source's report, or one of the same status with other detail) cuts the run,
 * which resumes after it: at once if it says the same, else at most maxGapMs later (the run's next
 * heartbeat came within that; its exact time is not kept), so only that case is approximate.
 */
export function runReports(rows: readonly StoredRun[], streamHoldMs: number): StatusReport[] {
  const sorted = [...rows].sort((a, b) => a.at - b.at);
  const out: StatusReport[] = [];
  const holds = (r: StoredRun) => reportHoldsMs(r.status, r.source, streamHoldMs);
  let open: StoredRun | undefined;
  for (const row of sorted) {
    out.push({ at: row.at, status: row.status, holdsMs: row.lastAt - row.at + holds(row) });
    if (open && row.at > open.at && row.at < open.lastAt) {
      const resume = row.status === open.status ? row.at : Math.min(open.lastAt, row.at + open.maxGapMs);
      out.push({ at: resume, status: open.status, holdsMs: open.lastAt - resume + holds(open) });
    }
    if (row.lastAt > row.at && (!open || row.lastAt > open.lastAt)) open = row;
  }
  return out;
}
