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
  boardId: string | null;
}

/** Creates a display token; the token exists outside the screen only in this answer. */
export async function createDisplay(
  db: Db,
  input: Actor & { name: string; sites: Sites; boardId?: string | undefined },
): Promise<{ id: string; token: string }> {
  await checkSites(db, input.sites);
  const id = randomBytes(4).toString('hex');
  const token = newToken(id);
  await db.transaction(async (tx) => {
    await tx.insert(displays).values({
      id,
      name: input.name,
      secretHash: hash(token),
      siteIds: sitesToStored(input.sites),
      createdBy: input.actor,
      boardId: input.boardId ?? null,
    });
    await audit(tx, {
      ...actorOf(input),
      action: 'display.create',
      subject: id,
      detail: { name: input.name, sites: input.sites, boardId: input.boardId },
    });
  });
  return { id, token };
}

const newToken = (id: string) => `${DISPLAY_TOKEN_PREFIX}${id}_${randomBytes(24).toString('base64url')}`;

/** A new token for a display (its old one stops working): used once, when a paired TV claims it. */
export async function reissueToken(db: Pick<Db, 'update'>, id: string): Promise<string> {
  const token = newToken(id);
  await db
    .update(displays)
    .set({ secretHash: hash(token) })
    .where(eq(displays.id, id));
  forgetDisplays();
  return token;
}

export async function revokeDisplay(db: Db, input: Actor & { id: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(displays)
      .set({ revokedAt: new Date() })
      .where(and(eq(displays.id, input.id), isNull(displays.revokedAt)))
      .returning({ id: displays.id, name: displays.name });
    if (revoked.length === 0) throw new DomainError('not_found', `no active display with id ${input.id}`);
    forgetDisplays();
    await audit(tx, {
      ...actorOf(input),
      action: 'display.revoke',
      subject: input.id,
      detail: { name: revoked[0]?.name },
    });
  });
}

/** Most displays listed (a trust has tens of TVs). */
const MAX_LISTED = 1_000;

export async function listDisplays(db: Db) {
  const rows = await db
    .select({
      id: displays.id,
      name: displays.name,
      siteIds: displays.siteIds,
      createdAt: displays.createdAt,
      lastSeenAt: displays.lastSeenAt,
      revokedAt: displays.revokedAt,
      boardId: displays.boardId,
      clientVersion: displays.clientVersion,
      screen: displays.screen,
      lastReloadAt: displays.lastReloadAt,
      lastHeartbeatAt: displays.lastHeartbeatAt,
      reloadRequestedAt: displays.reloadRequestedAt,
    })
    .from(displays)
    .orderBy(asc(displays.name))
    .limit(MAX_LISTED);
  return rows.map(({ siteIds, ...row }) => ({ ...row, sites: sitesFromStored(siteIds) }));
}

/**
 * Recently seen displays by token hash. A revoked display stops working within this time on every instance
 * (live streams re-check at the same pace, so a revoked wallboard's stream ends within 5 s).
 */
export const DISPLAY_CACHE_MS = 1_500;
const displayCache = new TtlCache<DisplayIdentity>(DISPLAY_CACHE_MS);
/**
 * Lookups under way, by token hash. Every open wallboard refetches after each live change and every live
 * stream re-checks its display, so when a cached display expires hundreds of requests miss at once: they
 * share one lookup instead of queueing hundreds of queries for the pool (ingestion waited behind them).
 */
const lookups = new Map<string, Promise<DisplayIdentity | null>>();
/** Bumped when a display changes here: a lookup begun before answers its callers but is not cached. */
let generation = 0;
/** `last_seen_at` is written at most this often per display. */
const LAST_SEEN_EVERY_MS = 60_000;

/** Forgets every display remembered here (one was revoked, reassigned or given a new token). */
function forgetDisplays(): void {
  displayCache.clear();
  lookups.clear();
  generation += 1;
}

/** The display behind a token, or null (unknown or revoked). Records when it was last seen. */
export function authenticateDisplay(db: Db, token: string): Promise<DisplayIdentity | null> {
  const secretHash = hash(token);
  const cached = displayCache.get(secretHash);
  if (cached) return Promise.resolve(cached);
  const pending = lookups.get(secretHash);
  if (pending) return pending;
  const lookup = lookUpDisplay(db, secretHash).finally(() => {
    if (lookups.get(secretHash) === lookup) lookups.delete(secretHash);
  });
  lookups.set(secretHash, lookup);
  return lookup;
}

async function lookUpDisplay(db: Db, secretHash: string): Promise<DisplayIdentity | null> {
  const begun = generation;
  const [row] = await db
    .select({
      id: displays.id,
      name: displays.name,
      siteIds: displays.siteIds,
      boardId: displays.boardId,
      lastSeenAt: displays.lastSeenAt,
    })
    .from(displays)
    .where(and(eq(displays.secretHash, secretHash), isNull(displays.revokedAt)))
    .limit(1);
  if (!row) return null;
  const identity = { id: row.id, name: row.name, sites: sitesFromStored(row.siteIds), boardId: row.boardId };
  if (generation === begun) displayCache.set(secretHash, identity);
  const now = new Date();
  const due = new Date(now.getTime() - LAST_SEEN_EVERY_MS);
  // Bounded: sent only when the stored time is a minute old (the update checks again, as another instance
  // may have written it meanwhile), so one small update per display per minute at most; not awaited.
  if (row.lastSeenAt !== null && row.lastSeenAt >= due) return identity;
  void db
    .update(displays)
    .set({ lastSeenAt: now })
    .where(and(eq(displays.id, row.id), or(isNull(displays.lastSeenAt), lt(displays.lastSeenAt, due))))
    .catch(() => {});
  return identity;
}

/** A screen's heartbeat: what it runs and shows; answers its board and whether a reload was asked for. */
export async function recordHeartbeat(
  db: Db,
  displayId: string,
  input: { version: string; screen: string; lastReloadAt: string },
): Promise<{ boardId: string | null; reload: boolean }> {
  const now = new Date();
  const [row] = await db
    .update(displays)
    .set({
      clientVersion: input.version,
      screen: input.screen,
      lastReloadAt: new Date(input.lastReloadAt),
      lastHeartbeatAt: now,
      lastSeenAt: now,
    })
    .where(and(eq(displays.id, displayId), isNull(displays.revokedAt)))
    .returning({ boardId: displays.boardId, reloadRequestedAt: displays.reloadRequestedAt });
  if (!row) throw new DomainError('unauthorized', 'this display was revoked');
  // The screen reloads when the request is newer than its own last reload.
  const reload = row.reloadRequestedAt !== null && row.reloadRequestedAt > new Date(input.lastReloadAt);
  return { boardId: row.boardId, reload };
}

/** A manager asks a screen to reload (it does at its next heartbeat, within a minute). */
export async function requestReload(db: Db, input: Actor & { id: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const done = await tx
      .update(displays)
      .set({ reloadRequestedAt: new Date() })
      .where(and(eq(displays.id, input.id), isNull(displays.revokedAt)))
      .returning({ id: displays.id });
    if (done.length === 0) throw new DomainError('not_found', `id: no active display ${input.id}`);
    await audit(tx, { ...actorOf(input), action: 'display.reload', subject: input.id });
  });
}

/** Shows another board on a display; the display reads that board's sites from now on. */
export async function assignBoard(
  db: Db,
  input: Actor & { id: string; boardId: string; sites: Sites },
): Promise<void> {
  await db.transaction(async (tx) => {
    const done = await tx
      .update(displays)
      .set({ boardId: input.boardId, siteIds: sitesToStored(input.sites), reloadRequestedAt: new Date() })
      .where(and(eq(displays.id, input.id), isNull(displays.revokedAt)))
      .returning({ id: displays.id });
    if (done.length === 0) throw new DomainError('not_found', `id: no active display ${input.id}`);
    forgetDisplays();
    await audit(tx, {
      ...actorOf(input),
      action: 'display.assign',
      subject: input.id,
      detail: { boardId: input.boardId },
    });
  });
}
