'use client';
import { BASELINE_MAX_RANGE_DAYS, type SeriesInterval } from '@switchboard/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { availabilityHref, intervalsHref } from '../../lib/exports.ts';
import { ukTime } from '../../lib/format.ts';
import { outagePeriods, rowsForSite } from '../../lib/outages.ts';
import { DEFAULT_CHART_WIDTH } from '../../lib/queries.ts';
import { type Range, rangeLabel, spanLabel } from '../../lib/range.ts';
import { chartRows, withBaseline } from '../../lib/series.ts';
import { intervalWords, siteAvailabilityInput, siteSeriesInput } from '../../lib/site-queries.ts';
import { withTallies } from '../../lib/tallies.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ROLLING_REFRESH_MS } from '../../lib/trpc/query-client.ts';
import { useWidth } from '../../lib/useWidth.ts';
import { AvailabilityStrip } from '../charts/AvailabilityStrip.tsx';
import { AvailabilityTable } from '../charts/AvailabilityTable.tsx';
import { SiteChartStack } from '../charts/SiteCharts.tsx';
import { DownloadCsv, ExportLinkProvider } from '../DownloadCsv.tsx';

/** The site's charts on one shared time axis, outages shaded across all of them, and the availability strip. */
export function SiteView({
  siteId,
  range,
  renderedAt,
  canExport = false,
}: {
  siteId: string;
  range: Range;
  renderedAt: number;
  /** Draw "Download CSV" links (analyst and up). */
  canExport?: boolean;
}) {
  const trpc = useTRPC();
  const [ref, width] = useWidth<HTMLDivElement>(DEFAULT_CHART_WIDTH);
  const [now] = useState(renderedAt);
  const rolling = range.kind === 'relative' ? ROLLING_REFRESH_MS : false;
  const series = useQuery(
    trpc.metrics.series.queryOptions(siteSeriesInput(siteId, range, width, now), {
      placeholderData: keepPreviousData,
      refetchInterval: rolling,
    }),
  );
  const availability = useQuery(
    trpc.systems.availability.queryOptions(siteAvailabilityInput(range), {
      placeholderData: keepPreviousData,
      refetchInterval: rolling,
    }),
  );
  const result = series.data;
  const baselineInput = result ? baselineFor(siteId, result) : null;
  const baseline = useQuery(
    trpc.metrics.baseline.queryOptions(baselineInput ?? { from: '', to: '', interval: '1h' }, {
      enabled: baselineInput !== null,
      placeholderData: keepPreviousData,
      staleTime: 300_000,
    }),
  );
  const tallies = useQuery(
    trpc.incidents.tallies.list.queryOptions(
      { siteIds: [siteId], from: result?.from ?? '', to: result?.to ?? '' },
      { enabled: !!result, placeholderData: keepPreviousData, refetchInterval: rolling },
    ),
  );
  if (!result) {
    return (
      <div ref={ref}>
        <p>{series.error ? 'The Switchboard API is not answering. Retrying…' : 'Loading charts…'}</p>
      </div>
    );
  }
  const manual = (tallies.data ?? []).filter((t) => t.measure === 'calls_handled');
  const rows = withTallies(
    withBaseline(chartRows(result), baselineInput ? baseline.data : undefined),
    Date.parse(result.to),
    manual,
  );
  const domain: [number, number] = [rows[0]?.t ?? Date.parse(result.from), Date.parse(result.to)];
  const systems = rowsForSite(availability.data?.rows ?? [], siteId);
  const outages = outagePeriods(systems);
  const windowLabel = `${rangeLabel(range)}, ${intervalWords(result.interval)}`;
  const props = {
    rows,
    domain,
    width,
    outages,
    windowLabel,
    baseline: baselineInput !== null && !!baseline.data,
    manual: rows.some((row) => row.manualCallsHandled !== null),
  };
  const shown = { siteIds: [siteId], from: result.from, to: result.to };
  const csv = canExport ? intervalsHref({ ...shown, interval: result.interval }) : null;
  return (
    <div ref={ref} data-interval={result.interval}>
      <p className="nhsuk-body app-window" data-testid="window">
        Showing{' '}
        {range.kind === 'relative'
          ? `${rangeLabel(range)} (${spanLabel(result.from, result.to)})`
          : rangeLabel(range)}{' '}
        in {intervalWords(result.interval)}.
        {baselineInput
          ? ' The shaded band is normal for the same weekday and time over the previous 4 weeks (median, lowest and highest; incident periods and gaps left out).'
          : ` No normal band over ranges longer than ${BASELINE_MAX_RANGE_DAYS} days.`}
      </p>
      {outages.length > 0 ? (
        <div className="nhsuk-inset-text" data-testid="outages">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Shaded on every chart: periods when a system was down.</p>
          <ul>
            {outages.map((o) => (
              <li key={o.from}>
                {o.systems.join(', ')} down {ukTime(o.from)}–{ukTime(o.to)} UK time
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <h2 className="nhsuk-heading-m">Calls</h2>
      <ExportLinkProvider href={csv}>
        <SiteChartStack {...props} />
      </ExportLinkProvider>
      <h2 className="nhsuk-heading-m">System availability</h2>
      <AvailabilityStrip
        rows={systems}
        domain={domain}
        width={width}
        at={range.kind === 'relative' ? 'now' : `at ${ukTime(result.to)}`}
      />
      <AvailabilityTable rows={systems} caption={`System states (${windowLabel})`} />
      <DownloadCsv what="the system states" href={canExport ? availabilityHref(shown) : null} />
    </div>
  );
}

/** The normal band's query for the charts' buckets; none beyond the 7 days it covers. */
function baselineFor(siteId: string, result: { from: string; to: string; interval: SeriesInterval }) {
  if (Date.parse(result.to) - Date.parse(result.from) > BASELINE_MAX_RANGE_DAYS * 86_400_000) return null;
  return { siteIds: [siteId], from: result.from, to: result.to, interval: result.interval };
}
