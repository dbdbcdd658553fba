import { createHash, randomBytes } from 'node:crypto';
import { apiKeys, type Db, sites } from '@switchboard/db';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { ALL_SITES } from '../auth/principal.ts';
import { DomainError } from '../errors.ts';
import { type Actor, actorOf, audit } from './audit.ts';
import { createLookups, type IngestLookups } from './ingest/lookups.ts';

/** Scope meaning "every site" (a national feed such as a probe of a national system). */
export { ALL_SITES } from '../auth/principal.ts';

export interface FeedKey {
  id: string;
  feed: string;
  siteIds: string[];
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Creates a key for a feed and returns it: the only time the secret exists outside the feed. */
export async function createKey(
  db: Db,
  input: Actor & { siteIds: string[]; feed: string; name?: string | undefined },
): Promise<{ id: string; key: string }> {
  if (input.siteIds.length === 0) throw new DomainError('invalid', 'a key needs at least one site (or "*")');
  const named = input.siteIds.filter((id) => id !== ALL_SITES);
  if (named.length > 0) {
    const found = await db.select({ id: sites.id }).from(sites).where(inArray(sites.id, named));
    const missing = named.filter((id) => !found.some((row) => row.id === id));
    if (missing.length > 0)
      throw new DomainError('unknown_reference', `unknown site(s): ${missing.join(', ')}`);
  }
  const id = randomBytes(4).toString('hex');
  const key = `sb_${id}_${randomBytes(24).toString('base64url')}`;
  await db.transaction(async (tx) => {
    await tx.insert(apiKeys).values({
      id,
      secretHash: hash(key),
      feed: input.feed,
      name: input.name ?? null,
      siteIds: input.siteIds,
    });
    await audit(tx, {
      ...actorOf(input),
      action: 'key.create',
      subject: id,
      detail: { feed: input.feed, siteIds: input.siteIds, name: input.name },
    });
  });
  return { id, key };
}

export async function revokeKey(db: Db, input: Actor & { id: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, input.id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    if (revoked.length === 0) throw new DomainError('not_found', `no active key with id ${input.id}`);
    await audit(tx, { ...actorOf(input), action: 'key.revoke', subject: input.id });
  });
}

export async function listKeys(db: Db) {
  return db
    .select({
      id: apiKeys.id,
      feed: apiKeys.feed,
      name: apiKeys.name,
      siteIds: apiKeys.siteIds,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(apiKeys.createdAt);
}

/**
 * The key behind an `Authorization: Bearer …` header, or an `unauthorized` error. Valid keys are remembered
 * in `cache` (passed in by the app; see lookups.ts) for KEY_CACHE_MS, so a revoked key stops working within
 * that time on every instance, and a new key works at once.
 */
export async function authenticate(
  db: Db,
  authorization: string | null | undefined,
  cache: IngestLookups['keys'] = createLookups().keys,
): Promise<FeedKey> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) {
    throw new DomainError('unauthorized', 'missing API key: send the header "Authorization: Bearer <key>"');
  }
  const secretHash = hash(match[1]);
  const cached = cache.get(secretHash);
  if (cached) return cached;
  const [row] = await db
    .select({ id: apiKeys.id, feed: apiKeys.feed, siteIds: apiKeys.siteIds })
    .from(apiKeys)
    .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) throw new DomainError('unauthorized', 'API key not recognised or revoked');
  cache.set(secretHash, row);
  return row;
}

export function keyCoversSite(key: FeedKey, siteId: string | undefined): boolean {
  if (key.siteIds.includes(ALL_SITES)) return true;
  return siteId !== undefined && key.siteIds.includes(siteId);
}
