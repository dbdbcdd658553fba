import type { ManualTallyMeasure } from '@switchboard/contracts';

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
