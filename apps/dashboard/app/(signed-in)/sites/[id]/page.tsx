import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OpelPanel } from '../../../../components/cards/OpelPanel.tsx';
import { PaperPanel } from '../../../../components/cards/PaperPanel.tsx';
import { SiteSummary } from '../../../../components/cards/SiteSummary.tsx';
import { SiteView } from '../../../../components/cards/SiteView.tsx';
import { SuspectedOutages } from '../../../../components/cards/SuspectedOutages.tsx';
import { TalliesPanel } from '../../../../components/cards/TalliesPanel.tsx';
import { RangePicker } from '../../../../components/RangePicker.tsx';
import { currentUser } from '../../../../lib/auth/current-user.ts';
import { canExport, canOperate } from '../../../../lib/auth/roles.ts';
import { rangeFromParams, type SearchParams } from '../../../../lib/range.ts';
import { siteAvailabilityInput, siteSeriesDefault } from '../../../../lib/site-queries.ts';
import { serverTrpc } from '../../../../lib/trpc/server.ts';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}

async function siteName(id: string): Promise<string | null | undefined> {
  const { client } = serverTrpc();
  try {
    const sites = await client.sites.list.query();
    return sites.find((site) => site.id === id)?.name ?? null;
  } catch {
    return undefined; // API unreachable: render the page and let the browser retry
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: (await siteName(decodeURIComponent(id))) ?? 'Site' };
}

/** One site: figures now, charts over the chosen range on a shared time axis, system availability. */
export default async function SitePage({ params, searchParams }: Props) {
  const id = decodeURIComponent((await params).id);
  const range = rangeFromParams(await searchParams);
  const name = await siteName(id);
  if (name === null) notFound();
  const now = Date.now();
  const operate = canOperate(await currentUser());
  const { trpc, queryClient } = serverTrpc();
  await Promise.all([
    queryClient.prefetchQuery(trpc.metrics.overview.queryOptions(undefined)),
    queryClient.prefetchQuery(trpc.metrics.series.queryOptions(siteSeriesDefault(id, range, now))),
    queryClient.prefetchQuery(trpc.systems.availability.queryOptions(siteAvailabilityInput(range))),
  ]);
  const path = `/sites/${encodeURIComponent(id)}`;
  const exporter = canExport((await currentUser())?.role);
  return (
    <>
      <Link className="nhsuk-back-link" href="/">
        All sites
      </Link>
      <h1 className="nhsuk-heading-l">{name ?? id}</h1>
      <SuspectedOutages siteId={id} canOperate={operate} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SiteSummary siteId={id} />
        <RangePicker path={path} range={range} now={now} />
        <SiteView siteId={id} range={range} renderedAt={now} canExport={exporter} />
      </HydrationBoundary>
      <OpelPanel siteId={id} canOperate={operate} />
      <PaperPanel siteId={id} canOperate={operate} />
      <TalliesPanel siteId={id} canOperate={operate} />
    </>
  );
}
