import type { ManualTallyMeasure } from '@switchboard/contracts';
import type { ChartRow } from './series.ts';

/** Manual tally measures in words (counts kept on paper, per hour). */
export const TALLY_LABEL: Record<ManualTallyMeasure, string> = {
  calls_handled: 'Calls handled',
  callbacks_owed: 'Callbacks owed',
  passed_to_ambulance: 'Cases passed to ambulance by phone',
  passed_to_ed: 'Cases passed to ED by phone',
};

export interface TallyEntry {
  hourStart: string;
  measure: string;
  count: number;
  corrected: boolean;
  enteredBy: string;
}

/** Tallies as one row per hour (newest first), each measure's entry or undefined. */
export function talliesByHour(
  tallies: readonly TallyEntry[],
): { hourStart: string; entries: Partial<Record<string, TallyEntry>> }[] {
  const hours = new Map<string, Partial<Record<string, TallyEntry>>>();
  for (const t of tallies) {
    const row = hours.get(t.hourStart) ?? {};
    row[t.measure] = t;
    hours.set(t.hourStart, row);
  }
  return [...hours.entries()]
    .sort(([a], [b]) => Date.parse(b) - Date.parse(a))
    .map(([hourStart, entries]) => ({ hourStart, entries }));
}

/** The hours a manager may enter a tally for: the last `count` whole hours, newest first, as ISO. */
export function recentHours(now: number, count = 48): string[] {
  const top = Math.floor(now / 3_600_000) * 3_600_000;
  return Array.from({ length: count }, (_, i) => new Date(top - i * 3_600_000).toISOString());
}

/**
 * Rows with the manual tallies of calls handled filled in, apart from the telephony figures: each hour's
 * count on the row its hour starts in (rows longer than an hour add up their hours). Rows without a tally
 * stay null ("none entered"); tallies outside [first row, `to`) are left out.
 */
export function withTallies(
  rows: ChartRow[],
  to: number,
  tallies: readonly Pick<TallyEntry, 'hourStart' | 'measure' | 'count'>[],
): ChartRow[] {
  const first = rows[0];
  if (!first || tallies.length === 0) return rows;
  const manual = new Map<number, number>();
  for (const tally of tallies) {
    if (tally.measure !== 'calls_handled') continue;
    const hour = Date.parse(tally.hourStart);
    if (hour < first.t || hour >= to) continue;
    // The last row starting at or before the hour.
    let row = first;
    for (const r of rows) if (r.t <= hour) row = r;
    manual.set(row.t, (manual.get(row.t) ?? 0) + tally.count);
  }
  if (manual.size === 0) return rows;
  return rows.map((row) =>
    manual.has(row.t) ? { ...row, manualCallsHandled: manual.get(row.t) ?? null } : row,
  );
}
