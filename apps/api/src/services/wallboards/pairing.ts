import { createHash, randomBytes, randomInt } from 'node:crypto';
import { PAIRING_CODE_ALPHABET } from '@switchboard/contracts';
import { type Db, displayPairings } from '@switchboard/db';
import { and, count, eq, gt, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.ts';
import { DomainError } from '../../errors.ts';
import type { Actor } from '../audit.ts';
import { createDisplay, reissueToken, revokeDisplay } from '../displays.ts';
import { getBoard } from './boards.ts';

/** How long a code shown on a TV may be approved. */
export const PAIRING_TTL_MS = 10 * 60_000;
/** Most pairings waiting at once (every TV being set up at the same time fits easily). */
export const MAX_PENDING_PAIRINGS = 200;
const CODE_LENGTH = 6;

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
const newCode = () =>
  Array.from(
    { length: CODE_LENGTH },
    () => PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)],
  ).join('');

/**
 * A TV starts pairing: a short code to show and a secret to claim with (kept by the dashboard in an
 * HttpOnly cookie). Expired pairings are swept first; at most MAX_PENDING_PAIRINGS wait at once.
 */
export async function startPairing(
  db: Db,
  address: string | null,
  now = Date.now(),
): Promise<{ code: string; secret: string; expiresAt: string }> {
  await db.delete(displayPairings).where(lt(displayPairings.expiresAt, new Date(now)));
  const [pending] = await db.select({ n: count() }).from(displayPairings);
  if ((pending?.n ?? 0) >= MAX_PENDING_PAIRINGS)
    throw new DomainError(
      'conflict',
      'too many screens are waiting to be paired: try again in a few minutes',
    );
  const secret = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now + PAIRING_TTL_MS);
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newCode();
    const inserted = await db
      .insert(displayPairings)
      .values({ id: randomBytes(6).toString('hex'), code, secretHash: hash(secret), address, expiresAt })
      .onConflictDoNothing()
      .returning({ code: displayPairings.code });
    if (inserted.length > 0) return { code, secret, expiresAt: expiresAt.toISOString() };
  }
  throw new DomainError('conflict', 'could not find a free pairing code: try again');
}

/**
 * The TV asks whether its code was approved. Approved: the display's token, exactly once (a new token is
 * issued then, so the token exists only in this answer). Unknown or expired: `expired` (start again).
 */
export async function claimPairing(
  db: Db,
  secret: string,
  now = Date.now(),
): Promise<{ state: 'waiting' } | { state: 'expired' } | { state: 'paired'; token: string }> {
  const [row] = await db
    .select()
    .from(displayPairings)
    .where(and(eq(displayPairings.secretHash, hash(secret)), gt(displayPairings.expiresAt, new Date(now))))
    .limit(1);
  if (!row || row.claimedAt) return { state: 'expired' };
  if (!row.displayId) return { state: 'waiting' };
  const displayId = row.displayId;
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(displayPairings)
      .set({ claimedAt: new Date(now) })
      .where(
        and(
          eq(displayPairings.id, row.id),
          isNull(displayPairings.claimedAt),
          isNotNull(displayPairings.displayId),
        ),
      )
      .returning({ id: displayPairings.id });
    if (claimed.length === 0) return { state: 'expired' as const };
    return { state: 'paired' as const, token: await reissueToken(tx, displayId) };
  });
}

/** A manager approves the code a TV shows: a display is created for the chosen board (and its sites). */
export async function approvePairing(
  db: Db,
  principal: Principal,
  input: Actor & { code: string; name: string; boardId: string },
  now = Date.now(),
): Promise<{ displayId: string }> {
  const board = await getBoard(db, principal, input.boardId);
  const [row] = await db
    .select()
    .from(displayPairings)
    .where(and(eq(displayPairings.code, input.code), gt(displayPairings.expiresAt, new Date(now))))
    .limit(1);
  if (!row || row.displayId)
    throw new DomainError('not_found', `code: no screen is waiting with code ${input.code}`);
  const { id } = await createDisplay(db, { ...input, sites: board.sites, boardId: board.id });
  const done = await db
    .update(displayPairings)
    .set({ displayId: id, approvedAt: new Date(now) })
    .where(and(eq(displayPairings.id, row.id), isNull(displayPairings.displayId)))
    .returning({ id: displayPairings.id });
  if (done.length === 0) {
    // Someone approved the same code a moment earlier: this display would have no screen, so it goes.
    await revokeDisplay(db, { id, actor: input.actor, address: input.address });
    throw new DomainError('conflict', `code: ${input.code} was approved by someone else`);
  }
  return { displayId: id };
}
