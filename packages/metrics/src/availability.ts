export type ReportedStatus = 'up' | 'degraded' | 'down';
export type IntervalStatus = ReportedStatus | 'unknown';

export type StatusSource = 'heartbeat' | 'probe' | 'manual';

/**
 * One status report from a probe, heartbeat or person. `holdsMs` (default: the heartbeat timeout) is how
 * long it stays true without a newer report; see `reportHoldsMs`.
 */
export type StatusReport = { at: number; status: ReportedStatus; holdsMs?: number };

/**
 * How long a report holds without a newer one. A `down` report, and anything a person reported, holds
 * until the next report: a system that is down sends no heartbeats, so silence after "down" is not news.
 * An `up` or `degraded` heartbeat or probe result holds for the heartbeat timeout; after that the status
 * is `unknown`.
 */
export function reportHoldsMs(
  status: ReportedStatus,
  source: StatusSource,
  heartbeatTimeoutMs: number,
): number {
  return status === 'down' || source === 'manual' ? Number.POSITIVE_INFINITY : heartbeatTimeoutMs;
}
/** Half-open window [from, to) in epoch ms. */
export type TimeWindow = { from: number; to: number };
/** Half-open interval [from, to) with one status. */
export type StatusInterval = { from: number; to: number; status: IntervalStatus };

export type Availability = {
  /** (up + degraded) / (window − unknown) × 100; null when the whole window is unknown. */
  availabilityPct: number | null;
  upMs: number;
  degradedMs: number;
  downMs: number;
  unknownMs: number;
};

/**
 * Status over [from, to) as contiguous, non-overlapping intervals covering exactly the window, adjacent
 * equal statuses merged. A report holds until the next report or until at + (holdsMs ?? heartbeatTimeoutMs),
 * whichever comes first (Infinity = until the next report). Before the first report and after a timeout
 * the status is 'unknown'. Reports before `from` count while they hold. Reports may come in any order;
 * of several at the same instant the last one given wins. Empty for an empty window.
 */
export function statusIntervals(
  reports: readonly StatusReport[],
  window: TimeWindow,
  options: { heartbeatTimeoutMs: number },
): StatusInterval[] {
  const { from, to } = window;
  const timeout = options.heartbeatTimeoutMs;
  if (!(timeout > 0)) throw new RangeError(`heartbeatTimeoutMs must be positive, got ${timeout}`);
  // An empty window (to <= from) needs no test: every push below is then empty and ignored.
  const sorted = [...reports].sort((a, b) => a.at - b.at); // stable: same-instant reports keep input order
  const out: StatusInterval[] = [];
  const push = (start: number, end: number, status: IntervalStatus): void => {
    if (end <= start) return;
    const last = out[out.length - 1];
    // Pieces arrive contiguously (each starts at the cursor), so an equal status next to the last merges.
    if (last && last.status === status) last.to = end;
    else out.push({ from: start, to: end, status });
  };
  let cursor = from;
  for (const [i, report] of sorted.entries()) {
    const next = sorted[i + 1];
    const end = Math.min(
      next ? next.at : Number.POSITIVE_INFINITY,
      report.at + (report.holdsMs ?? timeout),
      to,
    );
    const start = Math.max(report.at, from);
    // Stryker: `end < start` is equivalent (an empty piece is ignored and the unknown ones merge).
    if (end <= start) continue;
    push(cursor, start, 'unknown');
    push(start, end, report.status);
    cursor = end;
  }
  push(cursor, to, 'unknown');
  return out;
}

/** Time in each status and the availability % (unknown time is left out of the denominator). */
export function availability(intervals: readonly StatusInterval[]): Availability {
  let upMs = 0;
  let degradedMs = 0;
  let downMs = 0;
  let unknownMs = 0;
  for (const { from, to, status } of intervals) {
    const ms = to - from;
    if (status === 'up') upMs += ms;
    else if (status === 'degraded') degradedMs += ms;
    else if (status === 'down') downMs += ms;
    else unknownMs += ms;
  }
  const knownMs = upMs + degradedMs + downMs;
  return {
    availabilityPct: knownMs === 0 ? null : ((upMs + degradedMs) / knownMs) * 100,
    upMs,
    degradedMs,
    downMs,
    unknownMs,
  };
}
