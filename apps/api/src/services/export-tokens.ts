import { createHash, randomBytes } from 'node:crypto';
import { type Db, exportTokens, ROLES, type Role, users } from '@switchboard/db';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { type Sites, sitesFromStored, sitesToStored } from '../auth/principal.ts';
import { DomainError } from '../errors.ts';
import { type Actor, actorOf, audit } from './audit.ts';
import { checkSites } from './sites.ts';
import { TtlCache } from './ttl-cache.ts';

/** Export tokens start with this, so the API can tell them from feed keys and display tokens at a glance. */
export const EXPORT_TOKEN_PREFIX = 'sbx_';
/** The least role that may hold (and use) an export token: the `export` permission's. */
export const EXPORT_TOKEN_MIN_ROLE: Role = 'analyst';
/** Tokens one person may hold at once (active ones). */
export const MAX_TOKENS_PER_USER = 20;

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
const atLeast = (role: Role, min: Role) => ROLES.indexOf(role) >= ROLES.indexOf(min);
const toRole = (role: unknown): Role => (ROLES.includes(role as Role) ? (role as Role) : 'viewer');

/** Who may create a token, and for whom: the owner's id, role and sites as stored now. */
export interface TokenOwner {
  userId: string;
  role: Role;
  sites: Sites;
}

/** The sites a token reads: its own within its owner's (both may be "all"). */
export function cappedSites(token: Sites, owner: Sites): Sites {
  if (owner === 'all') return token;
  if (token === 'all') return owner;
  const allowed = new Set(owner);
  return token.filter((id) => allowed.has(id));
}

/** Creates an export token for `owner`; the token exists outside the caller only in this answer. */
export async function createExportToken(
  db: Db,
  input: Actor & { owner: TokenOwner; name: string; sites: Sites },
): Promise<{ id: string; token: string }> {
  const { owner } = input;
  if (!atLeast(owner.role, EXPORT_TOKEN_MIN_ROLE))
    throw new DomainError('forbidden', `export tokens need the ${EXPORT_TOKEN_MIN_ROLE} role or above`);
  await checkSites(db, input.sites);
  if (input.sites !== 'all' && owner.sites !== 'all') {
    const outside = input.sites.find((id) => !owner.sites.includes(id));
    if (outside !== undefined)
      throw new DomainError('forbidden', `sites: site "${outside}" is outside the owner's scope`);
  }
  const id = randomBytes(4).toString('hex');
  const token = `${EXPORT_TOKEN_PREFIX}${id}_${randomBytes(24).toString('base64url')}`;
  await db.transaction(async (tx) => {
    const active = await tx
      .select({ id: exportTokens.id })
      .from(exportTokens)
      .where(and(eq(exportTokens.userId, owner.userId), isNull(exportTokens.revokedAt)))
      .limit(MAX_TOKENS_PER_USER);
    if (active.length >= MAX_TOKENS_PER_USER)
      throw new DomainError(
        'conflict',
        `at most ${MAX_TOKENS_PER_USER} active export tokens each: revoke one first`,
      );
    await tx.insert(exportTokens).values({
      id,
      userId: owner.userId,
      name: input.name,
      secretHash: hash(token),
      siteIds: sitesToStored(input.sites),
    });
    await audit(tx, {
      ...actorOf(input),
      action: 'export-token.create',
      subject: id,
      detail: { name: input.name, sites: input.sites, owner: owner.userId },
    });
  });
  return { id, token };
}

/** Revokes a token: anyone's when `ownerId` is null (an admin), else only the owner's own (404 otherwise). */
export async function revokeExportToken(
  db: Db,
  input: Actor & { id: string; ownerId: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(exportTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(exportTokens.id, input.id),
          isNull(exportTokens.revokedAt),
          input.ownerId === null ? undefined : eq(exportTokens.userId, input.ownerId),
        ),
      )
      .returning({ id: exportTokens.id, name: exportTokens.name });
    if (revoked.length === 0)
      throw new DomainError('not_found', `no active export token with id ${input.id}`);
    tokenCache.clear();
    await audit(tx, {
      ...actorOf(input),
      action: 'export-token.revoke',
      subject: input.id,
      detail: { name: revoked[0]?.name },
    });
  });
}

/** Tokens, newest first (at most 500): one owner's, or everyone's when `ownerId` is null. Never the secret. */
export async function listExportTokens(db: Db, ownerId: string | null) {
  const rows = await db
    .select({
      id: exportTokens.id,
      name: exportTokens.name,
      siteIds: exportTokens.siteIds,
      owner: users.email,
      createdAt: exportTokens.createdAt,
      lastUsedAt: exportTokens.lastUsedAt,
      revokedAt: exportTokens.revokedAt,
    })
    .from(exportTokens)
    .leftJoin(users, eq(users.id, exportTokens.userId))
    .where(ownerId === null ? undefined : eq(exportTokens.userId, ownerId))
    .orderBy(desc(exportTokens.createdAt))
    .limit(500);
  return rows.map(({ siteIds, owner, ...row }) => ({
    ...row,
    owner: owner ?? '(deleted user)',
    sites: sitesFromStored(siteIds),
  }));
}

/** Whom a token answers for, as the exports need it. */
export interface ExportTokenIdentity {
  tokenId: string;
  email: string;
  role: Role;
  sites: Sites;
}

/**
 * Recently used tokens by hash, with their owner as read then. A revoked token, or one whose owner was
 * disabled, demoted or narrowed, stops working (or narrows) within this time on every instance.
 */
export const EXPORT_TOKEN_CACHE_MS = 1_500;
const tokenCache = new TtlCache<ExportTokenIdentity>(EXPORT_TOKEN_CACHE_MS);
/** `last_used_at` is written at most this often per token. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * The owner behind an export token, capped by the token's sites, or an `unauthorized` error: unknown or
 * revoked token, owner missing or disabled, or owner no longer allowed to export.
 */
export async function authenticateExportToken(db: Db, token: string): Promise<ExportTokenIdentity> {
  const secretHash = hash(token);
  const cached = tokenCache.get(secretHash);
  if (cached) return cached;
  const refused = new DomainError('unauthorized', 'export token not recognised, revoked or no longer valid');
  if (!token.startsWith(EXPORT_TOKEN_PREFIX) || token.length > 200) throw refused;
  const [row] = await db
    .select({
      id: exportTokens.id,
      siteIds: exportTokens.siteIds,
      email: users.email,
      role: users.role,
      userSites: users.siteIds,
    })
    .from(exportTokens)
    .innerJoin(users, eq(users.id, exportTokens.userId))
    .where(
      and(eq(exportTokens.secretHash, secretHash), isNull(exportTokens.revokedAt), eq(users.disabled, false)),
    )
    .limit(1);
  const role = toRole(row?.role);
  if (!row || !atLeast(role, EXPORT_TOKEN_MIN_ROLE)) throw refused;
  const identity: ExportTokenIdentity = {
    tokenId: row.id,
    email: row.email,
    role,
    sites: cappedSites(sitesFromStored(row.siteIds), sitesFromStored(row.userSites)),
  };
  tokenCache.set(secretHash, identity);
  const now = new Date();
  // Bounded: one small update per token per minute at most, not awaited by the export.
  void db
    .update(exportTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(exportTokens.id, row.id),
        or(
          isNull(exportTokens.lastUsedAt),
          lt(exportTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_EVERY_MS)),
        ),
      ),
    )
    .catch(() => {});
  return identity;
}

/** Forgets every cached token (after a revocation, or a change to a user, on this instance). */
export function forgetExportTokens(): void {
  tokenCache.clear();
}
