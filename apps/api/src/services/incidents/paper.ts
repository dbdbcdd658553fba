import type { paperEndInput, paperListInput, paperStartInput } from '@switchboard/contracts';
import { type Db, paperPeriods, sites } from '@switchboard/db';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { DomainError } from '../../errors.ts';
import { audit } from '../audit.ts';
import { type Actor, assertAllSites, canSee } from './actor.ts';
import { type Publisher, publishIncidentChange } from './publish.ts';

const view = (p: typeof paperPeriods.$inferSelect) => ({
  id: p.id,
  siteId: p.siteId,
  incidentId: p.incidentId,
  startedAt: p.startedAt.toISOString(),
  endedAt: p.endedAt ? p.endedAt.toISOString() : null,
  open: p.endedAt === null,
  note: p.note,
  setBy: p.setBy,
});

/** Marks a site as working on paper from `startedAt`; one open period per site. */
export async function startPaperMode(
  db: Db,
  actor: Actor,
  input: z.output<typeof paperStartInput>,
  live?: Publisher,
) {
  assertAllSites(actor, [input.siteId]);
  const row = await db.transaction(async (tx) => {
    const [site] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, input.siteId));
    if (!site) throw new DomainError('unknown_reference', `siteId: unknown site ${input.siteId}`);
    const [open] = await tx
      .select({ id: paperPeriods.id })
      .from(paperPeriods)
      .where(and(eq(paperPeriods.siteId, input.siteId), isNull(paperPeriods.endedAt)));
    if (open)
      throw new DomainError('conflict', `siteId: ${input.siteId} is already on paper (period ${open.id})`);
    const [inserted] = await tx
      .insert(paperPeriods)
      .values({
        siteId: input.siteId,
        incidentId: input.incidentId ?? null,
        startedAt: new Date(input.startedAt),
        note: input.note ?? null,
        setBy: actor.label,
      })
      .returning();
    if (!inserted) throw new Error('insert returned no row');
    await audit(tx, {
      actor: actor.label,
      action: 'paper.start',
      subject: `site:${input.siteId}`,
      detail: view(inserted),
    });
    return inserted;
  });
  publishIncidentChange(live, [row.siteId], row.startedAt);
  return view(row);
}

/** Ends a paper period at `endedAt` (after it started). */
export async function endPaperMode(
  db: Db,
  actor: Actor,
  input: z.output<typeof paperEndInput>,
  live?: Publisher,
) {
  const row = await db.transaction(async (tx) => {
    const [period] = await tx.select().from(paperPeriods).where(eq(paperPeriods.id, input.id)).for('update');
    if (!period || !canSee(actor, period.siteId))
      throw new DomainError('not_found', `id: no paper period ${input.id}`);
    assertAllSites(actor, [period.siteId]);
    if (period.endedAt) throw new DomainError('conflict', `id: paper period ${input.id} has already ended`);
    const endedAt = new Date(input.endedAt);
    if (endedAt <= period.startedAt)
      throw new DomainError(
        'invalid',
        `endedAt: must be after the period started (${period.startedAt.toISOString()})`,
      );
    const [updated] = await tx
      .update(paperPeriods)
      .set({ endedAt })
      .where(eq(paperPeriods.id, input.id))
      .returning();
    if (!updated) throw new Error('update returned no row');
    await audit(tx, {
      actor: actor.label,
      action: 'paper.end',
      subject: `site:${period.siteId}`,
      detail: view(updated),
    });
    return updated;
  });
  publishIncidentChange(live, [row.siteId], row.startedAt);
  return view(row);
}

/** Paper periods of the actor's sites, newest first (at most 500). */
export async function listPaperPeriods(db: Db, actor: Actor, input: z.output<typeof paperListInput>) {
  const wanted = input?.siteIds;
  const rows = await db
    .select()
    .from(paperPeriods)
    .where(
      and(
        wanted ? inArray(paperPeriods.siteId, wanted.length > 0 ? wanted : ['']) : undefined,
        input?.openOnly ? isNull(paperPeriods.endedAt) : undefined,
      ),
    )
    .orderBy(desc(paperPeriods.startedAt))
    .limit(500);
  return rows.filter((p) => canSee(actor, p.siteId)).map(view);
}
