'use client';
import { ukTimeSeconds } from '../../lib/format.ts';
import { type LiveStatus, useLive } from '../../lib/live/LiveProvider.tsx';

const TEXT: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  lost: 'Reconnecting…',
  paused: 'Paused while hidden',
};

/** The live connection's state in the header, with the time of the latest change heard. */
export function LiveIndicator() {
  const { status, lastChangeAt } = useLive();
  return (
    <p className={`app-live app-live--${status}`} data-live-status={status}>
      <span className="app-live__dot" aria-hidden="true" />
      <span role="status">{TEXT[status]}</span>
      {lastChangeAt && status === 'live' ? (
        <span className="app-live__time"> · last change {ukTimeSeconds(lastChangeAt)}</span>
      ) : null}
    </p>
  );
}
