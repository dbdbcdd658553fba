import type { SystemStatusReport } from '@switchboard/contracts';
import { isoAt } from './model/iso-time.ts';
import { seedFor } from './model/random.ts';
import { detailAt, statusAt } from './scenarios/effects.ts';
import type { Disruption } from './scenarios/types.ts';
import type { SystemId } from './systems.ts';

export interface StatusFeedSite {
  siteId: string;
  systems: readonly SystemId[];
  /** The disruptions that hit this site. */
  disruptions: readonly Disruption[];
}

/**
 * What a site's systems report over [fromMs, toMs): a heartbeat every `everyMs` per system (`up`, or
 * `degraded` with a detail) that stops while the system is down; a probe report of `down` when an outage
 * starts and of `up` when it ends; and, as a real probe checks at every interval, a probe `down` at every
 * beat while the system is down, so a run that starts mid-outage says `down` within one interval (never
 * `unknown`). Stateless, so any split gives the same.
 */
export function statusReports(
  site: StatusFeedSite,
  fromMs: number,
  toMs: number,
  everyMs: number,
): SystemStatusReport[] {
  const out: SystemStatusReport[] = [];
  const { siteId, disruptions } = site;
  for (const d of disruptions) {
    if (d.status !== 'down') continue;
    for (const systemId of d.systems) {
      if (!site.systems.includes(systemId)) continue;
      if (d.startMs >= fromMs && d.startMs < toMs) {
        out.push(report(systemId, siteId, d.startMs, 'down', 'probe', d.detail));
      }
      if (d.endMs >= fromMs && d.endMs < toMs && statusAt(disruptions, systemId, d.endMs) === 'up') {
        out.push(report(systemId, siteId, d.endMs, 'up', 'probe', 'Recovered'));
      }
    }
  }
  if (everyMs > 0) {
    for (const systemId of site.systems) {
      // Each feed beats on its own phase, as real heartbeats do.
      const phase = (seedFor(0, siteId, systemId) >>> 0) % everyMs;
      for (let t = Math.ceil((fromMs - phase) / everyMs) * everyMs + phase; t < toMs; t += everyMs) {
        const status = statusAt(disruptions, systemId, t);
        if (status === 'down') {
          if (!isOutageStart(disruptions, systemId, t))
            out.push(report(systemId, siteId, t, 'down', 'probe', detailOfDown(disruptions, systemId, t)));
          continue;
        }
        const detail = status === 'degraded' ? detailAt(disruptions, systemId, t) : undefined;
        out.push(report(systemId, siteId, t, status, 'heartbeat', detail));
      }
    }
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function report(
  systemId: SystemId,
  siteId: string,
  ms: number,
  status: SystemStatusReport['status'],
  source: SystemStatusReport['source'],
  detail: string | undefined,
): SystemStatusReport {
  const out: SystemStatusReport = { systemId, siteId, at: isoAt(ms), status, source };
  if (detail !== undefined) out.detail = detail;
  return out;
}

/** Whether an outage of the system starts exactly at `ms` (its edge report is already sent). */
function isOutageStart(disruptions: readonly Disruption[], systemId: SystemId, ms: number): boolean {
  return disruptions.some((d) => d.status === 'down' && d.startMs === ms && d.systems.includes(systemId));
}

function detailOfDown(
  disruptions: readonly Disruption[],
  systemId: SystemId,
  ms: number,
): string | undefined {
  return disruptions.find(
    (d) => d.status === 'down' && ms >= d.startMs && ms < d.endMs && d.systems.includes(systemId),
  )?.detail;
}
