import type { incidentUpdateInput } from '@switchboard/contracts';
import { type Db, incidents, incidentUpdates } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { DomainError } from '../../errors.ts';
import { audit } from '../audit.ts';
import { type Actor, assertAllSites, canSee } from './actor.ts';
import { canMove, MILESTONE, milestoneProblem } from './lifecycle.ts';
import { type Publisher, publishIncidentChange } from './publish.ts';

/**
 * Moves an incident to a stage (setting that milestone at `at`, default now), changes its EPRR level
 * and/or adds a note. Each change appends a timeline entry and an audit entry; nothing is overwritten
 * in the timeline. Invalid moves and milestone times change nothing.
 */
export async function updateIncident(
  db: Db,
  actor: Actor,
  input: z.output<typeof incidentUpdateInput>,
  live?: Publisher,
  now = new Date(),
): Promise<{ id: number; stage: string }> {
  const at = input.at ? new Date(input.at) : now;
  const result = await db.transaction(async (tx) => {
    const [incident] = await tx.select().from(incidents).where(eq(incidents.id, input.id)).for('update');
    if (!incident?.siteIds.some((s) => canSee(actor, s)))
      throw new DomainError('not_found', `id: no incident ${input.id}`);
    assertAllSites(actor, incident.siteIds);
    const changes: Partial<typeof incidents.$inferInsert> = { updatedAt: now };
    const entries: (typeof incidentUpdates.$inferInsert)[] = [];
    if (input.stage !== undefined) {
      if (!canMove(incident.stage, input.stage))
        throw new DomainError('conflict', `stage: cannot move from ${incident.stage} to ${input.stage}`);
      const problem = milestoneProblem(incident, input.stage, at);
      if (problem) throw new DomainError('invalid', `at: ${problem}`);
      changes.stage = input.stage;
      changes[MILESTONE[input.stage as keyof typeof MILESTONE]] = at;
      // Reopened: the impact window runs on again until the next stand-down.
      if (input.stage === 'active' && incident.stage === 'stood_down') changes.stoodDownAt = null;
      entries.push({
        incidentId: incident.id,
        at,
        kind: 'stage',
        stage: input.stage,
        actor: actor.label,
        detail: { from: incident.stage },
      });
    }
    if (input.eprrLevel !== undefined && input.eprrLevel !== incident.eprrLevel) {
      changes.eprrLevel = input.eprrLevel;
      entries.push({
        incidentId: incident.id,
        at,
        kind: 'edit',
        actor: actor.label,
        detail: { eprrLevel: { from: incident.eprrLevel, to: input.eprrLevel } },
      });
    }
    if (input.note !== undefined) {
      entries.push({ incidentId: incident.id, at, kind: 'note', note: input.note, actor: actor.label });
    }
    if (entries.length === 0) throw new DomainError('invalid', 'eprrLevel: is already set to that level');
    await tx.update(incidents).set(changes).where(eq(incidents.id, incident.id));
    await tx.insert(incidentUpdates).values(entries);
    await audit(tx, {
      actor: actor.label,
      action: 'incident.update',
      subject: `incident:${incident.id}`,
      detail: {
        stage: input.stage ?? null,
        note: input.note ?? null,
        eprrLevel: input.eprrLevel,
        at: at.toISOString(),
      },
    });
    return {
      id: incident.id,
      stage: changes.stage ?? incident.stage,
      siteIds: incident.siteIds,
      startedAt: incident.startedAt,
    };
  });
  publishIncidentChange(live, result.siteIds, result.startedAt, now);
  return { id: result.id, stage: result.stage };
}
