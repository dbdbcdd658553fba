import { type Db, siteSystems, sites, systems } from '@switchboard/db';
import { and, inArray } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import { type FeedKey, keyCoversSite } from '../keys.ts';
import { type IngestLookups, remember } from './lookups.ts';

/**
 * Refuses the batch unless the key may write to every site it names (403), and every site it names
 * exists (422). Errors name the first offending item: `events[3].siteId: …`.
 */
export async function checkSites(
  db: Db,
  key: FeedKey,
  field: string,
  items: readonly { siteId?: string | undefined }[],
  lookups: IngestLookups,
): Promise<void> {
  items.forEach((item, index) => {
    if (keyCoversSite(key, item.siteId)) return;
    const message =
      item.siteId === undefined
        ? 'a national report (no siteId) needs a key for every site ("*")'
        : `this key may not write to site "${item.siteId}"`;
    throw new DomainError('forbidden', `${field}[${index}].siteId: ${message}`);
  });
  const missing = distinct(items.map((item) => item.siteId)).filter((id) => !lookups.sites.has(id));
  if (missing.length > 0) {
    const rows = await db.select({ id: sites.id }).from(sites).where(inArray(sites.id, missing));
    remember(
      lookups.sites,
      rows.map((row) => row.id),
    );
  }
  const index = items.findIndex((item) => item.siteId !== undefined && !lookups.sites.has(item.siteId));
  if (index >= 0) {
    throw new DomainError(
      'unknown_reference',
      `${field}[${index}].siteId: unknown site "${items[index]?.siteId}"`,
    );
  }
}

/**
 * Refuses the batch (422) if it names a system that is not registered, or a system at a site where it is
 * not registered (a national report, without a site, needs only the system).
 */
export async function checkSystems(
  db: Db,
  field: string,
  items: readonly { systemId: string; siteId?: string | undefined }[],
  lookups: IngestLookups,
): Promise<void> {
  const missing = distinct(items.map((item) => item.systemId)).filter((id) => !lookups.systems.has(id));
  if (missing.length > 0) {
    const rows = await db.select({ id: systems.id }).from(systems).where(inArray(systems.id, missing));
    remember(
      lookups.systems,
      rows.map((row) => row.id),
    );
  }
  const unknown = items.findIndex((item) => !lookups.systems.has(item.systemId));
  if (unknown >= 0) {
    throw new DomainError(
      'unknown_reference',
      `${field}[${unknown}].systemId: unknown system "${items[unknown]?.systemId}"`,
    );
  }
  const pair = (item: { systemId: string; siteId?: string | undefined }) => `${item.systemId}|${item.siteId}`;
  const atSites = items.filter((item) => item.siteId !== undefined && !lookups.systemSites.has(pair(item)));
  if (atSites.length > 0) {
    const rows = await db
      .select({ systemId: siteSystems.systemId, siteId: siteSystems.siteId })
      .from(siteSystems)
      .where(
        and(
          inArray(siteSystems.systemId, distinct(atSites.map((item) => item.systemId))),
          inArray(siteSystems.siteId, distinct(atSites.map((item) => item.siteId))),
        ),
      );
    remember(lookups.systemSites, rows.map(pair));
  }
  const unregistered = items.findIndex(
    (item) => item.siteId !== undefined && !lookups.systemSites.has(pair(item)),
  );
  if (unregistered >= 0) {
    const item = items[unregistered];
    throw new DomainError(
      'unknown_reference',
      `${field}[${unregistered}].systemId: system "${item?.systemId}" is not registered at site "${item?.siteId}"`,
    );
  }
}

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}
