import { drizzleAdapter } from '@better-auth/drizzle-adapter';
import { accounts, type Db, sessions, users, verifications } from '@switchboard/db';
import { betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import { genericOAuth, magicLink } from 'better-auth/plugins';
import { eq } from 'drizzle-orm';
import type { AccessConfig, SsoConfig } from './config.ts';

/** better-auth's routes live under this path on the API (and, proxied, on the dashboard). */
export const AUTH_BASE_PATH = '/api/auth';

/**
 * The better-auth instance: email + password (no sign-up: people are invited), one-time sign-in links
 * generated on the server (never emailed by Switchboard), and single sign-on with one OpenID Connect provider
 * when configured. Telemetry off; better-auth's own rate limiter off (src/auth/rate-limits.ts does it, with
 * counters shared across instances). A disabled user cannot start a session by any method.
 */
export function createAuth(db: Db, config: AccessConfig) {
  const links = new Map<string, string>();
  const secure = config.publicUrl.startsWith('https://');
  const auth = betterAuth({
    appName: 'Switchboard',
    baseURL: config.publicUrl,
    basePath: AUTH_BASE_PATH,
    secret: config.secret,
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    telemetry: { enabled: false },
    // Warnings name e-mail addresses ("user not found"); errors only, and never a secret.
    logger: { level: 'error' },
    trustedOrigins: config.trustedOrigins,
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 128 },
    session: { expiresIn: config.sessionTtlS, updateAge: Math.min(3600, config.sessionTtlS) },
    user: {
      additionalFields: {
        role: { type: 'string', input: false, required: false, defaultValue: 'viewer' },
        siteIds: { type: 'string[]', input: false, required: false },
        disabled: { type: 'boolean', input: false, required: false, defaultValue: false },
      },
    },
    account: {
      // An invited person's first single sign-on links to their invitation by e-mail; afterwards the
      // provider's subject (Entra `oid`) identifies them.
      accountLinking: { enabled: true, trustedProviders: config.sso ? [config.sso.providerId] : [] },
    },
    rateLimit: { enabled: false },
    advanced: {
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure },
      // mountAuth (http.ts) replaces X-Forwarded-For with the one address it worked out.
      ipAddress: { ipAddressHeaders: ['x-forwarded-for'] },
    },
    databaseHooks: {
      session: {
        create: {
          async before(session) {
            const [user] = await db
              .select({ disabled: users.disabled })
              .from(users)
              .where(eq(users.id, session.userId));
            if (!user || user.disabled)
              throw new APIError('FORBIDDEN', { message: 'this account is disabled' });
          },
        },
      },
    },
    plugins: [
      magicLink({
        disableSignUp: true,
        expiresIn: config.signInLinkTtlS,
        storeToken: 'hashed',
        sendMagicLink: async ({ email, url }) => {
          links.set(email, url);
        },
      }),
      ...(config.sso ? [genericOAuth({ config: [ssoProvider(config.sso)] })] : []),
    ],
  });

  /** A one-time sign-in link for an existing user (returning to `callbackURL` after it). */
  async function signInLink(email: string, callbackURL = '/'): Promise<string> {
    await auth.api.signInMagicLink({ body: { email, callbackURL }, headers: new Headers() });
    const url = links.get(email);
    links.delete(email);
    if (!url) throw new Error('better-auth did not produce a sign-in link');
    return url;
  }

  return Object.assign(auth, { signInLink });
}
export type Auth = ReturnType<typeof createAuth>;

/** Entra ID (or any OIDC provider): the identity is the `oid` claim when present, else `sub`; no sign-up. */
function ssoProvider(sso: SsoConfig) {
  return {
    providerId: sso.providerId,
    name: sso.label,
    discoveryUrl: `${sso.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
    clientId: sso.clientId,
    clientSecret: sso.clientSecret,
    scopes: ['openid', 'profile', 'email'],
    pkce: true,
    requireIdTokenVerification: true,
    disableImplicitSignUp: true,
    accountSubject: ({ profile }: { profile: Record<string, unknown> }) =>
      String(profile.oid ?? profile.sub ?? ''),
    // Entra may leave `email` out for managed users: fall back to the sign-in name. No profile pictures
    // (base64 images overflow headers).
    mapProfileToUser: (profile: Record<string, unknown>) => ({
      email: String(profile.email ?? profile.preferred_username ?? '').toLowerCase(),
      name: typeof profile.name === 'string' ? profile.name : undefined,
      image: undefined,
    }),
  };
}
