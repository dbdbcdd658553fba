'use client';
import { DEFAULT_THRESHOLDS } from '@switchboard/metrics';
import dynamic from 'next/dynamic';
import { count, duration, percent } from '../../lib/format.ts';
import type { Outage } from '../../lib/outages.ts';
import type { ChartRow } from '../../lib/series.ts';
import { ChartPanel } from './ChartPanel.tsx';
import type { BandSpec, SeriesSpec } from './TimeSeriesChart.tsx';
import { BAND_FILL, COLOURS } from './theme.ts';

export interface SiteChartProps {
  rows: ChartRow[];
  domain: [number, number];
  width: number;
  outages: Outage[];
  windowLabel: string;
  /** Draw the normal band (rows carry metrics.baseline) on the answer-time and service-level charts. */
  baseline?: boolean;
  /** Draw the manual tallies of calls handled (rows carry them) on the volume chart, apart from the bars. */
  manual?: boolean;
}

/**
 * Recharts is most of the site page's JavaScript and draws nothing on the server, so it loads right after
 * hydration; titles, keys, "show as table" and the availability strip do not wait for it.
 */
const TimeSeriesChart = dynamic(() => import('./TimeSeriesChart.tsx').then((m) => m.TimeSeriesChart), {
  ssr: false,
  loading: () => <div className="app-chart__loading">Loading chart…</div>,
});

const SYNC = 'site';
const seconds = (s: number) => duration(s * 1000);
const SERVICE_LEVEL_TARGET = DEFAULT_THRESHOLDS.answeredWithin60sPct.target;

const ANSWER: SeriesSpec[] = [
  { key: 'meanS', name: 'Mean time to answer', colour: COLOURS.blue, format: seconds },
  { key: 'p95S', name: '95th centile time to answer', colour: COLOURS.purple, dash: '6 3', format: seconds },
];
const WITHIN_60: SeriesSpec[] = [
  { key: 'within60Pct', name: 'Answered within 60 s (% of answered)', colour: COLOURS.blue, format: percent },
];
const QUEUE: SeriesSpec[] = [
  { key: 'queueMax', name: 'Calls waiting (most in interval)', colour: COLOURS.blue, format: count },
  {
    key: 'longestWaitS',
    name: 'Longest wait',
    colour: COLOURS.purple,
    dash: '6 3',
    axis: 'right',
    format: seconds,
  },
];
const VOLUME: SeriesSpec[] = [
  { key: 'offered', name: 'Offered', colour: COLOURS.darkBlue, kind: 'bar', format: count },
  { key: 'answered', name: 'Answered', colour: COLOURS.green, kind: 'bar', format: count },
  { key: 'abandoned', name: 'Abandoned', colour: COLOURS.orange, kind: 'bar', format: count },
];

/** Calls handled counted on paper: markers on their own axis, never added to the telephony bars. */
export const MANUAL_LABEL = 'Manual tally (paper): calls handled';
const MANUAL: SeriesSpec = {
  key: 'manualCallsHandled',
  name: MANUAL_LABEL,
  colour: COLOURS.purple,
  kind: 'marker',
  axis: 'right',
  format: (n) => `${count(n)} (manual)`,
  empty: 'none entered',
};

const showOutages = (p: SiteChartProps) => p.outages.length > 0;

/** The normal band: same weekday and time over the previous 4 weeks, without incidents or gaps. */
export const NORMAL_LABEL = 'Normal (same time, previous 4 weeks)';
const NORMAL_KEY = [
  { label: NORMAL_LABEL, colour: BAND_FILL, fill: BAND_FILL },
  { label: 'Median of the previous 4 weeks', colour: COLOURS.grey, dash: '2 3' },
];

const MEAN_BAND: BandSpec = {
  low: 'meanBaseLow',
  high: 'meanBaseHigh',
  mid: 'meanBaseMid',
  name: NORMAL_LABEL,
  table: [
    {
      key: 'meanBaseMid',
      name: 'Normal mean (median of previous 4 weeks)',
      colour: COLOURS.grey,
      format: seconds,
    },
    { key: 'meanBaseLow', name: 'Normal mean, lowest', colour: COLOURS.grey, format: seconds },
    { key: 'meanBaseHigh', name: 'Normal mean, highest', colour: COLOURS.grey, format: seconds },
  ],
};
const WITHIN_60_BAND: BandSpec = {
  low: 'within60BaseLow',
  high: 'within60BaseHigh',
  mid: 'within60BaseMid',
  name: NORMAL_LABEL,
  table: [
    {
      key: 'within60BaseMid',
      name: 'Normal (median of previous 4 weeks)',
      colour: COLOURS.grey,
      format: percent,
    },
    { key: 'within60BaseLow', name: 'Normal, lowest', colour: COLOURS.grey, format: percent },
    { key: 'within60BaseHigh', name: 'Normal, highest', colour: COLOURS.grey, format: percent },
  ],
};

export function AnswerTimeChart(p: SiteChartProps) {
  return (
    <ChartPanel
      id="answer-time"
      title="Time to answer"
      windowLabel={p.windowLabel}
      series={ANSWER}
      extraKey={[
        { label: '60-second target', colour: COLOURS.red, dash: '8 4' },
        ...(p.baseline ? NORMAL_KEY : []),
      ]}
      showOutageKey={showOutages(p)}
      rows={p.rows}
      tableSeries={p.baseline ? MEAN_BAND.table : []}
    >
      <TimeSeriesChart
        title="Time to answer, mean and 95th centile"
        {...p}
        syncId={SYNC}
        series={ANSWER}
        band={p.baseline ? MEAN_BAND : undefined}
        left={{ label: 'seconds' }}
        reference={{ y: 60, label: '60 s target' }}
      />
    </ChartPanel>
  );
}

export function ServiceLevelChart(p: SiteChartProps) {
  return (
    <ChartPanel
      id="within-60"
      title="Calls answered within 60 seconds"
      windowLabel={p.windowLabel}
      series={WITHIN_60}
      extraKey={[
        { label: `${SERVICE_LEVEL_TARGET}% target`, colour: COLOURS.red, dash: '8 4' },
        ...(p.baseline ? NORMAL_KEY : []),
      ]}
      showOutageKey={showOutages(p)}
      rows={p.rows}
      tableSeries={p.baseline ? WITHIN_60_BAND.table : []}
    >
      <TimeSeriesChart
        title="Percentage of answered calls answered within 60 seconds"
        {...p}
        syncId={SYNC}
        series={WITHIN_60}
        band={p.baseline ? WITHIN_60_BAND : undefined}
        left={{ label: '%', domain: [0, 100] }}
        reference={{ y: SERVICE_LEVEL_TARGET, label: `${SERVICE_LEVEL_TARGET}% target` }}
      />
    </ChartPanel>
  );
}

export function QueueChart(p: SiteChartProps) {
  return (
    <ChartPanel
      id="queue"
      title="Queue depth and longest wait"
      windowLabel={p.windowLabel}
      series={QUEUE}
      showOutageKey={showOutages(p)}
      rows={p.rows}
    >
      <TimeSeriesChart
        title="Calls waiting and longest wait"
        {...p}
        syncId={SYNC}
        series={QUEUE}
        left={{ label: 'calls' }}
        right={{ label: 'seconds' }}
      />
    </ChartPanel>
  );
}

export function VolumeChart(p: SiteChartProps) {
  const series = p.manual ? [...VOLUME, MANUAL] : VOLUME;
  return (
    <ChartPanel
      id="volume"
      title="Calls offered, answered and abandoned per interval"
      windowLabel={p.windowLabel}
      series={series}
      showOutageKey={showOutages(p)}
      rows={p.rows}
    >
      {p.manual ? (
        <p className="nhsuk-body-s app-manual-note" data-testid="manual-note">
          <strong className="nhsuk-tag nhsuk-tag--purple">Manual</strong> Diamonds are calls handled as
          counted on paper for each hour (right-hand axis), entered by a manager: not telephony figures, never
          added to the bars.
        </p>
      ) : null}
      <TimeSeriesChart
        title={
          p.manual
            ? 'Calls offered, answered and abandoned, and manual tallies of calls handled'
            : 'Calls offered, answered and abandoned'
        }
        {...p}
        syncId={SYNC}
        series={series}
        left={{ label: 'calls' }}
        {...(p.manual ? { right: { label: 'manual count' } } : {})}
      />
    </ChartPanel>
  );
}

/** The four call charts, stacked on one time axis with a synced crosshair. */
export function SiteChartStack(p: SiteChartProps) {
  return (
    <>
      <AnswerTimeChart {...p} />
      <ServiceLevelChart {...p} />
      <QueueChart {...p} />
      <VolumeChart {...p} />
    </>
  );
}
