import { type IncidentStage, type incidentListInput, OPEN_STAGES } from '@switchboard/contracts';
import { type Db, type Incident, incidents, incidentUpdates } from '@switchboard/db';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { DomainError } from '../../errors.ts';
import { type Actor, canSee, visibleSites } from './actor.ts';
import { isOpen, windowEnd } from './lifecycle.ts';

/** Incidents listed at most (newest first): an incident review a year on looks at a few hundred. */
export const MAX_LISTED = 500;

export type IncidentSummary = {
  id: number;
  reference: string;
  type: Incident['type'];
  eprrLevel: number | null;
  title: string;
  stage: IncidentStage;
  open: boolean;
  systemIds: string[];
  /** The affected sites within the caller's scope. */
  siteIds: string[];
  startedAt: string;
  declaredAt: string;
  declaredBy: string;
  activeAt: string | null;
  monitoringAt: string | null;
  stoodDownAt: string | null;
  closedAt: string | null;
  cancelledAt: string | null;
  /** The impact window: start to stand-down (or cancellation), `to` null while open. */
  window: { from: string; to: string | null };
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** SWB-2026-0042: year of declaration and id, as people quote it on calls and in the incident log. */
export function referenceOf(i: Pick<Incident, 'id' | 'declaredAt'>): string {
  return `SWB-${i.declaredAt.getUTCFullYear()}-${String(i.id).padStart(4, '0')}`;
}

export function summarise(i: Incident, actor: Actor): IncidentSummary {
  const end = windowEnd(i);
  return {
    id: i.id,
    reference: referenceOf(i),
    type: i.type,
    eprrLevel: i.eprrLevel,
    title: i.title,
    stage: i.stage,
    open: isOpen(i.stage),
    systemIds: i.systemIds,
    siteIds: visibleSites(actor, i.siteIds),
    startedAt: i.startedAt.toISOString(),
    declaredAt: i.declaredAt.toISOString(),
    declaredBy: i.declaredBy,
    activeAt: iso(i.activeAt),
    monitoringAt: iso(i.monitoringAt),
    stoodDownAt: iso(i.stoodDownAt),
    closedAt: iso(i.closedAt),
    cancelledAt: iso(i.cancelledAt),
    window: { from: i.startedAt.toISOString(), to: iso(end) },
  };
}

/** Incidents touching the actor's sites, newest start first: open ones, one stage, or all. */
export async function listIncidents(
  db: Db,
  actor: Actor,
  input: z.output<typeof incidentListInput>,
): Promise<IncidentSummary[]> {
  const status = input?.status ?? 'all';
  const stages: IncidentStage[] | null =
    status === 'all' ? null : status === 'open' ? [...OPEN_STAGES] : [status];
  const rows = await db
    .select()
    .from(incidents)
    .where(stages ? inArray(incidents.stage, stages) : undefined)
    .orderBy(desc(incidents.startedAt), desc(incidents.id))
    .limit(MAX_LISTED);
  return rows.filter((i) => i.siteIds.some((s) => canSee(actor, s))).map((i) => summarise(i, actor));
}

/** One incident the actor may see, or not_found. */
export async function findIncident(db: Db, actor: Actor, id: number): Promise<Incident> {
  const [incident] = await db.select().from(incidents).where(eq(incidents.id, id));
  if (!incident?.siteIds.some((s) => canSee(actor, s)))
    throw new DomainError('not_found', `id: no incident ${id}`);
  return incident;
}

/** An incident with its whole timeline, oldest entry first. */
export async function getIncident(db: Db, actor: Actor, id: number) {
  const incident = await findIncident(db, actor, id);
  const timeline = await db
    .select()
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, id))
    .orderBy(asc(incidentUpdates.at), asc(incidentUpdates.id))
    .limit(5_000);
  return {
    ...summarise(incident, actor),
    timeline: timeline.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind,
      stage: e.stage,
      note: e.note,
      detail: e.detail,
      actor: e.actor,
      recordedAt: e.recordedAt.toISOString(),
    })),
  };
}
