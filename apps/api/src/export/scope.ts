import { ROLES, type Role } from '@switchboard/db';
import type { Context } from 'hono';
import type { Access } from '../auth/access.ts';
import { allows } from '../auth/permissions.ts';
import { sitesOf } from '../auth/principal.ts';
import { DomainError } from '../errors.ts';
import { authenticateExportToken, EXPORT_TOKEN_PREFIX } from '../services/export-tokens.ts';

/** Whom an export answers: the sites they may read and their role. */
export interface ExportScope {
  sites: 'all' | string[];
  role: Role;
}

/**
 * The one place an export learns who is asking: a signed-in person whose role holds `export` in the
 * permission table (analyst and up), or an export token (`Authorization: Bearer sbx_…`, accepted here and
 * nowhere else) acting as its owner within the token's sites; 401 for nobody or a dead token, 403 for a
 * viewer, a display or a feed key.
 */
export async function resolveExportScope(c: Context, access: Access): Promise<ExportScope> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (bearer?.startsWith(EXPORT_TOKEN_PREFIX)) {
    const token = await authenticateExportToken(access.db, bearer);
    if (token.sites !== 'all' && token.sites.length === 0)
      throw new DomainError('forbidden', "none of this token's sites is in its owner's scope any more");
    return { sites: token.sites, role: token.role };
  }
  const principal = await access.principalOf(c.req.raw.headers);
  if (!principal) throw new DomainError('unauthorized', 'sign in first to download exports');
  if (principal.kind !== 'user' || !allows(principal, 'export'))
    throw new DomainError('forbidden', 'exports need the analyst role or above');
  return { sites: sitesOf(principal), role: principal.role };
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
