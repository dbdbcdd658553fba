import type { OverviewSite } from '@switchboard/contracts';

export type SortDirection = 'ascending' | 'descending';

/** The overview's sortable columns; a stale site's figures count as missing, and missing sorts last. */
export const SORT_COLUMNS = {
  name: { label: 'Site', value: (s: OverviewSite) => s.name.toLowerCase(), figure: false },
  callsWaiting: { label: 'Calls waiting', value: (s: OverviewSite) => s.callsWaiting, figure: true },
  longestWait: { label: 'Longest wait', value: (s: OverviewSite) => s.longestWaitMs, figure: true },
  agents: { label: 'Agents available', value: (s: OverviewSite) => s.agentsAvailable, figure: true },
  offered: { label: 'Calls offered', value: (s: OverviewSite) => s.last60m.offered, figure: true },
  within60: {
    label: 'Answered within 60 s',
    value: (s: OverviewSite) => s.last60m.answeredWithin60sPct,
    figure: true,
  },
  abandoned30: {
    label: 'Abandoned after 30 s',
    value: (s: OverviewSite) => s.last60m.abandonedPct,
    figure: true,
  },
  abandonedAll: {
    label: 'Abandoned, all',
    value: (s: OverviewSite) => s.last60m.abandonedAllPct,
    figure: true,
  },
  mean: { label: 'Mean answer', value: (s: OverviewSite) => s.last60m.meanAnswerMs, figure: true },
  p95: { label: '95th centile answer', value: (s: OverviewSite) => s.last60m.p95AnswerMs, figure: true },
  systems: { label: 'Systems not up', value: (s: OverviewSite) => s.systemsDown.length, figure: false },
} as const;

export type SortKey = keyof typeof SORT_COLUMNS;

export function sortSites(sites: OverviewSite[], key: SortKey, direction: SortDirection): OverviewSite[] {
  const column = SORT_COLUMNS[key];
  const sortValue = (s: OverviewSite) => (column.figure && s.stale ? null : column.value(s));
  const sign = direction === 'ascending' ? 1 : -1;
  return [...sites].sort((a, b) => {
    const va = sortValue(a);
    const vb = sortValue(b);
    if (va === null || vb === null) {
      if (va === vb) return a.name.localeCompare(b.name);
      return va === null ? 1 : -1;
    }
    const order = typeof va === 'string' ? va.localeCompare(String(vb)) : va - Number(vb);
    return order === 0 ? a.name.localeCompare(b.name) : sign * order;
  });
}

/** A second click on the sorted column flips it; a new column starts with its most useful direction. */
export function nextSort(
  current: { key: SortKey; direction: SortDirection },
  key: SortKey,
): { key: SortKey; direction: SortDirection } {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  // Worst first: fewest answered in time, otherwise the highest waits and rates.
  const direction: SortDirection =
    key === 'name' || key === 'within60' || key === 'agents' ? 'ascending' : 'descending';
  return { key, direction };
}
