import type { Overview } from '@switchboard/contracts';
import { DomainError } from '../errors.ts';
import { type Principal, sitesOf } from './principal.ts';

/** Whether a principal may see a site's figures, name and status. */
export function inScope(principal: Principal, siteId: string): boolean {
  const sites = sitesOf(principal);
  return sites === 'all' || sites.includes(siteId);
}

/**
 * The sites a read covers: the requested ones when all are in scope (a site outside it is refused, named);
 * none requested ("every site") means every site in scope. Undefined means every site, unrestricted.
 */
export function scopedSiteIds(
  principal: Principal,
  requested: readonly string[] | undefined,
): string[] | undefined {
  const sites = sitesOf(principal);
  if (requested && requested.length > 0) {
    const outside = requested.filter((id) => !inScope(principal, id));
    if (outside.length > 0)
      throw new DomainError('forbidden', `site(s) outside your scope: ${outside.join(', ')}`);
    return [...requested];
  }
  return sites === 'all' ? (requested ? [...requested] : undefined) : [...sites];
}

/** The sites (rows with an `id`) in scope. */
export function sitesInScope<T extends { id: string }>(principal: Principal, sites: T[]): T[] {
  return sites.filter((site) => inScope(principal, site.id));
}

export function overviewInScope(principal: Principal, overview: Overview): Overview {
  return { ...overview, sites: overview.sites.filter((site) => inScope(principal, site.siteId)) };
}

/** Systems used by a site in scope (or by none: national), each listing only the sites in scope. */
export function systemsInScope<T extends { siteIds: string[] }>(principal: Principal, systems: T[]): T[] {
  return systems
    .map((system) => ({ ...system, siteIds: system.siteIds.filter((id) => inScope(principal, id)) }))
    .filter((system, i) => system.siteIds.length > 0 || systems[i]?.siteIds.length === 0);
}
