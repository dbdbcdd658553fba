import type { Db } from '@switchboard/db';
import { incidents, sites } from '@switchboard/db';
import { inArray } from 'drizzle-orm';
import { currentSystemStates } from '../queries/system-states.ts';
import { type Actor, canSee } from './actor.ts';

export const DEFAULT_SUSPECT_AFTER_MIN = 5;

export type SuspectedOutage = {
  systemId: string;
  systemName: string;
  siteId: string;
  status: 'down' | 'unknown';
  since: string;
  minutes: number;
  /** What the declaration form is prefilled with. */
  declaration: {
    type: 'business_continuity';
    title: string;
    systemIds: string[];
    siteIds: string[];
    startedAt: string;
  };
};

/**
 * Systems down or unknown at a site (a national report counts at every site that depends on the system)
 * for at least `minMinutes`, that no open incident names for that site: "Adastra down at Leeds for 12 min
 * — declare an incident?". A system never reported is not suspected (nothing says it ever worked).
 */
export async function getSuspectedOutages(
  db: Db,
  actor: Actor,
  input: { minMinutes?: number | undefined } | undefined,
  settings: { heartbeatTimeoutS: number },
  now = Date.now(),
): Promise<SuspectedOutage[]> {
  const minMs = (input?.minMinutes ?? DEFAULT_SUSPECT_AFTER_MIN) * 60_000;
  const [states, open, siteRows] = await Promise.all([
    currentSystemStates(db, now, settings.heartbeatTimeoutS * 1000),
    db
      .select()
      .from(incidents)
      .where(inArray(incidents.stage, ['declared', 'active', 'monitoring'])),
    db.select({ id: sites.id, name: sites.name }).from(sites),
  ]);
  const siteName = new Map(siteRows.map((r) => [r.id, r.name]));
  const covered = (systemId: string, siteId: string) =>
    open.some((i) => i.systemIds.includes(systemId) && i.siteIds.includes(siteId));
  const out: SuspectedOutage[] = [];
  for (const s of states) {
    if (s.siteId === null || !canSee(actor, s.siteId)) continue;
    if ((s.status !== 'down' && s.status !== 'unknown') || s.since === null) continue;
    const since = Date.parse(s.since);
    if (now - since < minMs || covered(s.systemId, s.siteId)) continue;
    out.push({
      systemId: s.systemId,
      systemName: s.name,
      siteId: s.siteId,
      status: s.status,
      since: s.since,
      minutes: Math.floor((now - since) / 60_000),
      declaration: {
        type: 'business_continuity',
        title: `${s.name} ${s.status} at ${siteName.get(s.siteId) ?? s.siteId}`,
        systemIds: [s.systemId],
        siteIds: [s.siteId],
        startedAt: s.since,
      },
    });
  }
  return out.sort((a, b) => a.since.localeCompare(b.since) || a.siteId.localeCompare(b.siteId));
}
