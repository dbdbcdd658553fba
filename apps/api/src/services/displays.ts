import { createHash, randomBytes } from 'node:crypto';
import { type Db, displays } from '@switchboard/db';
import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import { type Sites, sitesFromStored, sitesToStored } from '../auth/principal.ts';
import { DomainError } from '../errors.ts';
import { type Actor, actorOf, audit } from './audit.ts';
import { checkSites } from './sites.ts';
import { TtlCache } from './ttl-cache.ts';

export const DISPLAY_TOKEN_PREFIX = 'sbd_';
const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface DisplayIdentity {
  id: string;
  name: string;
  sites: Sites;
}

/** Creates a display token; the token exists outside the screen only in this answer. */
export async function createDisplay(
  db: Db,
  input: Actor & { name: string; sites: Sites },
): Promise<{ id: string; token: string }> {
  await checkSites(db, input.sites);
  const id = randomBytes(4).toString('hex');
  const token = `${DISPLAY_TOKEN_PREFIX}${id}_${randomBytes(24).toString('base64url')}`;
  await db.transaction(async (tx) => {
    await tx.insert(displays).values({
      id,
      name: input.name,
      secretHash: hash(token),
      siteIds: sitesToStored(input.sites),
      createdBy: input.actor,
    });
    await audit(tx, {
      ...actorOf(input),
      action: 'display.create',
      subject: id,
      detail: { name: input.name, sites: input.sites },
    });
  });
  return { id, token };
}

export async function revokeDisplay(db: Db, input: Actor & { id: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(displays)
      .set({ revokedAt: new Date() })
      .where(and(eq(displays.id, input.id), isNull(displays.revokedAt)))
      .returning({ id: displays.id, name: displays.name });
    if (revoked.length === 0) throw new DomainError('not_found', `no active display with id ${input.id}`);
    displayCache.clear();
    await audit(tx, {
      ...actorOf(input),
      action: 'display.revoke',
      subject: input.id,
      detail: { name: revoked[0]?.name },
    });
  });
}

export async function listDisplays(db: Db) {
  const rows = await db
    .select({
      id: displays.id,
      name: displays.name,
      siteIds: displays.siteIds,
      createdAt: displays.createdAt,
      lastSeenAt: displays.lastSeenAt,
      revokedAt: displays.revokedAt,
    })
    .from(displays)
    .orderBy(asc(displays.name));
  return rows.map(({ siteIds, ...row }) => ({ ...row, sites: sitesFromStored(siteIds) }));
}

/**
 * Recently seen displays by token hash. A revoked display stops working within this time on every instance
 * (live streams re-check at the same pace, so a revoked wallboard's stream ends within 5 s).
 */
export const DISPLAY_CACHE_MS = 1_500;
const displayCache = new TtlCache<DisplayIdentity>(DISPLAY_CACHE_MS);
/** `last_seen_at` is written at most this often per display. */
const LAST_SEEN_EVERY_MS = 60_000;

/** The display behind a token, or null (unknown or revoked). Records when it was last seen. */
export async function authenticateDisplay(db: Db, token: string): Promise<DisplayIdentity | null> {
  const secretHash = hash(token);
  const cached = displayCache.get(secretHash);
  if (cached) return cached;
  const [row] = await db
    .select({ id: displays.id, name: displays.name, siteIds: displays.siteIds })
    .from(displays)
    .where(and(eq(displays.secretHash, secretHash), isNull(displays.revokedAt)))
    .limit(1);
  if (!row) return null;
  const identity = { id: row.id, name: row.name, sites: sitesFromStored(row.siteIds) };
  displayCache.set(secretHash, identity);
  const now = new Date();
  // Bounded: one small update per display per minute at most, not awaited by the reader.
  void db
    .update(displays)
    .set({ lastSeenAt: now })
    .where(
      and(
        eq(displays.id, row.id),
        or(
          isNull(displays.lastSeenAt),
          lt(displays.lastSeenAt, new Date(now.getTime() - LAST_SEEN_EVERY_MS)),
        ),
      ),
    )
    .catch(() => {});
  return identity;
}
