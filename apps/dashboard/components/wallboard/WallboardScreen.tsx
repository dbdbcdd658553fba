'use client';
import type { WallboardFigures, WallboardPage, WallboardView } from '@switchboard/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ukTime, ukTimeSeconds } from '../../lib/format.ts';
import { useLive } from '../../lib/live/LiveProvider.tsx';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ROLLING_REFRESH_MS } from '../../lib/trpc/query-client.ts';
import { useHeartbeat, useNow, useSelfReload } from '../../lib/wallboard/loops.ts';
import { driftOffset, notLive, pagePinned, type Rotation, rotate } from '../../lib/wallboard/rules.ts';
import { AnswerChart } from './AnswerChart.tsx';
import { IncidentsBanner, NotLiveBanner, SystemsDownBanner } from './Banners.tsx';
import { SystemsStrip } from './SystemsStrip.tsx';
import { TileCard } from './TileCard.tsx';

type Props = {
  boardId: string;
  display: boolean;
  quietHour: number;
  onLost: () => void;
  onRevoked: () => void;
  onBoard: (id: string) => void;
};

/** The board on screen: its pages rotating, live, honest when not live, and looking after itself. */
export function WallboardScreen({ boardId, display, quietHour, onLost, onRevoked, onBoard }: Props) {
  const trpc = useTRPC();
  const live = useLive();
  const now = useNow();
  const board = useQuery({ ...trpc.wallboards.get.queryOptions({ id: boardId }), refetchInterval: 60_000 });
  const figures = useQuery({
    ...trpc.wallboards.figures.queryOptions({ id: boardId }),
    refetchInterval: ROLLING_REFRESH_MS,
    retry: false,
  });
  const incidents = useQuery({
    ...trpc.incidents.list.queryOptions({ status: 'open' }),
    refetchInterval: 60_000,
  });
  const opel = useQuery({ ...trpc.incidents.opel.current.queryOptions(), refetchInterval: 60_000 });

  // Connection: when it was lost (null while live), and the latest sign of life for the watchdog.
  const [lostAt, setLostAt] = useState<number | null>(null);
  const [aliveAt, setAliveAt] = useState(() => Date.now());
  useEffect(() => {
    if (live.status === 'lost') {
      setLostAt((at) => at ?? Date.now());
      onLost(); // a dropped stream may be the API ending a revoked display's stream: ask at once
    } else if (live.status === 'live') {
      setLostAt(null);
      setAliveAt(Date.now());
    }
  }, [live.status, onLost]);
  useEffect(() => {
    if (live.lastChangeAt) setAliveAt(Date.now());
  }, [live.lastChangeAt]);
  useEffect(() => {
    if (figures.dataUpdatedAt) setAliveAt((at) => Math.max(at, figures.dataUpdatedAt));
  }, [figures.dataUpdatedAt]);
  // A failing read while the stream still looks up counts as a lost connection too.
  const readFailing = figures.isError && figures.errorUpdatedAt > figures.dataUpdatedAt;
  const effectiveLostAt = lostAt ?? (readFailing ? figures.errorUpdatedAt : null);

  useHeartbeat(
    display,
    (answer) => {
      setAliveAt(Date.now());
      if (answer.reload) window.location.reload();
      else if (answer.boardId && answer.boardId !== boardId) onBoard(answer.boardId);
    },
    onRevoked,
  );
  useSelfReload(now, aliveAt, quietHour);

  const pages: WallboardPage[] = board.data?.pages ?? [];
  const data = figures.data;
  const state = notLive(now, { lostAt: effectiveLostAt, lastDataAt: figures.dataUpdatedAt || null }, data);
  const rotation = useRotation(pages, data, now);
  const page = pages[rotation.page];
  const pinned = page ? pagePinned(page, data) : false;
  const drift = driftOffset(now);

  if (board.isError) {
    return (
      <main className="app-wb app-wb--message" id="maincontent">
        <h1 className="app-wb__message-title">This board cannot be shown</h1>
        <p className="app-wb__message-text">{board.error.message}</p>
      </main>
    );
  }
  const view: WallboardView | undefined = board.data;
  const opelBySite = new Map((opel.data ?? []).map((o) => [o.siteId, o.level]));
  const greyed = state.notLive;
  const nextIn = page
    ? Math.max(0, Math.ceil((rotation.shownAt + page.rotateSeconds * 1000 - now) / 1000))
    : 0;

  return (
    <main
      className={`app-wb${greyed ? ' app-wb--not-live' : ''}`}
      id="maincontent"
      data-testid="wallboard"
      data-page={rotation.page}
      data-pinned={pinned ? 'true' : 'false'}
      data-live={greyed ? 'false' : 'true'}
    >
      <header className="app-wb__top" style={{ transform: `translate(${drift.x}px, ${drift.y}px)` }}>
        <div className="app-wb__title">
          <h1 className="app-wb__name">{view?.name ?? 'Wallboard'}</h1>
          <p className="app-wb__sites">
            {(data?.sites ?? []).map((s) => (
              <span key={s.siteId} className="app-wb__site">
                {s.name}
                {opelBySite.has(s.siteId) ? (
                  <strong className="app-wb__opel"> OPEL {opelBySite.get(s.siteId)}</strong>
                ) : null}
              </span>
            ))}
          </p>
        </div>
        <p className="app-wb__page">
          {page?.title ?? ''}
          {pages.length > 1 ? (
            <span className="app-wb__rotation" data-testid="wb-rotation">
              {' '}
              · page {rotation.page + 1} of {pages.length} ·{' '}
              {pinned ? 'rotation paused: breach or system down' : `next in ${nextIn} s`}
            </span>
          ) : null}
        </p>
        <time className="app-wb__clock" dateTime={new Date(now).toISOString()}>
          {ukTimeSeconds(now)}
        </time>
      </header>
      {state.notLive ? <NotLiveBanner reason={state.reason} since={state.since} /> : null}
      {data ? <SystemsDownBanner systems={data.systems} /> : null}
      <IncidentsBanner incidents={incidents.data ?? []} />
      <section
        className={`app-wb__tiles app-wb__tiles--${Math.min(page?.tiles.length ?? 1, 6)}${page?.chart ? ' app-wb__tiles--with-chart' : ''}`}
        aria-label="Figures"
      >
        {page?.tiles.map((tile, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a page's tiles are a fixed list
          <TileCard key={`${rotation.page}-${i}`} tile={tile} figures={data} greyed={greyed} now={now} />
        )) ?? <p className="app-wb__message-text">Loading the board…</p>}
      </section>
      {page?.chart ? <AnswerChart sites={view?.sites ?? 'all'} greyed={greyed} /> : null}
      {page?.systems !== false && data ? (
        <SystemsStrip systems={data.systems} drift={drift} greyed={greyed} />
      ) : null}
      <footer className="app-wb__foot" style={{ transform: `translate(${-drift.x}px, ${drift.y}px)` }}>
        {figures.dataUpdatedAt ? `Figures read ${ukTime(figures.dataUpdatedAt)}` : 'Waiting for figures'} ·
        live {live.status === 'live' ? 'connected' : live.status}
      </footer>
    </main>
  );
}

/** The rotation loop: one state, advanced by the clock tick; it never depends on a route change. */
function useRotation(pages: WallboardPage[], figures: WallboardFigures | undefined, now: number): Rotation {
  const state = useRef<Rotation>({ page: 0, shownAt: now });
  const page = pages[state.current.page];
  const pinned = page ? pagePinned(page, figures) : false;
  state.current = rotate(state.current, pages, now, pinned);
  return state.current;
}
