import { type Db, sites } from '@switchboard/db';
import { asc, eq } from 'drizzle-orm';
import { audit } from './audit.ts';

export async function addSite(
  db: Db,
  input: { id: string; name: string; region?: string | undefined; actor: string },
): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(sites)
      .values({ id: input.id, name: input.name, region: input.region ?? null })
      .onConflictDoNothing()
      .returning({ id: sites.id });
    if (inserted.length > 0) {
      await audit(tx, {
        actor: input.actor,
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
