import type { Tile, WallboardFigures, WallboardPage } from '@switchboard/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CONNECTION_GRACE_MS,
  driftOffset,
  notLive,
  pagePinned,
  rotate,
  softReloadDue,
  tileView,
  WATCHDOG_MS,
  watchdogDue,
} from '../lib/wallboard/rules.ts';

const T0 = Date.parse('2026-11-27T14:02:00Z');
const page = (
  rotateSeconds: number,
  tiles: Tile[] = [{ measure: 'callsWaiting', window: 'now' }],
): WallboardPage => ({
  tiles,
  rotateSeconds,
  chart: false,
  systems: true,
});
const sl: Tile = { measure: 'answeredWithin60sPct', window: { lastMinutes: 60 } };
const measures = (answeredWithin60sPct: number | null, offered: number | null = 100) => ({
  offered,
  answered: offered,
  answeredWithin60s: null,
  abandoned: null,
  abandonedAfter30s: null,
  answeredWithin60sPct,
  abandonedPct: null,
  abandonedAllPct: null,
  meanAnswerMs: null,
  p50AnswerMs: null,
  p95AnswerMs: null,
});
const figures = (over: Partial<WallboardFigures> = {}, pct: number | null = 97): WallboardFigures => ({
  asOf: new Date(T0).toISOString(),
  staleAfterS: 120,
  sites: [{ siteId: 'leeds', name: 'Leeds', lastEventAt: new Date(T0 - 5_000).toISOString(), stale: false }],
  now: { callsWaiting: 4, longestWaitMs: 30_000, agentsAvailable: 2, snapshotAt: new Date(T0).toISOString() },
  windows: [{ key: 'last:60', from: '', to: '', measures: measures(pct) }],
  systems: [],
  ...over,
});

describe('wallboard rules on a fake clock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('rotation moves on after each page interval, wraps, and never stalls on a bad index', () => {
    const pages = [page(10), page(20)];
    let state = { page: 0, shownAt: Date.now() };
    vi.advanceTimersByTime(9_999);
    expect(rotate(state, pages, Date.now(), false)).toBe(state);
    vi.advanceTimersByTime(1);
    state = rotate(state, pages, Date.now(), false);
    expect(state).toEqual({ page: 1, shownAt: Date.now() });
    vi.advanceTimersByTime(20_000);
    state = rotate(state, pages, Date.now(), false);
    expect(state.page).toBe(0);
    expect(rotate({ page: 5, shownAt: 0 }, pages, Date.now(), false)).toEqual({
      page: 0,
      shownAt: Date.now(),
    });
    // A clock that jumped back restarts the interval rather than waiting for ever.
    expect(rotate({ page: 1, shownAt: Date.now() + 3_600_000 }, pages, Date.now(), false)).toEqual({
      page: 1,
      shownAt: Date.now(),
    });
  });

  it('rotation pauses on a page with a breached tile or while a system is down, then resumes a full interval later', () => {
    const pages = [page(10, [sl]), page(10)];
    const breached = figures({}, 80);
    expect(pagePinned(pages[0] as WallboardPage, breached)).toBe(true);
    expect(pagePinned(pages[0] as WallboardPage, figures({}, 97))).toBe(false);
    const down = figures({
      systems: [{ systemId: 'cas', name: 'CAS', siteId: 'leeds', status: 'down', since: null }],
    });
    expect(pagePinned(pages[1] as WallboardPage, down)).toBe(true);
    let state = { page: 0, shownAt: Date.now() };
    for (let i = 0; i < 6; i++) {
      vi.advanceTimersByTime(10_000);
      state = rotate(state, pages, Date.now(), pagePinned(pages[state.page] as WallboardPage, breached));
    }
    expect(state.page).toBe(0);
    vi.advanceTimersByTime(9_000);
    expect(rotate(state, pages, Date.now(), false).page).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(rotate(state, pages, Date.now(), false).page).toBe(1);
  });

  it('NOT LIVE after the connection has been down over 10 s, or when a feed is stale', () => {
    const lostAt = Date.now();
    const live = { lostAt, lastDataAt: lostAt - 2_000 };
    vi.advanceTimersByTime(CONNECTION_GRACE_MS);
    expect(notLive(Date.now(), live, figures())).toEqual({ notLive: false });
    vi.advanceTimersByTime(1);
    expect(notLive(Date.now(), live, figures())).toEqual({
      notLive: true,
      reason: 'connection',
      since: lostAt - 2_000,
    });
    expect(notLive(Date.now(), { lostAt: null, lastDataAt: Date.now() }, figures())).toEqual({
      notLive: false,
    });
    const stale = figures({
      sites: [
        { siteId: 'leeds', name: 'Leeds', lastEventAt: new Date(T0 - 600_000).toISOString(), stale: true },
      ],
    });
    expect(notLive(Date.now(), { lostAt: null, lastDataAt: Date.now() }, stale)).toEqual({
      notLive: true,
      reason: 'feed',
      since: T0 - 600_000,
    });
  });

  it('a missing figure is "—" with the reason, never 0; RAG comes with the national default', () => {
    expect(tileView(sl, figures({}, 97))).toMatchObject({ text: '97.0%', rag: 'ok', window: 'last 60 min' });
    expect(tileView(sl, figures({}, 92))).toMatchObject({ rag: 'at-risk' });
    expect(tileView(sl, figures({}, 80))).toMatchObject({ rag: 'breach' });
    const gap = figures({ windows: [{ key: 'last:60', from: '', to: '', measures: measures(null, null) }] });
    expect(tileView(sl, gap)).toMatchObject({ text: '—', missing: 'no data from the feed since 14:01' });
    expect(tileView(sl, figures({}, null))).toMatchObject({
      text: '—',
      missing: 'N/A: no calls in this window',
    });
    const noQueue = figures({
      now: { callsWaiting: null, longestWaitMs: null, agentsAvailable: null, snapshotAt: null },
    });
    expect(tileView({ measure: 'callsWaiting', window: 'now' }, noQueue)).toMatchObject({
      text: '—',
      rag: 'none',
    });
    expect(tileView({ measure: 'callsWaiting', window: 'now' }, figures())).toMatchObject({ text: '4' });
  });

  it('the watchdog fires only after 2 minutes without a sign of life', () => {
    const alive = Date.now();
    vi.advanceTimersByTime(WATCHDOG_MS);
    expect(watchdogDue(Date.now(), alive)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(watchdogDue(Date.now(), alive)).toBe(true);
  });

  it('the soft reload comes once, at the first quiet hour (London) after an hour of running', () => {
    const loaded = Date.parse('2026-11-27T22:00:00Z');
    vi.setSystemTime(loaded);
    vi.advanceTimersByTime(4 * 3_600_000);
    expect(softReloadDue(Date.now(), loaded, 3)).toBe(false); // 02:00
    vi.advanceTimersByTime(3_600_000);
    expect(softReloadDue(Date.now(), loaded, 3)).toBe(true); // 03:00
    // Loaded at 03:10 (just after a reload): not again until 03:00 tomorrow.
    const after = Date.parse('2026-11-28T03:10:00Z');
    expect(softReloadDue(after + 2 * 3_600_000, after, 3)).toBe(false);
    // Summer: 03:00 BST is 02:00 UTC.
    const summer = Date.parse('2026-07-01T00:00:00Z');
    expect(softReloadDue(Date.parse('2026-07-01T01:59:00Z'), summer, 3)).toBe(false);
    expect(softReloadDue(Date.parse('2026-07-01T02:00:00Z'), summer, 3)).toBe(true);
  });

  it('burn-in drift moves a few pixels every few minutes and stays bounded', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 16; i++) {
      const { x, y } = driftOffset(Date.now());
      expect(Math.abs(x)).toBeLessThanOrEqual(3);
      expect(Math.abs(y)).toBeLessThanOrEqual(3);
      seen.add(`${x},${y}`);
      vi.advanceTimersByTime(180_000);
    }
    expect(seen.size).toBeGreaterThan(4);
  });
});
