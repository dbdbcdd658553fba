import type { Role } from '@switchboard/db';
import type { FeedKey } from '../services/keys.ts';

/** Every site, or a list of site ids. */
export type Sites = 'all' | string[];

/** Who is asking: a signed-in person, a wallboard display, or a feed key. */
export type Principal =
  | {
      kind: 'user';
      userId: string;
      email: string;
      name: string;
      role: Role;
      sites: Sites;
      sessionId?: string;
    }
  | { kind: 'display'; displayId: string; name: string; sites: Sites; boardId?: string | null }
  | { kind: 'feed'; key: FeedKey };

/** Stored scopes use ['*'] for every site (as feed keys do). */
export const ALL_SITES = '*';
export const sitesFromStored = (siteIds: readonly string[]): Sites =>
  siteIds.includes(ALL_SITES) ? 'all' : [...siteIds];
export const sitesToStored = (sites: Sites): string[] => (sites === 'all' ? [ALL_SITES] : [...sites]);

/** How a principal is named in the audit log: `user:<email>`, `display:<id>`, `key:<id>`. */
export function actorOf(principal: Principal): string {
  switch (principal.kind) {
    case 'user':
      return `user:${principal.email}`;
    case 'display':
      return `display:${principal.displayId}`;
    case 'feed':
      return `key:${principal.key.id}`;
  }
}

export function sitesOf(principal: Principal): Sites {
  return principal.kind === 'feed' ? sitesFromStored(principal.key.siteIds) : principal.sites;
}
