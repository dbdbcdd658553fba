import type { AvailabilityRow, SystemState } from '@switchboard/contracts';

export interface Outage {
  from: number;
  to: number;
  /** Names of the systems down at some point in this period. */
  systems: string[];
}

/** Rows that concern a site: its own and national ones. */
export const rowsForSite = (rows: AvailabilityRow[], siteId: string): AvailabilityRow[] =>
  rows.filter((row) => row.siteId === siteId || row.siteId === null);

/** Every period in which any of the rows was `down`, overlapping periods merged. */
export function outagePeriods(rows: AvailabilityRow[], state: SystemState = 'down'): Outage[] {
  const spans = rows
    .flatMap((row) =>
      row.intervals
        .filter((i) => i.status === state)
        .map((i) => ({ from: Date.parse(i.from), to: Date.parse(i.to), name: row.name })),
    )
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  const merged: Outage[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.from <= last.to) {
      last.to = Math.max(last.to, span.to);
      if (!last.systems.includes(span.name)) last.systems.push(span.name);
    } else {
      merged.push({ from: span.from, to: span.to, systems: [span.name] });
    }
  }
  return merged;
}
