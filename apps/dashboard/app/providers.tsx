'use client';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { LiveProvider } from '../lib/live/LiveProvider.tsx';
import { createBrowserClient, TRPCProvider } from '../lib/trpc/client.tsx';
import { makeQueryClient } from '../lib/trpc/query-client.ts';

/** Query cache, tRPC and the live subscription; `as: 'display'` reads as this browser's display token. */
export function Providers({
  children,
  as = 'user',
  live = true,
}: {
  children: ReactNode;
  as?: 'user' | 'display';
  /** false: no live subscription (admin pages refetch after their own changes). */
  live?: boolean;
}) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() => createBrowserClient(as === 'display' ? '/display/trpc' : '/trpc'));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {live ? <LiveProvider>{children}</LiveProvider> : children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
