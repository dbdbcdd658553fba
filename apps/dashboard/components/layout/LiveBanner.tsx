'use client';
import { useLive } from '../../lib/live/LiveProvider.tsx';

/** Shown whenever the live connection is down: the figures may be out of date until it returns. */
export function LiveBanner() {
  const { status } = useLive();
  return (
    <div role="alert" className="app-live-banner-region">
      {status === 'lost' ? (
        <div className="app-live-banner" data-testid="live-banner">
          <p className="nhsuk-u-margin-bottom-0">
            <strong>Live updates lost — reconnecting…</strong> Figures on this page may be out of date; they
            refresh by themselves when the connection returns.
          </p>
        </div>
      ) : null}
    </div>
  );
}
