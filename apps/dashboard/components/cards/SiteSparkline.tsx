'use client';
import { useQuery } from '@tanstack/react-query';
import { duration } from '../../lib/format.ts';
import { sparklineInput } from '../../lib/queries.ts';
import { chartRows } from '../../lib/series.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ROLLING_REFRESH_MS } from '../../lib/trpc/query-client.ts';
import { Sparkline } from '../charts/Sparkline.tsx';
import { NoData } from './Figures.tsx';

/** Mean answer time over the last 60 minutes, minute by minute, for one site. */
export function SiteSparkline({ siteId, siteName }: { siteId: string; siteName: string }) {
  const trpc = useTRPC();
  const { data } = useQuery(
    trpc.metrics.series.queryOptions(sparklineInput(siteId), { refetchInterval: ROLLING_REFRESH_MS }),
  );
  if (!data) return <NoData />;
  const values = chartRows(data).map((row) => row.meanS);
  const present = values.filter((v): v is number => v !== null);
  const latest = present.at(-1);
  const label =
    present.length === 0
      ? `${siteName}: no answered calls in the last 60 min`
      : `${siteName}: mean answer time by minute, last 60 min; latest ${duration((latest ?? 0) * 1000)}, highest ${duration(Math.max(...present) * 1000)}`;
  return <Sparkline values={values} target={60} label={label} />;
}
