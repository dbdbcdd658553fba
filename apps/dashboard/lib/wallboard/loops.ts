'use client';
import { useEffect, useRef, useState } from 'react';
import { softReloadDue, WATCHDOG_MS, watchdogDue } from './rules.ts';
import { WALLBOARD_VERSION } from './version.ts';

/** The clock the screen runs on: one tick a second (one timer, never more). */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** When this page loaded (the heartbeat reports it as the last reload). */
const loadedAt = typeof window === 'undefined' ? 0 : Date.now();
export const pageLoadedAt = () => loadedAt;

/**
 * Reloads the page when the watchdog finds no sign of life for WATCHDOG_MS, and once a day at the quiet
 * hour. `aliveAt` is the latest sign of life (a live message, a heartbeat answer, a successful read).
 */
export function useSelfReload(now: number, aliveAt: number, quietHour: number): void {
  const reloading = useRef(false);
  useEffect(() => {
    if (reloading.current) return;
    if (watchdogDue(now, Math.max(aliveAt, loadedAt)) || softReloadDue(now, loadedAt, quietHour)) {
      reloading.current = true;
      window.location.reload();
    }
  }, [now, aliveAt, quietHour]);
}

export type HeartbeatAnswer = { boardId: string | null; reload: boolean };

/** Every 30 s a display says what it runs and shows; the answer carries a remote reload and its board. */
export function useHeartbeat(
  enabled: boolean,
  onAnswer: (answer: HeartbeatAnswer) => void,
  onRevoked: () => void,
): void {
  const answer = useRef(onAnswer);
  const revoked = useRef(onRevoked);
  answer.current = onAnswer;
  revoked.current = onRevoked;
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    async function beat() {
      const dpr = window.devicePixelRatio || 1;
      const screen = `${Math.round(window.innerWidth * dpr)}x${Math.round(window.innerHeight * dpr)}`;
      try {
        const response = await fetch('/display/trpc/displays.heartbeat', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            version: WALLBOARD_VERSION,
            screen,
            lastReloadAt: new Date(loadedAt).toISOString(),
          }),
          cache: 'no-store',
        });
        if (stopped) return;
        if (response.status === 401) return revoked.current();
        if (!response.ok) return;
        const body = (await response.json()) as { result?: { data?: HeartbeatAnswer } };
        if (body.result?.data) answer.current(body.result.data);
      } catch {
        // The API is away: the NOT LIVE rules say so; the next beat tries again.
      }
    }
    void beat();
    const timer = setInterval(() => void beat(), 30_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [enabled]);
}

export { WATCHDOG_MS };
