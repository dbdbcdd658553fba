import type { Tile, TileMeasure, TileWindow, WallboardFigures, WallboardPage } from '@switchboard/contracts';
import { windowKey } from '@switchboard/contracts';
import {
  DEFAULT_THRESHOLDS,
  localParts,
  localToInstant,
  ragStatus,
  type Threshold,
} from '@switchboard/metrics';
import { count, duration, percent, ukTime } from '../format.ts';

/**
 * The wallboard's rules, as pure functions of the clock (`now` is always passed in): what a tile shows and
 * in which colour, when the screen is not live, when the rotation moves on, when the page reloads itself,
 * and how far the static parts drift against burn-in. The screen only wires them to timers.
 */

/** The screen's own connection may be down this long before it says NOT LIVE. */
export const CONNECTION_GRACE_MS = 10_000;
/** No live message, heartbeat or successful read for this long: the page reloads itself. */
export const WATCHDOG_MS = 120_000;
/** A soft reload is not repeated within this time (a reload at the quiet hour must not loop). */
const MIN_UPTIME_FOR_SOFT_RELOAD_MS = 60 * 60_000;

export type Rag = 'breach' | 'at-risk' | 'ok' | 'none';
export const RAG_TEXT: Record<Exclude<Rag, 'none'>, { word: string; symbol: string }> = {
  breach: { word: 'BREACH', symbol: '✕' },
  'at-risk': { word: 'AT RISK', symbol: '!' },
  ok: { word: 'OK', symbol: '✓' },
};

export const MEASURE_LABEL: Record<TileMeasure, string> = {
  callsWaiting: 'Calls waiting',
  longestWaitMs: 'Longest wait',
  agentsAvailable: 'Agents available',
  answeredWithin60sPct: 'Answered in 60 s',
  abandonedAllPct: 'Abandoned (all)',
  abandonedPct: 'Abandoned after 30 s',
  meanAnswerMs: 'Mean answer',
  p95AnswerMs: '95th centile answer',
  offered: 'Calls offered',
  answered: 'Calls answered',
  abandoned: 'Calls abandoned',
};

/** The threshold a tile uses: its own, else the national default for its measure, else none. */
export function tileThreshold(tile: Tile): Threshold | null {
  if (tile.threshold) return { ...tile.threshold, strict: false };
  return (DEFAULT_THRESHOLDS as Record<string, Threshold>)[tile.measure] ?? null;
}

/** BREACH / AT RISK / OK for a value under a tile's threshold; none for a missing value or no threshold. */
export function tileRag(tile: Tile, value: number | null): Rag {
  const threshold = tileThreshold(tile);
  if (!threshold) return 'none';
  const rag = ragStatus(tile.measure, value, { [tile.measure]: threshold });
  return rag === 'red' ? 'breach' : rag === 'amber' ? 'at-risk' : rag === 'green' ? 'ok' : 'none';
}

/** "now", "last 60 min", "since 08:00". */
export function windowLabel(window: TileWindow): string {
  if (window === 'now') return 'now';
  if ('lastMinutes' in window)
    return window.lastMinutes % 60 === 0 && window.lastMinutes >= 120
      ? `last ${window.lastMinutes / 60} h`
      : `last ${window.lastMinutes} min`;
  return `since ${window.since}`;
}

export function formatValue(measure: TileMeasure, value: number): string {
  if (measure.endsWith('Pct')) return percent(value);
  if (measure.endsWith('Ms')) return duration(value);
  return count(value);
}

export interface TileView {
  label: string;
  window: string;
  /** The figure, or "—" when missing. */
  text: string;
  /** Why the figure is missing (shown under "—"), or null. */
  missing: string | null;
  rag: Rag;
  /** When its data last changed (ISO), or null. */
  updatedAt: string | null;
  /** The sites behind the tile have a stale feed: the tile greys out. */
  stale: boolean;
  target: string | null;
}

/** What one tile shows from the board's figures. A missing figure is "—" with the reason, never 0. */
export function tileView(tile: Tile, figures: WallboardFigures | undefined): TileView {
  const label = MEASURE_LABEL[tile.measure];
  const window = windowLabel(tile.window);
  const threshold = tileThreshold(tile);
  const target = threshold
    ? `target ${threshold.better === 'higher' ? '≥' : '≤'} ${formatValue(tile.measure, threshold.target)}`
    : null;
  const base = { label, window, target };
  if (!figures)
    return { ...base, text: '—', missing: 'waiting for data', rag: 'none', updatedAt: null, stale: false };
  const lastEvent = latest(figures.sites.map((s) => s.lastEventAt));
  const stale = figures.sites.length === 0 || figures.sites.some((s) => s.stale);
  let value: number | null;
  let updatedAt: string | null;
  let reason: string;
  if (tile.window === 'now') {
    const now = figures.now;
    value = now[tile.measure as 'callsWaiting' | 'longestWaitMs' | 'agentsAvailable'];
    updatedAt = now.snapshotAt;
    reason = figures.sites.length === 0 ? 'no sites on this board' : 'no queue snapshot in the last 15 min';
  } else {
    const w = figures.windows.find((f) => f.key === windowKey(tile.window));
    const measures = w?.measures;
    value = measures ? ((measures as unknown as Record<string, number | null>)[tile.measure] ?? null) : null;
    updatedAt = lastEvent;
    reason =
      measures && measures.offered !== null
        ? tile.measure.endsWith('Pct') || tile.measure.endsWith('Ms')
          ? 'N/A: no calls in this window'
          : 'no data'
        : lastEvent
          ? `no data from the feed since ${ukTime(lastEvent)}`
          : 'no data from the feed yet';
  }
  if (value === null || value === undefined || Number.isNaN(value))
    return { ...base, text: '—', missing: reason, rag: 'none', updatedAt, stale };
  return {
    ...base,
    text: formatValue(tile.measure, value),
    missing: null,
    rag: tileRag(tile, value),
    updatedAt,
    stale,
  };
}

function latest(times: (string | null)[]): string | null {
  let best: string | null = null;
  for (const t of times) if (t && (!best || Date.parse(t) > Date.parse(best))) best = t;
  return best;
}

export interface Liveness {
  /** When the screen's live connection was lost (ms), or null while connected. */
  lostAt: number | null;
  /** When data last arrived (a live message or a successful read), ms, or null. */
  lastDataAt: number | null;
}

/**
 * NOT LIVE when the screen's own connection has been down for over CONNECTION_GRACE_MS, or any site's feed
 * is stale; `since` is when data last arrived (for "no data since 14:02").
 */
export function notLive(
  now: number,
  live: Liveness,
  figures: WallboardFigures | undefined,
): { notLive: false } | { notLive: true; reason: 'connection' | 'feed'; since: number | null } {
  if (live.lostAt !== null && now - live.lostAt > CONNECTION_GRACE_MS)
    return { notLive: true, reason: 'connection', since: live.lastDataAt ?? live.lostAt };
  const stale = figures?.sites.filter((s) => s.stale) ?? [];
  if (stale.length > 0) {
    const times = stale.map((s) => (s.lastEventAt ? Date.parse(s.lastEventAt) : null));
    const since = times.some((t) => t === null) ? null : Math.min(...(times as number[]));
    return { notLive: true, reason: 'feed', since };
  }
  return { notLive: false };
}

/** A page pins the rotation while it shows a breached tile, or while any system is down. */
export function pagePinned(page: WallboardPage, figures: WallboardFigures | undefined): boolean {
  if (!figures) return false;
  if (figures.systems.some((s) => s.status === 'down')) return true;
  return page.tiles.some((tile) => tileView(tile, figures).rag === 'breach');
}

export interface Rotation {
  page: number;
  /** When the current page came up (ms). */
  shownAt: number;
}

/**
 * The next rotation state at `now`: the page moves on once its interval has passed, unless pinned (then it
 * stays, and its interval starts again when the pin lifts). Never stalls: a page index out of range (a board
 * that lost pages) goes back to the first page, and a clock that jumped back restarts the interval.
 */
export function rotate(
  state: Rotation,
  pages: readonly WallboardPage[],
  now: number,
  pinned: boolean,
): Rotation {
  if (pages.length === 0) return { page: 0, shownAt: now };
  const page = state.page >= 0 && state.page < pages.length ? state.page : 0;
  if (page !== state.page || now < state.shownAt) return { page, shownAt: now };
  if (pinned) return { page, shownAt: now };
  const intervalMs = (pages[page]?.rotateSeconds ?? 30) * 1000;
  if (now - state.shownAt < intervalMs) return state;
  return { page: (page + 1) % pages.length, shownAt: now };
}

/** The watchdog: no sign of life (live message, heartbeat answer, successful read) for WATCHDOG_MS. */
export const watchdogDue = (now: number, lastAliveAt: number): boolean => now - lastAliveAt > WATCHDOG_MS;

/**
 * The daily soft reload: due once the first `quietHour`:00 London time after the page loaded has passed
 * (and the page has run at least an hour, so a reload at the quiet hour does not repeat).
 */
export function softReloadDue(now: number, loadedAt: number, quietHour: number): boolean {
  if (now - loadedAt < MIN_UPTIME_FOR_SOFT_RELOAD_MS) return false;
  const p = localParts(loadedAt);
  const at = (day: number) => {
    const wall = Date.UTC(p.year, p.month - 1, p.day + day, quietHour, 0);
    return localToInstant(wall) ?? localToInstant(wall + 3_600_000) ?? wall;
  };
  let next = at(0);
  if (next <= loadedAt) next = at(1);
  return now >= next;
}

/** Burn-in: the static parts move to the next of a few offsets (at most `maxPx`) every `everyMs`. */
const DRIFT = [
  [0, 0],
  [1, 1],
  [2, 0],
  [1, -1],
  [0, -2],
  [-1, -1],
  [-2, 0],
  [-1, 1],
] as const;
export function driftOffset(now: number, everyMs = 180_000, maxPx = 3): { x: number; y: number } {
  const [x, y] = DRIFT[Math.floor(now / everyMs) % DRIFT.length] ?? [0, 0];
  const scale = maxPx / 2;
  return { x: Math.round(x * scale), y: Math.round(y * scale) };
}
