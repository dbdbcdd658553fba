'use client';
import type { LiveChange } from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useTRPCClient } from '../trpc/client.tsx';
import { createRefresher } from './refresh.ts';

/** connecting: first connection; live: subscribed; lost: connection dropped, retrying; paused: tab hidden. */
export type LiveStatus = 'connecting' | 'live' | 'lost' | 'paused';
export interface LiveState {
  status: LiveStatus;
  /** When the API committed the latest change we heard about (ISO). */
  lastChangeAt: string | null;
}

const LiveContext = createContext<LiveState>({ status: 'connecting', lastChangeAt: null });
export const useLive = (): LiveState => useContext(LiveContext);

/** A change from the subscription, tracked (`{ id, data }`) or not. */
function asChange(value: unknown): LiveChange | null {
  const inner = value && typeof value === 'object' && 'id' in value && 'data' in value ? value.data : value;
  return inner && typeof inner === 'object' && 'siteIds' in inner ? (inner as LiveChange) : null;
}

const RETRY_MS = [500, 1_000, 2_000, 3_000];

/**
 * Subscribes to `live.changes` and invalidates the queries a change touches. Pauses while the tab is
 * hidden and catches up when it returns; after a dropped connection it retries until the API is back,
 * then refreshes everything it may have missed.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>({ status: 'connecting', lastChangeAt: null });

  useEffect(() => {
    const refresher = createRefresher(queryClient);
    const setStatus = (status: LiveStatus) => setState((s) => (s.status === status ? s : { ...s, status }));
    let subscription: { unsubscribe(): void } | null = null;
    /** Identifies the current subscription: callbacks of one we ended ourselves are ignored. */
    let current: object | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;

    const stop = () => {
      clearTimeout(retryTimer);
      current = null;
      subscription?.unsubscribe();
      subscription = null;
    };
    const retry = (token: object) => {
      if (token !== current) return;
      stop();
      setStatus('lost');
      retryTimer = setTimeout(connect, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]);
    };
    function connect() {
      stop();
      const token = {};
      current = token;
      subscription = client.live.changes.subscribe(undefined, {
        onConnectionStateChange(connection) {
          if (token !== current) return;
          if (connection.state === 'pending') {
            attempt = 0;
            setStatus('live');
            refresher.change('all'); // catch up on whatever happened while not connected
          } else if (connection.state === 'connecting' && connection.error) {
            setStatus('lost');
          }
        },
        onData(value) {
          if (token !== current) return;
          const change = asChange(value);
          if (!change) return;
          refresher.change(change);
          setState((s) => ({ ...s, lastChangeAt: change.at }));
        },
        onError: () => retry(token),
        onComplete: () => retry(token),
      });
    }
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        stop();
        setStatus('paused');
      } else {
        setStatus('connecting');
        connect();
      }
    };

    if (document.visibilityState === 'hidden') setStatus('paused');
    else connect();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      stop();
    };
  }, [client, queryClient]);

  return <LiveContext value={state}>{children}</LiveContext>;
}
