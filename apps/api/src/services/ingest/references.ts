import { type Db, sites, systems } from '@switchboard/db';
import { inArray } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import { type FeedKey, keyCoversSite } from '../keys.ts';

/**
 * Refuses the batch unless the key may write to every site it names (403), and every site it names
 * exists (422). Errors name the first offending item: `events[3].siteId: …`.
 */
export async function checkSites(
  db: Db,
  key: FeedKey,
  field: string,
  items: readonly { siteId?: string | undefined }[],
): Promise<void> {
  items.forEach((item, index) => {
    if (keyCoversSite(key, item.siteId)) return;
    const message =
      item.siteId === undefined
        ? 'a national report (no siteId) needs a key for every site ("*")'
        : `this key may not write to site "${item.siteId}"`;
    throw new DomainError('forbidden', `${field}[${index}].siteId: ${message}`);
  });
  const ids = distinct(items.map((item) => item.siteId));
  if (ids.length === 0) return;
  const found = new Set(
    (await db.select({ id: sites.id }).from(sites).where(inArray(sites.id, ids))).map((r) => r.id),
  );
  const index = items.findIndex((item) => item.siteId !== undefined && !found.has(item.siteId));
  if (index >= 0) {
    throw new DomainError(
      'unknown_reference',
      `${field}[${index}].siteId: unknown site "${items[index]?.siteId}"`,
    );
  }
}

/** Refuses the batch (422) if it names a system that is not registered. */
export async function checkSystems(
  db: Db,
  field: string,
  items: readonly { systemId: string }[],
): Promise<void> {
  const found = await known(db, 'systems', distinct(items.map((item) => item.systemId)));
  const index = items.findIndex((item) => !found.has(item.systemId));
  if (index >= 0) {
    throw new DomainError(
      'unknown_reference',
      `${field}[${index}].systemId: unknown system "${items[index]?.systemId}"`,
    );
  }
}

/**
 * Sites and systems are only ever added, so ids once seen are remembered (per database); an id not yet
 * remembered is looked up, so a site registered while the API runs is accepted at once.
 */
const seen = new WeakMap<Db, { sites: Set<string>; systems: Set<string> }>();

async function known(db: Db, table: 'sites' | 'systems', ids: string[]): Promise<Set<string>> {
  let cache = seen.get(db);
  if (!cache) {
    cache = { sites: new Set(), systems: new Set() };
    seen.set(db, cache);
  }
  const set = cache[table];
  const missing = ids.filter((id) => !set.has(id));
  if (missing.length > 0) {
    const source = table === 'sites' ? sites : systems;
    const rows = await db.select({ id: source.id }).from(source).where(inArray(source.id, missing));
    for (const row of rows) set.add(row.id);
  }
  return set;
}

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}
