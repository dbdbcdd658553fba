import { type Db, type Site, sites } from '@switchboard/db';
import { asc, inArray } from 'drizzle-orm';
import { DomainError } from '../errors.ts';

/** The sites an export covers, in id order: those named (each must exist), or every site for []. */
export async function exportSites(db: Db, siteIds: readonly string[]): Promise<Site[]> {
  const query = db.select().from(sites).orderBy(asc(sites.id));
  const found = siteIds.length === 0 ? await query : await query.where(inArray(sites.id, [...siteIds]));
  const known = new Set(found.map((site) => site.id));
  const unknown = siteIds.find((id) => !known.has(id));
  if (unknown !== undefined) throw new DomainError('unknown_reference', `siteIds: no site "${unknown}"`);
  return found;
}
