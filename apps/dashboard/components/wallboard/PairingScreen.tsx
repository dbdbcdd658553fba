'use client';
import { useEffect, useState } from 'react';
import { ukTime } from '../../lib/format.ts';

type Pairing =
  | { state: 'starting' }
  | { state: 'waiting'; code: string; expiresAt: string }
  | { state: 'unavailable' }
  | { state: 'paired' };

const POLL_MS = 3_000;

/**
 * A TV with no display token: shows a short code for a manager to approve in Admin › Displays, polls until
 * approved (the token lands in an HttpOnly cookie), then reloads as the paired display. An expired code is
 * replaced by a fresh one.
 */
export function PairingScreen() {
  const [pairing, setPairing] = useState<Pairing>({ state: 'starting' });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const dpr = window.devicePixelRatio || 1;
    const screen = `${Math.round(window.innerWidth * dpr)}x${Math.round(window.innerHeight * dpr)}`;
    async function start() {
      try {
        const response = await fetch(`/wallboard/pair?screen=${screen}`, {
          method: 'POST',
          cache: 'no-store',
        });
        const body = (await response.json()) as Pairing;
        if (stopped) return;
        setPairing(response.ok ? body : { state: 'unavailable' });
        timer = setTimeout(response.ok ? poll : start, response.ok ? POLL_MS : 15_000);
      } catch {
        if (!stopped) {
          setPairing({ state: 'unavailable' });
          timer = setTimeout(start, 15_000);
        }
      }
    }
    async function poll() {
      try {
        const response = await fetch('/wallboard/pair', { cache: 'no-store' });
        const body = (await response.json()) as { state: string };
        if (stopped) return;
        if (body.state === 'paired') {
          setPairing({ state: 'paired' });
          window.location.replace('/wallboard');
          return;
        }
        if (body.state === 'expired') return void start();
      } catch {
        // The dashboard is away for a moment: poll again.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    }
    void start();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  return (
    <main className="app-wb app-wb--message" id="maincontent" data-testid="wb-pairing">
      <h1 className="app-wb__message-title">Pair this screen</h1>
      {pairing.state === 'waiting' ? (
        <>
          <p className="app-wb__message-text">
            A manager enters this code in Switchboard, Admin › Displays, and chooses the board to show:
          </p>
          <p className="app-wb__code" data-testid="wb-pairing-code">
            {pairing.code}
          </p>
          <p className="app-wb__message-text">
            The code works until {ukTime(pairing.expiresAt)}; a new one follows.
          </p>
        </>
      ) : pairing.state === 'paired' ? (
        <p className="app-wb__message-text">Paired. Opening the board…</p>
      ) : pairing.state === 'unavailable' ? (
        <p className="app-wb__message-text" role="alert">
          Switchboard is not answering, so no code can be shown yet. Retrying…
        </p>
      ) : (
        <p className="app-wb__message-text">Asking for a code…</p>
      )}
    </main>
  );
}
