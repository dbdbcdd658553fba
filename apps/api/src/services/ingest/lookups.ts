import type { FeedKey } from '../keys.ts';
import { TtlCache } from '../ttl-cache.ts';

/** Most ids remembered per kind; past it the set starts again (ids are only ever added to the tables). */
const MAX_KNOWN = 100_000;

/**
 * What ingestion remembers between batches, owned by whoever creates it (one per app, a fresh one per test):
 * recently seen valid feed keys by hash, and ids of sites, systems and (system, site) pairs once found.
 * Sites, systems and their pairs are only ever added, so a remembered id stays true; an id not yet
 * remembered is looked up, so one registered while the API runs is accepted at once.
 */
export interface IngestLookups {
  keys: TtlCache<FeedKey>;
  sites: Set<string>;
  systems: Set<string>;
  /** `${systemId}|${siteId}` of every system known to be registered at a site. */
  systemSites: Set<string>;
}

/** A revoked key stops working within this time on every instance; unknown keys are never remembered. */
export const KEY_CACHE_MS = 5_000;

export function createLookups(): IngestLookups {
  return { keys: new TtlCache(KEY_CACHE_MS), sites: new Set(), systems: new Set(), systemSites: new Set() };
}

/** Remembers `ids` in `set`, starting it again once it holds MAX_KNOWN. */
export function remember(set: Set<string>, ids: Iterable<string>): void {
  for (const id of ids) {
    if (set.size >= MAX_KNOWN) set.clear();
    set.add(id);
  }
}
