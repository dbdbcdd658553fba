import { STATE_STYLE } from './theme.ts';

const STATES = ['up', 'degraded', 'down', 'unknown'] as const;

function Swatch({ fill }: { fill: string }) {
  return (
    <svg className="app-chart__swatch" viewBox="0 0 24 12" aria-hidden="true" focusable="false">
      <rect width="24" height="12" fill={fill} stroke="#425563" strokeWidth="0.5" />
    </svg>
  );
}

/** The key to the timeline patterns: each system state, then planned maintenance. */
export function StateKey({ label }: { label: string }) {
  return (
    <ul className="app-chart__key" aria-label={label}>
      {STATES.map((state) => (
        <li key={state}>
          <Swatch fill={STATE_STYLE[state].pattern} />
          {STATE_STYLE[state].label}
        </li>
      ))}
      <li>
        <Swatch fill="url(#pat-maintenance)" />
        Planned maintenance
      </li>
    </ul>
  );
}
