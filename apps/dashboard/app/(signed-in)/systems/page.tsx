import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { MaintenanceWindows } from '../../../components/cards/MaintenanceWindows.tsx';
import { ProbeResponseCharts } from '../../../components/cards/ProbeResponseCharts.tsx';
import { SystemsTable } from '../../../components/cards/SystemsTable.tsx';
import { RangePicker } from '../../../components/RangePicker.tsx';
import { currentUser } from '../../../lib/auth/current-user.ts';
import { canExport } from '../../../lib/auth/roles.ts';
import { type Range, rangeFromParams, rangeInput, type SearchParams } from '../../../lib/range.ts';
import { serverTrpc } from '../../../lib/trpc/server.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Systems' };

const DEFAULT: Range = { kind: 'relative', last: '24h' };

/** Systems: every system at every site, its state now and its availability over the range. */
export default async function SystemsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const range = rangeFromParams(await searchParams, DEFAULT);
  const { trpc, queryClient, client } = serverTrpc();
  const [sites, systems] = await Promise.all([
    client.sites.list.query().catch(() => []),
    client.systems.list.query().catch(() => []),
    queryClient.prefetchQuery(trpc.systems.availability.queryOptions(rangeInput(range))),
  ]);
  const siteNames = Object.fromEntries(sites.map((site) => [site.id, site.name]));
  const systemNames = Object.fromEntries(systems.map((system) => [system.id, system.name]));
  const role = (await currentUser())?.role;
  const canEdit = role === 'manager' || role === 'admin';
  return (
    <>
      <h1 className="nhsuk-heading-l">Systems</h1>
      <RangePicker path="/systems" range={range} now={Date.now()} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SystemsTable range={range} siteNames={siteNames} canExport={canExport(role)} />
        <ProbeResponseCharts siteNames={siteNames} systemNames={systemNames} />
        <MaintenanceWindows canEdit={canEdit} siteNames={siteNames} />
      </HydrationBoundary>
    </>
  );
}
