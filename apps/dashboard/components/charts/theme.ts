import type { SystemState } from '@switchboard/contracts';

/** NHS identity colours used by the charts. */
export const COLOURS = {
  blue: '#005eb8',
  darkBlue: '#003087',
  purple: '#330072',
  green: '#007f3b',
  red: '#d5281b',
  yellow: '#ffb81c',
  orange: '#ed8b00',
  grey: '#768692',
  text: '#212b32',
  grid: '#d8dde0',
} as const;

/** Each system state's colour, texture and words: colour is never the only signal. */
export const STATE_STYLE: Record<SystemState, { fill: string; pattern: string; label: string; tag: string }> =
  {
    up: { fill: COLOURS.green, pattern: COLOURS.green, label: 'Up', tag: 'nhsuk-tag--green' },
    degraded: {
      fill: COLOURS.yellow,
      pattern: 'url(#pat-degraded)',
      label: 'Degraded',
      tag: 'nhsuk-tag--orange',
    },
    down: { fill: COLOURS.red, pattern: 'url(#pat-down)', label: 'Down', tag: 'nhsuk-tag--red' },
    unknown: { fill: '#d8dde0', pattern: 'url(#pat-unknown)', label: 'Unknown', tag: 'nhsuk-tag--grey' },
  };

export const OUTAGE_FILL = 'url(#pat-outage)';

/** The normal band behind a line (a pale NHS blue, under the outage shading's texture). */
export const BAND_FILL = '#c6dbef';
