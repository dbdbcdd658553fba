import { READ_LIMITS } from '@switchboard/contracts';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { headers } from 'next/headers';
import { readEnv } from '../../env.ts';
import { apiCredentials } from '../proxy/credentials.ts';
import { makeQueryClient } from './query-client.ts';
import type { AppRouter } from './router.ts';

const SERVER_TIMEOUT_MS = 5_000;

/**
 * For server components: a tRPC client that calls the API directly over HTTP at API_URL, and a query
 * client whose prefetched results are handed to the browser (HydrationBoundary) so pages render with data.
 */
export function serverTrpc() {
  const queryClient = makeQueryClient();
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${readEnv().API_URL}/trpc`,
        maxURLLength: 8_000,
        // The API refuses a batch of more calls (READ_LIMITS in packages/contracts).
        maxItems: READ_LIMITS.maxBatchedCalls,
        // Reads answer only a signed-in person: pass on the session cookie of the page's request.
        headers: async () => apiCredentials((await headers()).get('cookie')),
        // A page must not hang on a stuck API: render without the data and let the browser retry.
        fetch: (url, init) => {
          const timeout = AbortSignal.timeout(SERVER_TIMEOUT_MS);
          const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
          return fetch(url, { ...init, signal });
        },
      }),
    ],
  });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
  return { trpc, queryClient, client };
}
