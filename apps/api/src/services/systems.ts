import { type Db, siteSystems, sites, systems } from '@switchboard/db';
import { asc, eq, inArray } from 'drizzle-orm';
import { DomainError } from '../errors.ts';
import { type Actor, actorOf, audit } from './audit.ts';

export async function addSystem(
  db: Db,
  input: Actor & { id: string; name: string; kind?: string | undefined; siteIds: string[] },
): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    if (input.siteIds.length > 0) {
      const found = await tx.select({ id: sites.id }).from(sites).where(inArray(sites.id, input.siteIds));
      const missing = input.siteIds.filter((id) => !found.some((row) => row.id === id));
      if (missing.length > 0)
        throw new DomainError('unknown_reference', `unknown site(s): ${missing.join(', ')}`);
    }
    const inserted = await tx
      .insert(systems)
      .values({ id: input.id, name: input.name, kind: input.kind ?? null })
      .onConflictDoNothing()
      .returning({ id: systems.id });
    if (input.siteIds.length > 0) {
      await tx
        .insert(siteSystems)
        .values(input.siteIds.map((siteId) => ({ siteId, systemId: input.id })))
        .onConflictDoNothing();
    }
    await audit(tx, {
      ...actorOf(input),
      action: inserted.length > 0 ? 'system.add' : 'system.link',
      subject: input.id,
      detail: { name: input.name, siteIds: input.siteIds },
    });
    return { created: inserted.length > 0 };
  });
}

export async function listSystems(db: Db) {
  const [rows, links] = await Promise.all([
    db
      .select({ id: systems.id, name: systems.name, kind: systems.kind })
      .from(systems)
      .orderBy(asc(systems.name)),
    db.select().from(siteSystems),
  ]);
  return rows.map((system) => ({
    ...system,
    siteIds: links.filter((link) => link.systemId === system.id).map((link) => link.siteId),
  }));
}

export async function renameSystem(db: Db, input: Actor & { id: string; name: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const renamed = await tx
      .update(systems)
      .set({ name: input.name })
      .where(eq(systems.id, input.id))
      .returning({ id: systems.id });
    if (renamed.length === 0) throw new DomainError('not_found', `no system with id ${input.id}`);
    await audit(tx, {
      ...actorOf(input),
      action: 'system.rename',
      subject: input.id,
      detail: { name: input.name },
    });
  });
}
