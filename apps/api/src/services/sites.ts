import { type Db, sites } from '@switchboard/db';
import { asc, eq, inArray } from 'drizzle-orm';
import { ALL_SITES, type Sites } from '../auth/principal.ts';
import { DomainError } from '../errors.ts';
import { type Actor, actorOf, audit } from './audit.ts';

export async function addSite(
  db: Db,
  input: Actor & { id: string; name: string; region?: string | undefined },
): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(sites)
      .values({ id: input.id, name: input.name, region: input.region ?? null })
      .onConflictDoNothing()
      .returning({ id: sites.id });
    if (inserted.length > 0) {
      await audit(tx, {
        ...actorOf(input),
        action: 'site.add',
        subject: input.id,
        detail: { name: input.name },
      });
    }
    return { created: inserted.length > 0 };
  });
}

export function listSites(db: Db) {
  return db
    .select({ id: sites.id, name: sites.name, region: sites.region, timezone: sites.timezone })
    .from(sites)
    .orderBy(asc(sites.name));
}

export async function renameSite(db: Db, input: Actor & { id: string; name: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const renamed = await tx
      .update(sites)
      .set({ name: input.name })
      .where(eq(sites.id, input.id))
      .returning({ id: sites.id });
    if (renamed.length === 0) throw new DomainError('not_found', `no site with id ${input.id}`);
    await audit(tx, {
      ...actorOf(input),
      action: 'site.rename',
      subject: input.id,
      detail: { name: input.name },
    });
  });
}

/** Refuses a scope naming a site that does not exist (or no site at all). */
export async function checkSites(db: Db, scope: Sites): Promise<void> {
  if (scope === 'all') return;
  if (scope.length === 0) throw new DomainError('invalid', 'sites: give "all" or at least one site');
  const named = scope.filter((id) => id !== ALL_SITES);
  const found = await db.select({ id: sites.id }).from(sites).where(inArray(sites.id, named));
  const missing = named.filter((id) => !found.some((row) => row.id === id));
  if (missing.length > 0)
    throw new DomainError('unknown_reference', `unknown site(s): ${missing.join(', ')}`);
}

/** The national-return codes of a site (IUC ADC export); each given field is set, "" clears it. */
export async function setSiteCodes(
  db: Db,
  input: {
    id: string;
    codes: Partial<Record<'orgCode' | 'region' | 'regionCode' | 'contractCode' | 'contractName', string>>;
    actor: string;
  },
): Promise<{ updated: boolean }> {
  const values = Object.fromEntries(
    Object.entries(input.codes)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, value === '' ? null : value]),
  );
  if (Object.keys(values).length === 0) return { updated: false };
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(sites)
      .set(values)
      .where(eq(sites.id, input.id))
      .returning({ id: sites.id });
    if (updated.length > 0)
      await audit(tx, { actor: input.actor, action: 'site.codes', subject: input.id, detail: values });
    return { updated: updated.length > 0 };
  });
}
