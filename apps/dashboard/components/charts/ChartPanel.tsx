import type { ReactNode } from 'react';
import type { ChartRow } from '../../lib/series.ts';
import { DownloadCsv } from '../DownloadCsv.tsx';
import { ChartTable } from './ChartTable.tsx';
import type { SeriesSpec } from './TimeSeriesChart.tsx';
import { COLOURS, OUTAGE_FILL } from './theme.ts';

export interface KeyItem {
  label: string;
  colour: string;
  dash?: string | undefined;
  /** A filled swatch (bars, areas) rather than a line. */
  fill?: string;
  /** A diamond (markers) rather than a line. */
  marker?: boolean;
}

interface Props {
  id: string;
  title: string;
  /** Names the window, e.g. "last 4 hours, 5-minute intervals". */
  windowLabel: string;
  series: SeriesSpec[];
  extraKey?: KeyItem[];
  showOutageKey: boolean;
  rows: ChartRow[];
  /** More columns for the table view than the chart's lines (e.g. a band's). */
  tableSeries?: SeriesSpec[];
  children: ReactNode;
}

function Swatch({ item }: { item: KeyItem }) {
  return (
    <svg className="app-chart__swatch" viewBox="0 0 24 12" aria-hidden="true" focusable="false">
      {item.marker ? (
        <path d="M12 0L18 6L12 12L6 6Z" fill={item.colour} stroke={COLOURS.text} strokeWidth="0.5" />
      ) : item.fill ? (
        <rect width="24" height="12" fill={item.fill} stroke={COLOURS.text} strokeWidth="0.5" />
      ) : (
        <line x1="0" y1="6" x2="24" y2="6" stroke={item.colour} strokeWidth="3" strokeDasharray={item.dash} />
      )}
    </svg>
  );
}

/** A titled chart with its key (lines, targets, outage shading) and a table alternative. */
export function ChartPanel({
  id,
  title,
  windowLabel,
  series,
  extraKey = [],
  showOutageKey,
  rows,
  tableSeries = [],
  children,
}: Props) {
  const key: KeyItem[] = [
    ...series.map((s) => ({
      label: s.name,
      colour: s.colour,
      dash: s.dash,
      ...(s.kind === 'bar' ? { fill: s.colour } : {}),
      ...(s.kind === 'marker' ? { marker: true } : {}),
    })),
    ...extraKey,
    ...(showOutageKey ? [{ label: 'A system was down', colour: COLOURS.red, fill: OUTAGE_FILL }] : []),
  ];
  return (
    <section className="app-chart" aria-labelledby={`${id}-title`} data-chart={id}>
      <h3 className="nhsuk-heading-s app-chart__title" id={`${id}-title`}>
        {title} <span className="app-window nhsuk-body-s">({windowLabel})</span>
      </h3>
      <ul className="app-chart__key" aria-label={`Key: ${title}`}>
        {key.map((item) => (
          <li key={item.label}>
            <Swatch item={item} />
            {item.label}
          </li>
        ))}
      </ul>
      {rows.some((row) => series.some((s) => row[s.key] !== null)) ? null : (
        <p className="app-chart__empty">No data arrived in this range.</p>
      )}
      {children}
      <ChartTable caption={`${title} (${windowLabel})`} rows={rows} series={[...series, ...tableSeries]} />
      <DownloadCsv what={title} />
    </section>
  );
}
