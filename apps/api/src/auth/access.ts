import type { Database } from '@switchboard/db';
import { ROLES, type Role, sessions, users } from '@switchboard/db';
import { and, eq, gt } from 'drizzle-orm';
import { DomainError } from '../errors.ts';
import { authenticateDisplay, DISPLAY_TOKEN_PREFIX } from '../services/displays.ts';
import { EXPORT_TOKEN_PREFIX } from '../services/export-tokens.ts';
import { authenticate } from '../services/keys.ts';
import { createAuth } from './auth.ts';
import type { AccessConfig } from './config.ts';
import { type Principal, sitesFromStored } from './principal.ts';
import { createLimits } from './rate-limits.ts';

/** An unknown stored role reads as the least one. */
const toRole = (role: unknown): Role => (ROLES.includes(role as Role) ? (role as Role) : 'viewer');

export type Access = ReturnType<typeof createAccess>;

/** better-auth, the rate limits and the one function that says who sent a request. */
export function createAccess(database: Pick<Database, 'db' | 'driver'>, config: AccessConfig) {
  const auth = createAuth(database.db, config);
  const limits = createLimits(database, config);
  const { db } = database;

  /**
   * The principal behind a request's headers, or null: `Authorization: Bearer` with a display token or a feed
   * key, else better-auth's session cookie (read from the database on every call, so signing out, disabling a
   * user or changing their role or sites applies at once).
   */
  async function principalOf(headers: Headers): Promise<Principal | null> {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '')?.[1];
    if (bearer) {
      // Export tokens open the CSV exports only (export/scope.ts): here they are nobody.
      if (bearer.startsWith(EXPORT_TOKEN_PREFIX)) return null;
      if (bearer.startsWith(DISPLAY_TOKEN_PREFIX)) {
        const display = await authenticateDisplay(db, bearer);
        return display
          ? {
              kind: 'display',
              displayId: display.id,
              name: display.name,
              sites: display.sites,
              boardId: display.boardId,
            }
          : null;
      }
      try {
        return { kind: 'feed', key: await authenticate(db, `Bearer ${bearer}`) };
      } catch (error) {
        if (error instanceof DomainError) return null;
        throw error;
      }
    }
    if (!headers.get('cookie')) return null;
    const session = await auth.api.getSession({ headers, query: { disableCookieCache: true } });
    if (!session) return null;
    const { user } = session;
    if (user.disabled) return null;
    return {
      kind: 'user',
      userId: user.id,
      email: user.email,
      name: user.name,
      role: toRole(user.role),
      sites: sitesFromStored(user.siteIds ?? []),
      sessionId: session.session.id,
    };
  }

  /**
   * Asks again whether a principal still holds (live streams do, every few seconds). A person: one indexed
   * query — the session still there and unexpired, the user enabled — instead of better-auth's full session
   * read, so hundreds of open streams stay cheap. Displays and keys: their (briefly cached) lookup.
   */
  async function recheck(principal: Principal | null, headers: Headers): Promise<Principal | null> {
    if (principal?.kind !== 'user' || !principal.sessionId) return principalOf(headers);
    const [row] = await db
      .select({ role: users.role, siteIds: users.siteIds })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          eq(sessions.id, principal.sessionId),
          gt(sessions.expiresAt, new Date()),
          eq(users.disabled, false),
        ),
      );
    return row ? { ...principal, role: toRole(row.role), sites: sitesFromStored(row.siteIds) } : null;
  }

  return { auth, config, limits, db, principalOf, recheck };
}
