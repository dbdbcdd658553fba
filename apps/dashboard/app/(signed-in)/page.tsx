import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { OverviewTable } from '../../components/cards/OverviewTable.tsx';
import { SuspectedOutages } from '../../components/cards/SuspectedOutages.tsx';
import { currentUser } from '../../lib/auth/current-user.ts';
import { canExport, canOperate } from '../../lib/auth/roles.ts';
import { sparklineInput } from '../../lib/queries.ts';
import { serverTrpc } from '../../lib/trpc/server.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'All sites' };

/** Overview: every site, fetched on the server so the first paint already has figures. */
export default async function OverviewPage() {
  const { trpc, queryClient } = serverTrpc();
  await queryClient.prefetchQuery(trpc.metrics.overview.queryOptions(undefined));
  const overview = queryClient.getQueryData(trpc.metrics.overview.queryKey(undefined));
  await Promise.all(
    (overview?.sites ?? []).map((site) =>
      queryClient.prefetchQuery(trpc.metrics.series.queryOptions(sparklineInput(site.siteId))),
    ),
  );
  return (
    <>
      <h1 className="nhsuk-heading-l">All sites</h1>
      <SuspectedOutages canOperate={canOperate(await currentUser())} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <OverviewTable canExport={canExport((await currentUser())?.role)} />
      </HydrationBoundary>
    </>
  );
}
