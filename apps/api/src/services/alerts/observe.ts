import type { AlertMeasure } from '@switchboard/contracts';
import { type Db, rowsOf } from '@switchboard/db';
import { inMaintenance } from '@switchboard/metrics';
import { sql } from 'drizzle-orm';
import { getSeries } from '../queries/series.ts';
import type { currentSystemStates } from '../queries/system-states.ts';
import { inScope, type Observation, offTargetSince } from './evaluate.ts';
import type { MaintenanceIndex } from './maintenance.ts';

const MINUTE = 60_000;

export interface Scope {
  siteIds: string[];
  systemIds: string[];
}
type SystemStates = Awaited<ReturnType<typeof currentSystemStates>>;

/** Systems down or unknown (since a known time) at a site or nationally; held during their maintenance. */
export function systemsDown(
  rule: Scope,
  states: SystemStates,
  siteNames: Map<string, string>,
  maintenance: MaintenanceIndex,
  now: number,
): Observation[] {
  return states
    .filter((s) => (s.status === 'down' || s.status === 'unknown') && s.since !== null)
    .filter((s) => inScope(rule, s.siteId, s.systemId))
    .map((s) => ({
      subject: `${s.systemId}@${s.siteId ?? 'national'}`,
      siteId: s.siteId,
      systemId: s.systemId,
      since: Date.parse(s.since as string),
      summary: `${s.name} ${s.status} at ${s.siteId ? (siteNames.get(s.siteId) ?? s.siteId) : 'every site (national)'}`,
      held: inMaintenance(maintenance(s.systemId, s.siteId), now),
    }));
}

/** Sites whose feed (call events and queue snapshots) has been silent past the stale limit. */
export async function feedsStale(
  db: Db,
  rule: Scope,
  staleAfterMs: number,
  now: number,
): Promise<Observation[]> {
  const rows = await rowsOf<{ id: string; name: string; last: number | null }>(
    db,
    sql`select s.id, s.name, (extract(epoch from greatest(
          (select max(at) from call_events e where e.site_id = s.id),
          (select max(at) from queue_snapshots q where q.site_id = s.id))) * 1000)::float8 as last
        from sites s order by s.id`,
  );
  return rows
    .filter((row) => row.last !== null && now - Number(row.last) > staleAfterMs)
    .filter((row) => inScope({ siteIds: rule.siteIds, systemIds: [] }, row.id, null))
    .map((row) => ({
      subject: row.id,
      siteId: row.id,
      systemId: null,
      since: Number(row.last) + staleAfterMs,
      summary: `${row.name}: no call events or queue snapshots since ${new Date(Number(row.last)).toISOString()}`,
    }));
}

/** Sites off target on a measure for every minute with data in the rule's window (whole minutes). */
export async function sitesOffTarget(
  db: Db,
  rule: Scope & { minutes: number; measure: AlertMeasure; threshold: number },
  siteNames: Map<string, string>,
  now: number,
): Promise<Observation[]> {
  const to = Math.floor(now / MINUTE) * MINUTE;
  // Twice the rule's minutes, so "since" is usually the true start of the run (at most 2,885 points).
  const from = to - Math.max(rule.minutes * 2 + 5, 15) * MINUTE;
  const siteIds = rule.siteIds.length ? rule.siteIds : [...siteNames.keys()];
  const out: Observation[] = [];
  for (const siteId of siteIds) {
    const series = await getSeries(
      db,
      {
        siteIds: [siteId],
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        interval: '1m',
      },
      now,
    );
    const points = series.points.map((p) => ({ start: Date.parse(p.start), value: p[rule.measure] }));
    const since = offTargetSince(points, rule.measure, rule.threshold);
    if (since === null) continue;
    out.push({
      subject: siteId,
      siteId,
      systemId: null,
      since,
      summary: `${siteNames.get(siteId) ?? siteId} off target: ${rule.measure} ${points.at(-1)?.value ?? '—'} (threshold ${rule.threshold})`,
    });
  }
  return out;
}

/** Incident declarations and stage changes recorded since `after` (bounded), in a rule's scope. */
export async function incidentEvents(db: Db, rule: Scope, after: number) {
  const rows = await rowsOf<{
    update_id: number;
    incident_id: number;
    kind: string;
    stage: string | null;
    at: number;
    title: string;
    site_ids: string[];
    system_ids: string[];
  }>(
    db,
    sql`select u.id::int as update_id, u.incident_id, u.kind, u.stage::text as stage,
          (extract(epoch from u.at) * 1000)::float8 as at, i.title, i.site_ids, i.system_ids
        from incident_updates u join incidents i on i.id = u.incident_id
        where u.recorded_at >= ${new Date(after).toISOString()}::timestamptz
          and u.kind in ('declared', 'stage')
        order by u.id limit 200`,
  );
  return rows
    .filter(
      (row) =>
        (rule.siteIds.length === 0 || row.site_ids.some((id) => rule.siteIds.includes(id))) &&
        (rule.systemIds.length === 0 || row.system_ids.some((id) => rule.systemIds.includes(id))),
    )
    .map((row) => {
      const stage = row.kind === 'declared' ? 'declared' : (row.stage ?? 'changed');
      return {
        subject: `incident:${row.incident_id}#${row.update_id}`,
        incidentId: row.incident_id,
        siteId: row.site_ids.length === 1 ? (row.site_ids[0] ?? null) : null,
        systemId: row.system_ids.length === 1 ? (row.system_ids[0] ?? null) : null,
        since: Number(row.at),
        ended: ['stood_down', 'closed', 'cancelled'].includes(stage),
        summary: `Incident SWB-${new Date(Number(row.at)).getUTCFullYear()}-${row.incident_id} "${row.title}" ${stage.replace('_', ' ')}`,
      };
    });
}

/** Sites whose current OPEL level is at or above the rule's level, since it was set there. */
export async function sitesAtOpel(db: Db, rule: Scope & { level: number }): Promise<Observation[]> {
  const rows = await rowsOf<{ site_id: string; name: string; level: number; set_by: string; set_at: number }>(
    db,
    sql`select o.site_id, s.name, o.level, o.set_by, (extract(epoch from o.set_at) * 1000)::float8 as set_at
        from (select distinct on (site_id) site_id, level, set_by, set_at from opel_levels
              order by site_id, set_at desc, id desc) o
        join sites s on s.id = o.site_id
        order by o.site_id`,
  );
  return rows
    .filter((row) => row.level >= rule.level)
    .filter((row) => inScope({ siteIds: rule.siteIds, systemIds: [] }, row.site_id, null))
    .map((row) => ({
      subject: `opel:${row.site_id}`,
      siteId: row.site_id,
      systemId: null,
      since: Number(row.set_at),
      summary: `${row.name} at OPEL ${row.level} (set by ${row.set_by})`,
    }));
}
