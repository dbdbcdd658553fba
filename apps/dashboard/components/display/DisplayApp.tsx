'use client';
import { useCallback, useEffect, useState } from 'react';
import { Providers } from '../../app/providers.tsx';
import { checkDisplay, type DisplayAccess } from '../../lib/display/access.ts';
import { useLive } from '../../lib/live/LiveProvider.tsx';
import { OverviewTable } from '../cards/OverviewTable.tsx';
import { LiveBanner } from '../layout/LiveBanner.tsx';
import { LiveIndicator } from '../layout/LiveIndicator.tsx';

/** How often the display re-checks its token even while everything looks fine. */
const CHECK_EVERY_MS = 15_000;

/**
 * A display (wallboard TV) signed in by its own token: the live overview of its sites. When the token is
 * revoked the live connection and the refreshes stop, and the screen says why instead of going on showing
 * figures that no longer change.
 */
export function DisplayApp() {
  const [access, setAccess] = useState<DisplayAccess>({ state: 'checking' });
  const check = useCallback(async () => {
    const next = await checkDisplay();
    // A passing outage is not a revocation: keep what we had, the live banner says the rest.
    setAccess((current) => (next.state === 'unreachable' && current.state !== 'checking' ? current : next));
  }, []);

  useEffect(() => {
    void check();
    const timer = setInterval(() => void check(), CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [check]);

  if (access.state === 'revoked') return <Revoked />;
  if (access.state === 'checking') return <p className="nhsuk-body">Checking this display…</p>;
  if (access.state === 'unreachable') {
    return <p className="nhsuk-body">The Switchboard API is not answering. Retrying…</p>;
  }
  return (
    <Providers as="display">
      <DisplayScreen name={access.name} onLost={check} />
    </Providers>
  );
}

function DisplayScreen({ name, onLost }: { name: string; onLost: () => void }) {
  const { status } = useLive();
  // A dropped live connection may be the API ending a revoked display's stream: ask at once.
  useEffect(() => {
    if (status === 'lost') onLost();
  }, [status, onLost]);
  return (
    <>
      <div className="app-page-header">
        <h1 className="nhsuk-heading-l" data-testid="display-name">
          {name}
        </h1>
        <div className="app-display-live">
          <LiveIndicator />
        </div>
      </div>
      <LiveBanner />
      <OverviewTable />
    </>
  );
}

function Revoked() {
  return (
    <div className="nhsuk-warning-callout" data-testid="display-revoked" role="alert">
      <h1 className="nhsuk-warning-callout__label">
        <span className="nhsuk-u-visually-hidden">Important: </span>
        This display has stopped updating
      </h1>
      <p>
        Its access to Switchboard was revoked or has expired, so the figures are no longer shown. Ask a
        manager for a new display link from the admin area (Admin › Displays).
      </p>
    </div>
  );
}
