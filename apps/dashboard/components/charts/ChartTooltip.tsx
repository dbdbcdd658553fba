'use client';
import type { TooltipContentProps } from 'recharts';
import { ukDay, ukTime } from '../../lib/format.ts';
import type { ChartRow } from '../../lib/series.ts';
import type { SeriesSpec } from './TimeSeriesChart.tsx';

type Props = Partial<TooltipContentProps> & { series: SeriesSpec[] };

/** The hovered bucket: its UK time and each series' value, or "no data" for a gap. */
export function ChartTooltip({ active, payload, series }: Props) {
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="app-tooltip">
      <p>
        <strong>
          {ukDay(row.t)} {ukTime(row.t)}
        </strong>
      </p>
      {series.map((s) => {
        const value = row[s.key];
        return (
          <p key={s.key}>
            {s.name}: {value === null ? 'no data' : s.format(value)}
          </p>
        );
      })}
    </div>
  );
}
