'use client';
import { useQuery } from '@tanstack/react-query';
import { CartesianGrid, type DotItemDotProps, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { probeRows } from '../../lib/probe-series.ts';
import { tickLabel, timeTicks } from '../../lib/ticks.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ROLLING_REFRESH_MS } from '../../lib/trpc/query-client.ts';
import { COLOURS } from '../charts/theme.ts';

const WIDTH = 460;
const HEIGHT = 160;

/** One probe's response time over the last 24 hours: a line with gaps where no result arrived. */
function ProbeChart({ id, title }: { id: string; title: string }) {
  const trpc = useTRPC();
  const { data } = useQuery(
    trpc.probes.series.queryOptions({ id, hours: 24 }, { refetchInterval: ROLLING_REFRESH_MS }),
  );
  if (!data) return <p className="nhsuk-body-s">Loading {title}…</p>;
  const rows = probeRows(data);
  const domain: [number, number] = [Date.parse(data.from), Date.parse(data.to)];
  const { ticks, step } = timeTicks(domain[0], domain[1], 5);
  const present = data.points.filter((p) => p.meanMs !== null);
  const summary =
    present.length === 0
      ? 'no results in the last 24 hours'
      : `${present.length} buckets of ${data.bucketS} s with results; latest ${present[present.length - 1]?.meanMs} ms`;
  return (
    <figure className="app-probe-chart" data-probe-chart={id}>
      <figcaption className="nhsuk-body-s">
        <strong>{title}</strong> — response time (ms), last 24 hours
      </figcaption>
      <div role="img" aria-label={`${title}: response time over the last 24 hours, ${summary}`}>
        <LineChart
          width={WIDTH}
          height={HEIGHT}
          data={rows}
          margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        >
          <CartesianGrid stroke={COLOURS.grid} vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={domain}
            ticks={ticks}
            tickFormatter={(t: number) => tickLabel(t, step)}
            stroke={COLOURS.text}
          />
          <YAxis width={56} stroke={COLOURS.text} allowDecimals={false} domain={[0, 'auto']} />
          <Tooltip
            labelFormatter={(t) => tickLabel(Number(t), 60_000)}
            formatter={(v) => [v === null ? '—' : `${v} ms`, 'Response time']}
          />
          <Line
            dataKey="ms"
            stroke={COLOURS.blue}
            strokeWidth={2}
            dot={(p: DotItemDotProps) => {
              // A dot only where a result has gaps on both sides (a line needs two neighbours to show).
              const alone =
                (rows[p.index - 1]?.ms ?? null) === null && (rows[p.index + 1]?.ms ?? null) === null;
              return alone && p.cx !== undefined && p.cy !== undefined && p.value !== null ? (
                <circle
                  key={p.index}
                  cx={p.cx}
                  cy={p.cy}
                  r={3}
                  fill={COLOURS.blue}
                  className="app-probe-dot"
                />
              ) : (
                <g key={p.index} />
              );
            }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </div>
    </figure>
  );
}

/** Response time over time for each probe in scope, named by system and site. */
export function ProbeResponseCharts({
  siteNames,
  systemNames,
}: {
  siteNames: Record<string, string>;
  systemNames: Record<string, string>;
}) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.probes.list.queryOptions());
  if (!data || data.length === 0) return null;
  return (
    <section aria-labelledby="probe-charts">
      <h2 className="nhsuk-heading-m" id="probe-charts">
        Probe response times
      </h2>
      <div className="app-probe-charts">
        {data.slice(0, 50).map((probe) => (
          <ProbeChart
            key={probe.id}
            id={probe.id}
            title={`${systemNames[probe.systemId] ?? probe.systemId}, ${probe.siteId ? (siteNames[probe.siteId] ?? probe.siteId) : 'national'} (${probe.kind})`}
          />
        ))}
      </div>
    </section>
  );
}
