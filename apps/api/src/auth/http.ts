import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { DomainError } from '../errors.ts';
import type { Access } from './access.ts';
import { clientAddress } from './address.ts';
import { AUTH_BASE_PATH } from './auth.ts';
import { allows, permissionOf } from './permissions.ts';
import type { Principal } from './principal.ts';
import { scopedSiteIds } from './scope.ts';

const errorBody = (code: string, httpStatus: number, message: string) => ({
  error: { message, code: -32600, data: { code, httpStatus } },
});

/** Sign-in bodies are a few hundred bytes; anything near this is not a sign-in. */
export const AUTH_MAX_BODY_BYTES = 16 * 1024;

/** The caller's address (see address.ts), or null outside a Node server (e.g. `app.request` in a test). */
export function addressOf(c: Context, access: Access): string | null {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined;
  }
  return clientAddress(peer, c.req.header('x-forwarded-for'), access.config.trustedProxies);
}

/**
 * Security headers on every answer: a Content-Security-Policy that allows nothing (the API serves JSON, not
 * pages), no framing, nosniff, no referrer, and HSTS when served over https.
 */
export function securityHeaders(access: Access): MiddlewareHandler {
  const https = access.config.publicUrl.startsWith('https://');
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: https ? 'max-age=63072000; includeSubDomains' : false,
    crossOriginResourcePolicy: 'same-site',
  });
}

/** CORS only for the configured origins, with credentials; never `*`. */
export function corsForTrustedOrigins(access: Access): MiddlewareHandler {
  const allowed = new Set([new URL(access.config.publicUrl).origin, ...access.config.trustedOrigins]);
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['content-type', 'authorization', 'trpc-accept', 'x-trpc-source'],
    maxAge: 600,
  });
}

/** `/metrics` for Prometheus: with `Authorization: Bearer <METRICS_TOKEN>`, or from loopback directly. */
export function metricsAllowed(c: Context, access: Access): boolean {
  const token = access.config.metricsToken;
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (token && sent) {
    const a = Buffer.from(sent);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    return false;
  }
  const loopback = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
  return loopback && !c.req.header('x-forwarded-for');
}

async function emailOf(request: Request): Promise<string | null> {
  try {
    const body = (await request.clone().json()) as unknown;
    const email = body && typeof body === 'object' && 'email' in body ? body.email : null;
    return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : null;
  } catch {
    return null;
  }
}

/**
 * Mounts better-auth at /api/auth/*: a body limit, sign-in rate limits (failures per account and per
 * address; 429 with Retry-After), the server-only sign-in-link endpoint closed, and the client's address
 * passed on as the only X-Forwarded-For (so better-auth records the real one and nobody can choose theirs).
 */
export function mountAuth(app: Hono, access: Access): void {
  const { auth, limits } = access;
  app.use(
    `${AUTH_BASE_PATH}/*`,
    bodyLimit({
      maxSize: AUTH_MAX_BODY_BYTES,
      onError: (c) =>
        c.json(errorBody('PAYLOAD_TOO_LARGE', 413, `body larger than ${AUTH_MAX_BODY_BYTES} bytes`), 413),
    }),
  );
  // Sign-in links are made on the server (CLI, admin area); nobody may ask for one by e-mail from outside.
  app.post(`${AUTH_BASE_PATH}/sign-in/magic-link`, (c) =>
    c.json(errorBody('NOT_FOUND', 404, 'sign-in links are issued by an administrator'), 404),
  );
  app.on(['GET', 'POST'], `${AUTH_BASE_PATH}/*`, async (c) => {
    const address = addressOf(c, access);
    const headers = new Headers(c.req.raw.headers);
    headers.delete('x-forwarded-for');
    if (address) headers.set('x-forwarded-for', address);
    const request = new Request(c.req.raw, { headers });
    const passwordSignIn = c.req.method === 'POST' && c.req.path === `${AUTH_BASE_PATH}/sign-in/email`;
    if (!passwordSignIn) return auth.handler(request);

    const email = await emailOf(request);
    const accountKey = email ?? '';
    const addressKey = address ?? 'unknown';
    const blocked =
      (await limits.signInAddress.blocked(addressKey)) ??
      (email ? await limits.signInAccount.blocked(accountKey) : null);
    if (blocked) {
      c.header('retry-after', String(blocked.retryAfterS));
      return c.json(
        errorBody(
          'TOO_MANY_REQUESTS',
          429,
          `too many failed sign-ins: try again in ${blocked.retryAfterS} s`,
        ),
        429,
      );
    }
    const response = await auth.handler(request);
    if (response.status === 401 || response.status === 403) {
      await limits.signInAddress.consume(addressKey);
      if (email) await limits.signInAccount.consume(accountKey);
    } else if (response.ok && email) {
      await limits.signInAccount.reset(accountKey);
    }
    return response;
  });
}

/**
 * A live subscription answers 200 and then streams, so tRPC would report a refusal inside the stream. This
 * checks the caller first (the same table and rule as the tRPC middleware) so that a refused subscriber gets
 * a plain 401/403 JSON answer instead.
 */
export async function subscriptionRefusal(
  path: string,
  whoIs: () => Promise<Principal | null>,
  rawInput: string | undefined,
): Promise<{ status: 401 | 403; body: ReturnType<typeof errorBody> } | null> {
  const permission = permissionOf(path);
  if (!permission || permission === 'public') return null; // the middleware answers these
  const principal = await whoIs();
  if (!principal) {
    return { status: 401, body: errorBody('UNAUTHORIZED', 401, 'sign in first (or send a display token)') };
  }
  if (!allows(principal, permission)) {
    return { status: 403, body: errorBody('FORBIDDEN', 403, `this principal may not call ${path}`) };
  }
  const siteIds = siteIdsOf(rawInput);
  if (siteIds) {
    try {
      scopedSiteIds(principal, siteIds);
    } catch (error) {
      if (error instanceof DomainError)
        return { status: 403, body: errorBody('FORBIDDEN', 403, error.message) };
      throw error;
    }
  }
  return null;
}

/** The `siteIds` of a subscription's input (tRPC's `?input=` JSON), when it names any. */
function siteIdsOf(rawInput: string | undefined): string[] | undefined {
  try {
    const input = rawInput ? (JSON.parse(rawInput) as unknown) : undefined;
    const siteIds = input && typeof input === 'object' && 'siteIds' in input ? input.siteIds : undefined;
    return Array.isArray(siteIds) && siteIds.every((id) => typeof id === 'string') ? siteIds : undefined;
  } catch {
    return undefined; // tRPC answers malformed input itself
  }
}

/**
 * Writes (tRPC mutations, better-auth POSTs) from a page of another origin are refused (403) — browsers send `Origin` on every POST.
 * SameSite=Lax cookies, JSON-only bodies and CORS for configured origins already stop them; this makes the
 * rule explicit. Clients without an `Origin` (feeds, scripts, the dashboard's server) are unaffected.
 */
export function sameOriginWrites(access: Access): MiddlewareHandler {
  const allowed = new Set([new URL(access.config.publicUrl).origin, ...access.config.trustedOrigins]);
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'POST' && origin && !allowed.has(origin) && origin !== new URL(c.req.url).origin) {
      return c.json(
        errorBody('FORBIDDEN', 403, `requests from ${origin.slice(0, 100)} are not allowed`),
        403,
      );
    }
    await next();
  };
}
