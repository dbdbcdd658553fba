import type { LiveChange } from '@switchboard/contracts';
import type { LiveHub } from '../../live/hub.ts';

export type Publisher = Pick<LiveHub, 'publish'> | undefined;

/** Tells live subscribers that incidents (banners, shading, impact panels) of these sites changed. */
export function publishIncidentChange(
  live: Publisher,
  siteIds: readonly string[],
  from: Date,
  now = new Date(),
): void {
  if (!live) return;
  const change: LiveChange = {
    siteIds: [...new Set(siteIds)].sort(),
    streams: ['incidents'],
    from: (from < now ? from : now).toISOString(),
    to: now.toISOString(),
    at: now.toISOString(),
  };
  void live.publish(change);
}
