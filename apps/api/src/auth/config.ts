import { randomBytes } from 'node:crypto';
import type { Env } from '../env.ts';

/** Single sign-on with one OpenID Connect provider (Microsoft Entra ID for NHSmail). */
export interface SsoConfig {
  providerId: string;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** What the access layer needs, derived from env.ts (tests build it directly). */
export interface AccessConfig {
  secret: string;
  /** The origin people open; sign-in links and redirects are built on it. */
  publicUrl: string;
  /** Origins allowed to call with credentials (CORS) and to post sign-in forms, besides publicUrl's. */
  trustedOrigins: string[];
  /** Peers whose X-Forwarded-For is believed. */
  trustedProxies: string[];
  sessionTtlS: number;
  signInLinkTtlS: number;
  signIn: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; windowS: number };
  ingestMaxRequestsPerS: number;
  metricsToken: string | undefined;
  sso: SsoConfig | undefined;
}

export const ENTRA_ISSUER = (tenant: string) => `https://login.microsoftonline.com/${tenant}/v2.0`;

export function accessConfigFrom(env: Env, secret: string): AccessConfig {
  const sso =
    env.SSO_CLIENT_ID && env.SSO_CLIENT_SECRET
      ? {
          providerId: env.SSO_PROVIDER_ID,
          label: env.SSO_LABEL,
          issuer: env.SSO_ISSUER ?? ENTRA_ISSUER(env.SSO_TENANT_ID ?? ''),
          clientId: env.SSO_CLIENT_ID,
          clientSecret: env.SSO_CLIENT_SECRET,
        }
      : undefined;
  return {
    secret,
    publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST}:${env.API_PORT}`).replace(/\/+$/, ''),
    trustedOrigins: env.TRUSTED_ORIGINS.map((url) => new URL(url).origin),
    trustedProxies: env.TRUSTED_PROXIES,
    sessionTtlS: env.SESSION_TTL_H * 3600,
    signInLinkTtlS: env.SIGN_IN_LINK_TTL_S,
    signIn: {
      maxFailuresPerAccount: env.SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: env.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
      windowS: env.SIGN_IN_WINDOW_S,
    },
    ingestMaxRequestsPerS: env.INGEST_MAX_REQUESTS_PER_S,
    metricsToken: env.METRICS_TOKEN,
    sso,
  };
}

/** A configuration for a local API without env (tests, benches): a fresh secret, loopback origin. */
export function localAccessConfig(overrides: Partial<AccessConfig> = {}): AccessConfig {
  return {
    secret: randomBytes(32).toString('base64url'),
    publicUrl: 'http://127.0.0.1:4000',
    trustedOrigins: [],
    trustedProxies: ['127.0.0.1', '::1', '::ffff:127.0.0.1'],
    sessionTtlS: 12 * 3600,
    signInLinkTtlS: 3600,
    signIn: { maxFailuresPerAccount: 10, maxFailuresPerAddress: 50, windowS: 900 },
    ingestMaxRequestsPerS: 200,
    metricsToken: undefined,
    sso: undefined,
    ...overrides,
  };
}
