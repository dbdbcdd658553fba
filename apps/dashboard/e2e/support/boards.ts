import type { WallboardPage } from '@switchboard/contracts';

/** The board the wallboard tests and the soak use: "Now" (six tiles, the strip) and "Trend" (the chart). */
export function twoPageBoard(rotateSeconds: number): WallboardPage[] {
  return [
    {
      title: 'Now',
      tiles: [
        { measure: 'callsWaiting', window: 'now' },
        { measure: 'longestWaitMs', window: 'now' },
        { measure: 'agentsAvailable', window: 'now' },
        { measure: 'answeredWithin60sPct', window: { lastMinutes: 60 } },
        { measure: 'abandonedAllPct', window: { lastMinutes: 60 } },
        { measure: 'meanAnswerMs', window: { since: '00:00' } },
      ],
      chart: false,
      systems: true,
      rotateSeconds,
    },
    {
      title: 'Trend',
      tiles: [
        { measure: 'offered', window: { lastMinutes: 60 } },
        { measure: 'p95AnswerMs', window: { lastMinutes: 60 } },
      ],
      chart: true,
      systems: true,
      rotateSeconds,
    },
  ];
}
