import type { SystemState } from '@switchboard/contracts';
import { ukTime } from '../../lib/format.ts';
import { STATE_STYLE } from './theme.ts';

export interface StateInterval {
  from: string;
  to: string;
  status: SystemState;
}

interface Props {
  intervals: StateInterval[];
  domain: [number, number];
  /** Width of the band itself; `offset` is where it starts within the SVG. */
  width: number;
  height?: number;
  offset?: number;
  svgWidth?: number;
  label: string;
  /** Planned maintenance windows, drawn over the states in their own pattern. */
  maintenance?: { from: string; to: string }[] | undefined;
}

/** One system's states over time as coloured, textured bands (up solid, degraded striped, down hatched). */
export function StateBand({
  intervals,
  domain,
  width,
  height = 22,
  offset = 0,
  svgWidth,
  label,
  maintenance = [],
}: Props) {
  const [start, end] = domain;
  const x = (t: number) => offset + ((Math.min(Math.max(t, start), end) - start) / (end - start)) * width;
  return (
    <svg
      width={svgWidth ?? width + offset}
      height={height}
      role="img"
      aria-label={label}
      className="app-band"
      focusable="false"
    >
      <rect x={offset} y={0} width={width} height={height} fill="url(#pat-unknown)" />
      {intervals.map((i) => {
        const x1 = x(Date.parse(i.from));
        const x2 = x(Date.parse(i.to));
        if (x2 <= x1) return null;
        const style = STATE_STYLE[i.status];
        return (
          <rect
            key={`${i.from}-${i.status}`}
            x={x1}
            y={0}
            width={Math.max(1, x2 - x1)}
            height={height}
            fill={style.pattern}
            data-state={i.status}
          >
            <title>{`${style.label} ${ukTime(i.from)}–${ukTime(i.to)} UK time`}</title>
          </rect>
        );
      })}
      {maintenance.map((m) => {
        const x1 = x(Date.parse(m.from));
        const x2 = x(Date.parse(m.to));
        if (x2 <= x1) return null;
        return (
          <g key={`m-${m.from}`} data-state="maintenance">
            <rect x={x1} y={0} width={Math.max(1, x2 - x1)} height={height} fill="url(#pat-maintenance)" />
            <rect x={x1} y={0} width={Math.max(1, x2 - x1)} height={4} fill="#005eb8" />
            <title>{`Planned maintenance ${ukTime(m.from)}–${ukTime(m.to)} UK time`}</title>
          </g>
        );
      })}
      <rect x={offset} y={0} width={width} height={height} fill="none" stroke="#425563" strokeWidth="1" />
    </svg>
  );
}
