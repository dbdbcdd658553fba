'use client';
import { READ_LIMITS } from '@switchboard/contracts';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from './router.ts';

/** tRPC for client components: queries batched, the live subscription over SSE, all via this origin. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * Same-origin: the dashboard proxies /trpc to the API as the signed-in person (lib/proxy/routes.ts),
 * and /display/trpc as the display whose token is in this browser's display cookie.
 */
export function createBrowserClient(url: '/trpc' | '/display/trpc' = '/trpc') {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url }),
        false: httpBatchLink({ url, maxURLLength: 4_000, maxItems: READ_LIMITS.maxBatchedCalls }),
      }),
    ],
  });
}
