'use client';
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  type DotItemDotProps,
  Line,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Outage } from '../../lib/outages.ts';
import { PLOT } from '../../lib/plot.ts';
import type { ChartRow } from '../../lib/series.ts';
import { tickLabel, timeTicks } from '../../lib/ticks.ts';
import { ChartTooltip } from './ChartTooltip.tsx';
import { BAND_FILL, COLOURS, OUTAGE_FILL } from './theme.ts';

export type SeriesKey = Exclude<keyof ChartRow, 't'>;

export interface SeriesSpec {
  key: SeriesKey;
  name: string;
  colour: string;
  /** Dash pattern, so lines differ by more than colour. */
  dash?: string;
  /** A marker is a shape at each value, no line (hand-counted figures, apart from the measured ones). */
  kind?: 'line' | 'bar' | 'marker';
  axis?: 'left' | 'right';
  format: (value: number) => string;
  /** What the table view says where there is no value (default "no data"). */
  empty?: string;
}

export interface AxisSpec {
  label: string;
  domain?: [number | 'auto', number | 'auto'];
  format?: (value: number) => string;
}

export interface TimeSeriesChartProps {
  title: string;
  rows: ChartRow[];
  domain: [number, number];
  width: number;
  height?: number;
  series: SeriesSpec[];
  left: AxisSpec;
  right?: AxisSpec;
  outages: Outage[];
  reference?: { y: number; label: string };
  syncId?: string;
  /** A band drawn behind the lines (e.g. the normal range from earlier weeks): its low, high and middle. */
  band?: BandSpec;
}

export interface BandSpec {
  low: SeriesKey;
  high: SeriesKey;
  mid: SeriesKey;
  name: string;
  /** The band's columns in the table view and tooltip. */
  table: SeriesSpec[];
}

/** A dot only where a value has gaps on both sides: with gaps kept as gaps it would otherwise not show. */
function isolatedDot(rows: ChartRow[], key: SeriesKey, colour: string) {
  return (p: DotItemDotProps) => {
    const before = rows[p.index - 1]?.[key] ?? null;
    const after = rows[p.index + 1]?.[key] ?? null;
    if (p.cx === undefined || p.cy === undefined || before !== null || after !== null || p.value === null) {
      return <g key={p.key ?? p.index} />;
    }
    return <circle key={p.key ?? p.index} cx={p.cx} cy={p.cy} r={3} fill={colour} />;
  };
}

/** A diamond at each value (a shape unlike the bars and lines, so a manual figure never passes for one). */
function diamond(colour: string) {
  return (p: DotItemDotProps) => {
    if (p.cx === undefined || p.cy === undefined || p.value === null || p.value === undefined) {
      return <g key={p.key ?? p.index} />;
    }
    const { cx, cy } = p;
    return (
      <path
        key={p.key ?? p.index}
        className="app-manual-marker"
        d={`M${cx} ${cy - 7}L${cx + 7} ${cy}L${cx} ${cy + 7}L${cx - 7} ${cy}Z`}
        fill={colour}
        stroke={COLOURS.text}
        strokeWidth={1}
      />
    );
  };
}

/**
 * A time chart on the shared axis: lines break at gaps (`connectNulls={false}`), every outage is shaded,
 * and the plot area has the same gutters as every other chart so they line up under one another.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { rows, domain, width, series, left, right, outages, reference } = props;
  const plotWidth = width - PLOT.left - PLOT.right;
  const { ticks, step } = timeTicks(domain[0], domain[1], Math.max(2, Math.floor(plotWidth / 80)));
  const barCount = series.filter((s) => s.kind === 'bar').length || 1;
  const barSize = Math.max(1, Math.floor((plotWidth / Math.max(rows.length, 1)) * (0.8 / barCount)));
  return (
    <ComposedChart
      width={width}
      height={props.height ?? 200}
      data={rows}
      syncId={props.syncId}
      title={props.title}
      margin={{ top: PLOT.top, right: right ? 0 : PLOT.right, bottom: 0, left: 0 }}
      barGap={0}
    >
      <CartesianGrid stroke={COLOURS.grid} vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={domain}
        allowDataOverflow
        ticks={ticks}
        tickFormatter={(t: number) => tickLabel(t, step)}
        stroke={COLOURS.text}
      />
      <YAxis
        yAxisId="left"
        width={PLOT.left}
        domain={left.domain ?? [0, 'auto']}
        tickFormatter={left.format}
        stroke={COLOURS.text}
        allowDecimals={false}
        label={{ value: left.label, angle: -90, position: 'insideLeft', offset: 12, fill: COLOURS.text }}
      />
      {right ? (
        <YAxis
          yAxisId="right"
          orientation="right"
          width={PLOT.right}
          domain={right.domain ?? [0, 'auto']}
          tickFormatter={right.format}
          stroke={COLOURS.text}
          allowDecimals={false}
          label={{ value: right.label, angle: 90, position: 'insideRight', offset: 12, fill: COLOURS.text }}
        />
      ) : null}
      {outages.map((o) => (
        <ReferenceArea
          key={o.from}
          yAxisId="left"
          x1={Math.max(o.from, domain[0])}
          x2={Math.min(o.to, domain[1])}
          fill={OUTAGE_FILL}
          fillOpacity={1}
          ifOverflow="hidden"
          className="app-outage"
        />
      ))}
      {reference ? (
        <ReferenceLine
          yAxisId="left"
          y={reference.y}
          stroke={COLOURS.red}
          strokeDasharray="8 4"
          strokeWidth={2}
          ifOverflow="extendDomain"
          label={{ value: reference.label, position: 'insideTopRight', fill: COLOURS.red, fontSize: 13 }}
        />
      ) : null}
      {props.band ? <BandArea band={props.band} /> : null}
      {props.band ? (
        <Line
          yAxisId="left"
          dataKey={props.band.mid}
          name={`${props.band.name}, median`}
          stroke={COLOURS.grey}
          strokeWidth={1.5}
          strokeDasharray="2 3"
          connectNulls={false}
          dot={false}
          isAnimationActive={false}
        />
      ) : null}
      {series.map((s) =>
        s.kind === 'bar' ? (
          <Bar
            key={s.key}
            yAxisId={s.axis ?? 'left'}
            dataKey={s.key}
            name={s.name}
            fill={s.colour}
            barSize={barSize}
            isAnimationActive={false}
          />
        ) : s.kind === 'marker' ? (
          <Line
            key={s.key}
            yAxisId={s.axis ?? 'left'}
            dataKey={s.key}
            name={s.name}
            stroke="none"
            connectNulls={false}
            dot={diamond(s.colour)}
            activeDot={false}
            isAnimationActive={false}
          />
        ) : (
          <Line
            key={s.key}
            yAxisId={s.axis ?? 'left'}
            dataKey={s.key}
            name={s.name}
            stroke={s.colour}
            strokeWidth={2}
            strokeDasharray={s.dash}
            connectNulls={false}
            dot={isolatedDot(rows, s.key, s.colour)}
            isAnimationActive={false}
          />
        ),
      )}
      <Tooltip
        content={<ChartTooltip series={[...series, ...(props.band?.table ?? [])]} />}
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}

/** The band as a ranged area (low to high), gaps left open. */
function BandArea({ band }: { band: BandSpec }) {
  return (
    <Area
      yAxisId="left"
      dataKey={(row: ChartRow) => {
        const low = row[band.low];
        const high = row[band.high];
        return low === null || high === null ? null : [low, high];
      }}
      name={band.name}
      stroke="none"
      fill={BAND_FILL}
      fillOpacity={1}
      connectNulls={false}
      activeDot={false}
      isAnimationActive={false}
    />
  );
}
