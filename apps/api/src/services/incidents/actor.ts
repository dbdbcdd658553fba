import { DomainError } from '../../errors.ts';

/** Who asks, and for which sites. Until sign-in lands every caller is ANONYMOUS (all sites). */
export type Actor = { label: string; sites: 'all' | readonly string[] };

export const ANONYMOUS: Actor = { label: 'anonymous', sites: 'all' };

export function canSee(actor: Actor, siteId: string): boolean {
  return actor.sites === 'all' || actor.sites.includes(siteId);
}

/** The sites of `siteIds` within the actor's scope. */
export function visibleSites(actor: Actor, siteIds: readonly string[]): string[] {
  return siteIds.filter((id) => canSee(actor, id));
}

/** Throws `forbidden` unless every site is within the actor's scope (for writes). */
export function assertAllSites(actor: Actor, siteIds: readonly string[]): void {
  const outside = siteIds.filter((id) => !canSee(actor, id));
  if (outside.length > 0)
    throw new DomainError('forbidden', `not allowed for site(s): ${outside.join(', ')}`);
}
