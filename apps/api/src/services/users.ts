import { randomBytes } from 'node:crypto';
import { accounts, type Db, type Role, sessions, users } from '@switchboard/db';
import { hashPassword } from 'better-auth/crypto';
import { and, asc, count, eq, max } from 'drizzle-orm';
import type { Auth } from '../auth/auth.ts';
import { type Sites, sitesFromStored, sitesToStored } from '../auth/principal.ts';
import { DomainError } from '../errors.ts';
import { type Actor, actorOf, audit } from './audit.ts';
import { forgetExportTokens } from './export-tokens.ts';
import { checkSites } from './sites.ts';

export interface InviteInput {
  email: string;
  name?: string | undefined;
  role: Role;
  sites: Sites;
  /** Optional: set a password now (tests, break-glass accounts); otherwise the person uses the link or SSO. */
  password?: string | undefined;
  /** Or a password already hashed with better-auth's `hashPassword` (imports; tests hash once for many). */
  passwordHash?: string | undefined;
}

/**
 * Invites a person: creates the user (e-mail trusted: an admin vouches for it) and returns a one-time
 * sign-in link. Single sign-on later links to this user by e-mail on first use.
 */
export async function inviteUser(
  db: Db,
  auth: Auth,
  input: Actor & InviteInput,
): Promise<{ id: string; signInUrl: string }> {
  const email = input.email.trim().toLowerCase();
  await checkSites(db, input.sites);
  const id = randomBytes(12).toString('base64url');
  const passwordHash = input.password ? await hashPassword(input.password) : input.passwordHash;
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values({
        id,
        email,
        name: input.name?.trim() || email.split('@')[0] || email,
        emailVerified: true,
        role: input.role,
        siteIds: sitesToStored(input.sites),
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (inserted.length === 0)
      throw new DomainError('conflict', `a user with e-mail ${email} already exists`);
    if (passwordHash) {
      await tx.insert(accounts).values({
        id: randomBytes(12).toString('base64url'),
        accountId: id,
        providerId: 'credential',
        userId: id,
        password: passwordHash,
      });
    }
    await audit(tx, {
      ...actorOf(input),
      action: 'user.invite',
      subject: email,
      detail: { role: input.role, sites: input.sites },
    });
  });
  return { id, signInUrl: await auth.signInLink(email) };
}

/** A fresh one-time sign-in link for an existing, enabled user (audited: a link is as good as a password). */
export async function signInLinkFor(
  db: Db,
  auth: Auth,
  input: Actor & { email: string; callbackURL?: string | undefined },
): Promise<{ signInUrl: string }> {
  const email = input.email.trim().toLowerCase();
  const [user] = await db.select({ disabled: users.disabled }).from(users).where(eq(users.email, email));
  if (!user) throw new DomainError('not_found', `no user with e-mail ${email}`);
  if (user.disabled) throw new DomainError('conflict', `user ${email} is disabled`);
  const signInUrl = await auth.signInLink(email, input.callbackURL);
  await audit(db, { ...actorOf(input), action: 'user.sign_in_link', subject: email });
  return { signInUrl };
}

export async function listUsers(db: Db) {
  const lastSeen = db
    .select({ userId: sessions.userId, lastSeenAt: max(sessions.updatedAt).as('last_seen_at') })
    .from(sessions)
    .groupBy(sessions.userId)
    .as('last_seen');
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      siteIds: users.siteIds,
      disabled: users.disabled,
      createdAt: users.createdAt,
      lastSeenAt: lastSeen.lastSeenAt,
    })
    .from(users)
    .leftJoin(lastSeen, eq(lastSeen.userId, users.id))
    .orderBy(asc(users.email));
  return rows.map(({ siteIds, ...row }) => ({ ...row, sites: sitesFromStored(siteIds) }));
}

/**
 * Changes a user's role, sites or disabled flag. Sessions read the user on every request, so a new role or
 * scope applies at once; disabling also deletes the user's sessions (their live streams end within seconds).
 */
export async function updateUser(
  db: Db,
  input: Actor & {
    id: string;
    role?: Role | undefined;
    sites?: Sites | undefined;
    disabled?: boolean | undefined;
  },
): Promise<void> {
  if (input.sites !== undefined) await checkSites(db, input.sites);
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(users)
      .set({
        ...(input.role !== undefined && { role: input.role }),
        ...(input.sites !== undefined && { siteIds: sitesToStored(input.sites) }),
        ...(input.disabled !== undefined && { disabled: input.disabled }),
        updatedAt: new Date(),
      })
      .where(eq(users.id, input.id))
      .returning({ email: users.email });
    const user = changed[0];
    if (!user) throw new DomainError('not_found', `no user with id ${input.id}`);
    // Never leave the deployment without an enabled administrator (nobody could undo it but a CLI).
    const [admins] = await tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.disabled, false)));
    if (Number(admins?.n ?? 0) === 0) {
      throw new DomainError(
        'conflict',
        'this would leave no enabled administrator: make someone else admin first',
      );
    }
    if (input.disabled) await tx.delete(sessions).where(eq(sessions.userId, input.id));
    await audit(tx, {
      ...actorOf(input),
      action: 'user.update',
      subject: user.email,
      detail: { role: input.role, sites: input.sites, disabled: input.disabled },
    });
  });
  // Export tokens act as their owner: on this instance at once, elsewhere within EXPORT_TOKEN_CACHE_MS.
  forgetExportTokens();
}
