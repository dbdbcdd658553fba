import type { WallboardFigures } from '@switchboard/contracts';
import { ukTime } from '../../lib/format.ts';

/** Full width: the figures on screen are not live, and since when. */
export function NotLiveBanner({ reason, since }: { reason: 'connection' | 'feed'; since: number | null }) {
  return (
    <div className="app-wb__banner app-wb__banner--notlive" role="alert" data-testid="wb-not-live">
      <span aria-hidden="true">⚠ </span>NOT LIVE — {since ? `no data since ${ukTime(since)}` : 'no data yet'}
      <span className="app-wb__banner-why">
        {reason === 'connection'
          ? ' (this screen has lost its connection to Switchboard; reconnecting)'
          : ' (a site’s feed has stopped sending)'}
      </span>
    </div>
  );
}

/** Every system down, where and since when. */
export function SystemsDownBanner({ systems }: { systems: WallboardFigures['systems'] }) {
  const down = systems.filter((s) => s.status === 'down');
  if (down.length === 0) return null;
  const seen = new Map<string, { name: string; since: string | null; sites: string[] }>();
  for (const s of down) {
    const key = `${s.systemId}|${s.since ?? ''}`;
    const entry = seen.get(key) ?? { name: s.name, since: s.since, sites: [] };
    if (s.siteId) entry.sites.push(s.siteId);
    seen.set(key, entry);
  }
  return (
    <div className="app-wb__banner app-wb__banner--down" role="alert" data-testid="wb-systems-down">
      <span aria-hidden="true">✕ </span>SYSTEM DOWN:{' '}
      {[...seen.values()].map((s) => `${s.name}${s.since ? ` since ${ukTime(s.since)}` : ''}`).join(' · ')}
    </div>
  );
}

type Incident = { id: number; reference: string; title: string; stage: string };

/** Open incidents, by reference and title. */
export function IncidentsBanner({ incidents }: { incidents: Incident[] }) {
  if (incidents.length === 0) return null;
  return (
    <div className="app-wb__banner app-wb__banner--incident" role="status" data-testid="wb-incidents">
      <span aria-hidden="true">! </span>INCIDENT:{' '}
      {incidents
        .slice(0, 3)
        .map((i) => `${i.reference} ${i.title} (${i.stage})`)
        .join(' · ')}
      {incidents.length > 3 ? ` · and ${incidents.length - 3} more` : ''}
    </div>
  );
}
