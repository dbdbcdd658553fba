'use client';
import { useCallback, useEffect, useState } from 'react';
import { Providers } from '../../app/providers.tsx';
import { checkDisplay, type DisplayAccess } from '../../lib/display/access.ts';
import { ukTime } from '../../lib/format.ts';
import { useNow } from '../../lib/wallboard/loops.ts';
import { WallboardScreen } from './WallboardScreen.tsx';

/** How often a display re-checks its token even while everything looks fine. */
const CHECK_EVERY_MS = 15_000;

/**
 * A wallboard. As a display (a paired TV): its token is checked every 15 s, and a revoked display stops
 * and says so; `boardId` null means "the board this display is assigned". As a person: the board asked for.
 */
export function WallboardApp({
  as,
  boardId,
  quietHour,
}: {
  as: 'display' | 'user';
  boardId: string | null;
  quietHour: number;
}) {
  // Nothing time-dependent is rendered on the server (the clock would not match on hydration).
  const [access, setAccess] = useState<DisplayAccess>({ state: 'checking' });
  const [downSince, setDownSince] = useState<number | null>(null);
  const check = useCallback(async () => {
    if (as === 'user')
      return setAccess((a) => (a.state === 'ok' ? a : { state: 'ok', name: '', boardId: null }));
    const next = await checkDisplay();
    setDownSince((since) => (next.state === 'unreachable' ? (since ?? Date.now()) : null));
    // A passing outage is not a revocation: keep what we had, the NOT LIVE banner says the rest.
    setAccess((current) => (next.state === 'unreachable' && current.state !== 'checking' ? current : next));
  }, [as]);
  useEffect(() => {
    void check();
    const timer = setInterval(() => void check(), CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [check]);

  if (access.state === 'revoked') return <Revoked />;
  if (access.state === 'checking') return <Message title="Starting…" />;
  if (access.state === 'unreachable') return <Unreachable since={downSince} />;
  const board = boardId ?? access.boardId;
  if (!board)
    return (
      <Message
        title={`${access.name}: no board assigned`}
        text="A manager can choose this screen's board in Admin › Displays. The screen picks it up within a minute."
      />
    );
  return (
    <Providers as={as}>
      <WallboardScreen
        boardId={board}
        display={as === 'display'}
        quietHour={quietHour}
        onLost={check}
        onRevoked={() => setAccess({ state: 'revoked' })}
        onBoard={(id) => setAccess((a) => (a.state === 'ok' && a.boardId !== id ? { ...a, boardId: id } : a))}
      />
    </Providers>
  );
}

function Message({ title, text }: { title: string; text?: string }) {
  return (
    <main className="app-wb app-wb--message" id="maincontent">
      <h1 className="app-wb__message-title">{title}</h1>
      {text ? <p className="app-wb__message-text">{text}</p> : null}
    </main>
  );
}

function Unreachable({ since }: { since: number | null }) {
  useNow();
  return (
    <main className="app-wb app-wb--message" id="maincontent">
      <div className="app-wb__banner app-wb__banner--notlive" role="alert" data-testid="wb-not-live">
        NOT LIVE — Switchboard is not answering{since ? ` since ${ukTime(since)}` : ''}. Retrying…
      </div>
    </main>
  );
}

function Revoked() {
  return (
    <main className="app-wb app-wb--message" id="maincontent">
      <div className="app-wb__banner app-wb__banner--revoked" role="alert" data-testid="wb-revoked">
        <h1 className="app-wb__message-title">This display has stopped</h1>
        <p className="app-wb__message-text">
          Its access to Switchboard was revoked, so no figures are shown. Ask a manager to pair it again: open
          /wallboard on this screen and approve the code in Admin › Displays.
        </p>
      </div>
    </main>
  );
}
