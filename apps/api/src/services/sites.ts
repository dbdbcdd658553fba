import { type Db, sites } from '@switchboard/db';
import { asc } from 'drizzle-orm';
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
