import type { opelHistoryInput, opelSetInput } from '@switchboard/contracts';
import { type Db, opelLevels, rowsOf, sites } from '@switchboard/db';
import { desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { DomainError } from '../../errors.ts';
import { audit } from '../audit.ts';
import { type Actor, assertAllSites, canSee } from './actor.ts';
import { type Publisher, publishIncidentChange } from './publish.ts';

/** Sets a site's OPEL level (kept as history, with who set it and when). */
export async function setOpel(db: Db, actor: Actor, input: z.output<typeof opelSetInput>, live?: Publisher) {
  assertAllSites(actor, [input.siteId]);
  const row = await db.transaction(async (tx) => {
    const [site] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, input.siteId));
    if (!site) throw new DomainError('unknown_reference', `siteId: unknown site ${input.siteId}`);
    const [inserted] = await tx
      .insert(opelLevels)
      .values({ siteId: input.siteId, level: input.level, note: input.note ?? null, setBy: actor.label })
      .returning();
    if (!inserted) throw new Error('insert returned no row');
    await audit(tx, {
      actor: actor.label,
      action: 'opel.set',
      subject: `site:${input.siteId}`,
      detail: { level: input.level, note: input.note ?? null },
    });
    return inserted;
  });
  publishIncidentChange(live, [row.siteId], row.setAt);
  return { siteId: row.siteId, level: row.level, setBy: row.setBy, setAt: row.setAt.toISOString() };
}

/** Each site's current OPEL level (sites never set are absent). */
export async function currentOpel(db: Db, actor: Actor) {
  const rows = await rowsOf<{
    site_id: string;
    level: number;
    note: string | null;
    set_by: string;
    set_at: string | Date;
  }>(
    db,
    sql`select distinct on (site_id) site_id, level, note, set_by, set_at from opel_levels order by site_id, set_at desc, id desc`,
  );
  return rows
    .filter((r) => canSee(actor, r.site_id))
    .map((r) => ({
      siteId: r.site_id,
      level: Number(r.level),
      note: r.note,
      setBy: r.set_by,
      setAt: new Date(r.set_at).toISOString(),
    }));
}

/** A site's OPEL history, newest first (at most 500 entries). */
export async function opelHistory(db: Db, actor: Actor, input: z.output<typeof opelHistoryInput>) {
  if (!canSee(actor, input.siteId)) throw new DomainError('not_found', `siteId: no site ${input.siteId}`);
  const rows = await db
    .select()
    .from(opelLevels)
    .where(eq(opelLevels.siteId, input.siteId))
    .orderBy(desc(opelLevels.setAt), desc(opelLevels.id))
    .limit(500);
  return rows.map((r) => ({
    siteId: r.siteId,
    level: r.level,
    note: r.note,
    setBy: r.setBy,
    setAt: r.setAt.toISOString(),
  }));
}
