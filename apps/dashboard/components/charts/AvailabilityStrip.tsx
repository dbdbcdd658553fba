import type { AvailabilityRow } from '@switchboard/contracts';
import { duration, percent, ukTime } from '../../lib/format.ts';
import { PLOT } from '../../lib/plot.ts';
import { tickLabel, timeTicks } from '../../lib/ticks.ts';
import { StateBand } from './StateBand.tsx';
import { StateKey } from './StateKey.tsx';
import { COLOURS, STATE_STYLE } from './theme.ts';

interface Props {
  rows: AvailabilityRow[];
  domain: [number, number];
  width: number;
  /** When the "current" state is from: "now", or the end of an absolute range ("at 03:30"). */
  at: string;
}

function describe(row: AvailabilityRow, at: string): string {
  const downs = row.intervals.filter((i) => i.status === 'down');
  const periods = downs.map((i) => `${ukTime(i.from)}–${ukTime(i.to)}`).join(', ');
  return `${row.name}: ${STATE_STYLE[row.current].label.toLowerCase()} ${at}${
    downs.length ? `; down ${periods} UK time` : '; not down in this range'
  }${row.maintenance?.length ? `; planned maintenance ${row.maintenance.map((m) => `${ukTime(m.from)}–${ukTime(m.to)}`).join(', ')}` : ''}`;
}

/** Each system's state on the same time axis as the charts above it, with a key and a time axis. */
export function AvailabilityStrip({ rows, domain, width, at }: Props) {
  const plotWidth = width - PLOT.left - PLOT.right;
  const { ticks, step } = timeTicks(domain[0], domain[1], Math.max(2, Math.floor(plotWidth / 80)));
  const x = (t: number) => PLOT.left + ((t - domain[0]) / (domain[1] - domain[0])) * plotWidth;
  return (
    <div className="app-strip" data-chart="availability">
      <StateKey label="Key: system states" />
      {rows.length === 0 ? <p>No systems are registered for this site.</p> : null}
      {rows.map((row) => (
        <div
          key={`${row.systemId}-${row.siteId ?? 'national'}`}
          className="app-strip__row"
          data-system={row.systemId}
        >
          <p className="app-strip__name nhsuk-body-s" style={{ marginLeft: PLOT.left }}>
            <strong>{row.name}</strong>
            {row.siteId === null ? ' (national)' : ''} — {STATE_STYLE[row.current].label.toLowerCase()} {at}
            {row.since ? ` since ${ukTime(row.since)}` : ''}
            {row.availabilityPct === null ? '' : `; available ${percent(row.availabilityPct)}`}
            {row.downMs > 0 ? `; down ${duration(row.downMs)}` : ''}
            {row.plannedDownMs ? ` (${duration(row.plannedDownMs)} in planned maintenance)` : ''}
          </p>
          <StateBand
            intervals={row.intervals}
            domain={domain}
            width={plotWidth}
            offset={PLOT.left}
            svgWidth={width}
            label={describe(row, at)}
            maintenance={row.maintenance}
          />
        </div>
      ))}
      <svg width={width} height={24} aria-hidden="true" focusable="false">
        {ticks.map((t) => (
          <g key={t} transform={`translate(${x(t)},0)`}>
            <line y1={0} y2={6} stroke={COLOURS.text} />
            <text y={20} textAnchor="middle" fontSize={12} fill={COLOURS.text}>
              {tickLabel(t, step)}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}
