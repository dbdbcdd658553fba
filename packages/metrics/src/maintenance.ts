import type { StatusInterval, TimeWindow } from './availability.ts';
import { DEFAULT_TIME_ZONE, localMidnight, localParts, localToInstant } from './london-time.ts';

/**
 * A planned maintenance window in UK local time: a one-off `date` (YYYY-MM-DD) or every week on `weekday`
 * (1 = Monday … 7 = Sunday), from `startTime` to `endTime` (HH:MM). An end at or before the start passes
 * midnight into the next day.
 */
export type MaintenanceRule = {
  date?: string | null;
  weekday?: number | null;
  startTime: string;
  endTime: string;
};

const DAY_MS = 86_400_000;
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The instant a local wall time names; a time the clocks skip (spring) is read an hour later. */
function instantOf(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  return localToInstant(wall, timeZone) ?? (localToInstant(wall + 3_600_000, timeZone) as number);
}

/** The occurrences of one rule that overlap [from, to), clipped to it, in time order. */
export function maintenanceOccurrences(
  rule: MaintenanceRule,
  window: TimeWindow,
  timeZone: string = DEFAULT_TIME_ZONE,
): TimeWindow[] {
  const out: TimeWindow[] = [];
  if (!(window.to > window.from)) return out;
  const start = minutesOf(rule.startTime);
  let end = minutesOf(rule.endTime);
  if (end <= start) end += 24 * 60;
  const occurrence = (y: number, mo: number, d: number) => {
    const from = instantOf(y, mo, d, start, timeZone);
    const to = instantOf(y, mo, d, end, timeZone);
    if (to > window.from && from < window.to)
      out.push({ from: Math.max(from, window.from), to: Math.min(to, window.to) });
  };
  if (rule.date) {
    const [y, mo, d] = rule.date.split('-').map(Number);
    if (y && mo && d) occurrence(y, mo, d);
    return out;
  }
  // Stryker: equivalent — `false` here: a missing weekday (or 0) never equals the 1–7 computed below, so the loop adds nothing.
  if (!rule.weekday) return out;
  // Every local day from the day before the window (an overnight window) to its end, bounded by the range.
  const first = localParts(window.from - DAY_MS, timeZone);
  for (let i = 0; ; i++) {
    const dayStart = localMidnight(first.year, first.month, first.day + i, timeZone);
    // Stryker: equivalent — `>` here: a day starting exactly at window.to has occurrences from >= window.to, dropped by the overlap test.
    if (dayStart >= window.to) break;
    // Stryker: equivalent — `/ 3` (20 min): any offset under 23 h after local midnight names the same local date.
    const p = localParts(dayStart + 3_600_000 * 3, timeZone);
    const weekday = ((new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7) + 1;
    if (weekday === rule.weekday) occurrence(p.year, p.month, p.day);
  }
  return out;
}

/** Every rule's occurrences within [from, to), merged into sorted, non-overlapping intervals. */
export function maintenanceIntervals(
  rules: readonly MaintenanceRule[],
  window: TimeWindow,
  timeZone: string = DEFAULT_TIME_ZONE,
): TimeWindow[] {
  const all = rules.flatMap((rule) => maintenanceOccurrences(rule, window, timeZone));
  all.sort((a, b) => a.from - b.from);
  const merged: TimeWindow[] = [];
  for (const next of all) {
    const last = merged[merged.length - 1];
    if (last && next.from <= last.to) last.to = Math.max(last.to, next.to);
    else merged.push({ ...next });
  }
  return merged;
}

/** Whether an instant falls inside any of the rules' windows. */
export function inMaintenance(
  rules: readonly MaintenanceRule[],
  at: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): boolean {
  return maintenanceIntervals(rules, { from: at, to: at + 1 }, timeZone).length > 0;
}

const overlapMs = (a: TimeWindow, b: TimeWindow) =>
  Math.max(0, Math.min(a.to, b.to) - Math.max(a.from, b.from));

export type MaintenanceShare = {
  /** Time of the window under planned maintenance. */
  maintenanceMs: number;
  /** Down or unknown time inside maintenance (planned), and outside it (unplanned). */
  plannedDownMs: number;
  unplannedDownMs: number;
};

/**
 * Splits downtime into planned (inside maintenance) and unplanned. `maintenance` must be merged (as
 * maintenanceIntervals gives). Unknown time counts as down only inside maintenance (a system switched off
 * for its maintenance sends nothing); outside it, unknown stays unknown, as in `availability`.
 */
export function maintenanceShare(
  intervals: readonly StatusInterval[],
  maintenance: readonly TimeWindow[],
): MaintenanceShare {
  let maintenanceMs = 0;
  for (const m of maintenance) maintenanceMs += m.to - m.from;
  let plannedDownMs = 0;
  let unplannedDownMs = 0;
  for (const interval of intervals) {
    if (interval.status !== 'down' && interval.status !== 'unknown') continue;
    let inside = 0;
    for (const m of maintenance) inside += overlapMs(interval, m);
    plannedDownMs += inside;
    if (interval.status === 'down') unplannedDownMs += interval.to - interval.from - inside;
  }
  return { maintenanceMs, plannedDownMs, unplannedDownMs };
}
