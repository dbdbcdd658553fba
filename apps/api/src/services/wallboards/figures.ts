import {
  type TileWindow,
  type WallboardFigures,
  type WallboardView,
  type WindowMeasures,
  windowKey,
} from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import { computeMeasures, emptyCounts, localParts, localToInstant, mergeCounts } from '@switchboard/metrics';
import type { Sites } from '../../auth/principal.ts';
import { toWindowMeasures } from '../queries/call-counts.ts';
import { levelFor } from '../queries/levels.ts';
import { getOverview, type OverviewOptions } from '../queries/overview.ts';
import { iso } from '../queries/range.ts';
import { readCallCounts } from '../queries/rollup-reads.ts';
import { currentSystemStates } from '../queries/system-states.ts';

const MINUTE = 60_000;

/**
 * The instants a tile window covers at `now`: "last N min" is the last N whole minutes including the current
 * one; "since HH:MM" starts at that London wall-clock time today, or yesterday when it is still ahead
 * (24/7: never a reset at midnight). A time the clocks skip starts at the next hour.
 */
export function resolveWindow(window: Exclude<TileWindow, 'now'>, now: number): { from: number; to: number } {
  const to = Math.floor(now / MINUTE) * MINUTE + MINUTE;
  if ('lastMinutes' in window) return { from: to - window.lastMinutes * MINUTE, to };
  const [h, m] = window.since.split(':').map(Number) as [number, number];
  const p = localParts(now);
  const start = (dayOffset: number) => {
    const wall = Date.UTC(p.year, p.month - 1, p.day + dayOffset, h, m);
    return localToInstant(wall) ?? localToInstant(wall + 60 * MINUTE) ?? wall;
  };
  let from = start(0);
  if (from > now) from = start(-1);
  return { from, to };
}

async function windowMeasures(
  db: Db,
  siteIds: string[],
  range: { from: number; to: number },
  alive: boolean,
): Promise<WindowMeasures> {
  const perSite = await readCallCounts(db, levelFor('1m'), { ...range, siteIds }, 'site');
  const has = perSite.size > 0;
  const total = [...perSite.values()].reduce((sum, counts) => mergeCounts(sum, counts), emptyCounts());
  // No rollup rows: none of these calls happened only if some feed was alive in the window; else a gap.
  return toWindowMeasures(computeMeasures(has || alive ? total : null));
}

/** Everything a wallboard shows, for its sites together (the caller has checked it may read the board). */
export async function getBoardFigures(
  db: Db,
  board: WallboardView,
  options: OverviewOptions,
  now = Date.now(),
): Promise<WallboardFigures> {
  const overview = await getOverview(db, options, now);
  const wanted = (sites: Sites, id: string) => sites === 'all' || sites.includes(id);
  const sites = overview.sites.filter((s) => wanted(board.sites, s.siteId));
  const siteIds = sites.map((s) => s.siteId);
  const withSnapshot = sites.filter((s) => s.snapshotAt !== null);
  const sum = (pick: (s: (typeof sites)[number]) => number | null) =>
    withSnapshot.length === 0 ? null : withSnapshot.reduce((total, s) => total + (pick(s) ?? 0), 0);
  const latestEvent = Math.max(...sites.map((s) => (s.lastEventAt ? Date.parse(s.lastEventAt) : 0)), 0);

  const windows = new Map<string, Exclude<TileWindow, 'now'>>();
  for (const page of board.pages)
    for (const tile of page.tiles)
      if (tile.window !== 'now') windows.set(windowKey(tile.window), tile.window);
  const figures = await Promise.all(
    [...windows].map(async ([key, window]) => {
      const range = resolveWindow(window, now);
      const measures =
        siteIds.length === 0
          ? toWindowMeasures(computeMeasures(null))
          : await windowMeasures(db, siteIds, range, latestEvent >= range.from);
      return { key, from: iso(range.from), to: iso(range.to), measures };
    }),
  );

  // Systems: every system the board's sites depend on, and national rows, up ones too (for the strip).
  const states = await currentSystemStates(db, now, options.heartbeatTimeoutS * 1000);
  const systems = states
    .filter((s) => (s.siteId === null ? true : siteIds.includes(s.siteId)))
    .map(({ systemId, name, siteId, status, since }) => ({ systemId, name, siteId, status, since }));
  return {
    asOf: overview.asOf,
    staleAfterS: overview.staleAfterS,
    sites: sites.map(({ siteId, name, lastEventAt, stale }) => ({ siteId, name, lastEventAt, stale })),
    now: {
      callsWaiting: sum((s) => s.callsWaiting),
      longestWaitMs:
        withSnapshot.length === 0 ? null : Math.max(...withSnapshot.map((s) => s.longestWaitMs ?? 0)),
      agentsAvailable: sum((s) => s.agentsAvailable),
      snapshotAt:
        withSnapshot.length === 0
          ? null
          : iso(Math.max(...withSnapshot.map((s) => Date.parse(s.snapshotAt ?? '')))),
    },
    windows: figures,
    systems,
  };
}
