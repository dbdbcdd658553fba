import { QueryClient } from '@tanstack/react-query';

/** Shared defaults: live updates invalidate queries, so nothing refetches on focus or on a timer by default. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: false,
        retry: 1,
        retryDelay: 1_000,
      },
    },
  });
}

/** Relative windows roll even when nothing is ingested: refresh them at most this often (Grafana-style). */
export const ROLLING_REFRESH_MS = 30_000;
