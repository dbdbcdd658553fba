import type { Context } from 'hono';
import { DomainError } from '../errors.ts';

export const ROLES = ['viewer', 'analyst', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whom an export answers: the sites they may read and their role. */
export interface ExportScope {
  sites: 'all' | string[];
  role: Role;
}

/** The one place an export learns who is asking. */
export function resolveExportScope(_c: Context): ExportScope {
  // ACCESS: replaced by the principal at merge
  return { sites: 'all', role: 'admin' };
}

/** Refuses a caller below `role`. */
export function requireRole(scope: ExportScope, role: Role, what: string): void {
  if (ROLES.indexOf(scope.role) < ROLES.indexOf(role))
    throw new DomainError('forbidden', `${what} needs the ${role} role or above`);
}

/**
 * The sites an export reads: those asked for, each of which must be in scope (403 naming the first that is
 * not); none asked = every site in scope ([] meaning every site when the scope is all sites).
 */
export function sitesInScope(scope: ExportScope, requested: readonly string[]): string[] {
  if (scope.sites === 'all') return [...requested];
  const allowed = new Set(scope.sites);
  const outside = requested.find((id) => !allowed.has(id));
  if (outside !== undefined)
    throw new DomainError('forbidden', `siteIds: site "${outside}" is outside your scope`);
  return requested.length > 0 ? [...requested] : [...scope.sites];
}
