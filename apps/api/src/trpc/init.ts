import { randomUUID } from 'node:crypto';
import { formatIssues } from '@switchboard/contracts';
import { initTRPC, TRPCError } from '@trpc/server';
import { allows, permissionOf } from '../auth/permissions.ts';
import type { Principal } from '../auth/principal.ts';
import { DATABASE_UNAVAILABLE, DomainError, isDatabaseUnavailable, toTRPCError } from '../errors.ts';
import { authenticate } from '../services/keys.ts';
import type { Context } from './context.ts';

type Issue = Parameters<typeof formatIssues>[0][number];
const zodIssues = (cause: unknown): Issue[] | undefined =>
  cause && typeof cause === 'object' && 'issues' in cause && Array.isArray(cause.issues)
    ? (cause.issues as Issue[])
    : undefined;

/** Longest error message sent: messages name fields, never carry the request back. */
const MAX_MESSAGE = 2_000;

const t = initTRPC.context<Context>().create({
  isDev: false,
  // Live subscriptions: a ping every 10 s keeps proxies from closing an idle stream, and a client that hears
  // nothing for 30 s reconnects (with its lastEventId), so a dead stream never leaves a screen frozen.
  sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 30_000 } },
  errorFormatter({ shape, error, path }) {
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      // The detail (SQL, stack, the batch) goes to the log only; the client gets a reference to quote.
      const ref = randomUUID().slice(0, 8);
      console.error(`[api] internal error ref ${ref} in ${path ?? 'unknown'}:`, error.cause ?? error);
      return { ...shape, message: `internal error (ref ${ref})` };
    }
    if (error.cause instanceof SyntaxError) {
      // Not the parser's message: it quotes the request back.
      return { ...shape, message: 'request body is not valid JSON' };
    }
    const issues = zodIssues(error.cause);
    if (!issues) return { ...shape, message: shape.message.slice(0, MAX_MESSAGE) };
    // Input validation: one readable line naming each field, plus the issues for programs.
    return {
      ...shape,
      message: formatIssues(issues).slice(0, MAX_MESSAGE),
      data: {
        ...shape.data,
        issues: issues.slice(0, 100).map((issue) => ({
          path: issue.path.map((part) => String(part).slice(0, 100)),
          message: issue.message.slice(0, MAX_MESSAGE),
        })),
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Maps domain errors to tRPC errors in one place, and a database that is away (a restart, a failover) to a
 * 503 with a retry hint rather than an internal error: the client retries, and nothing is logged as a defect.
 */
const domainErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) return result;
  if (result.error.cause instanceof DomainError) throw toTRPCError(result.error.cause);
  if (isDatabaseUnavailable(result.error)) {
    ctx.resHeaders?.set('retry-after', '1');
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE });
  }
  return result;
});

/**
 * Every procedure is guarded by the permission table (auth/permissions.ts), looked up by path: no entry, no
 * answer. Reads need a principal (401 without one, 403 when its role or kind may not); ingestion needs a
 * feed key, checked and rate-limited here exactly as before (a missing or revoked key is a 401).
 */
const authorize = t.middleware(async ({ ctx, path, next }) => {
  const permission = permissionOf(path);
  if (!permission || permission === 'public' || permission === 'metrics') {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `no permission entry for ${path}` });
  }
  if (permission === 'ingest') {
    const key = await authenticate(ctx.db, ctx.authorization, ctx.lookups.keys).catch((error) => {
      throw toTRPCError(error);
    });
    const limited = await ctx.access.limits.ingest.consume(key.id);
    if (limited) {
      ctx.resHeaders.set('retry-after', String(limited.retryAfterS));
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `too many requests for this key: wait ${limited.retryAfterS} s (send larger batches, less often)`,
      });
    }
    return next({ ctx: { ...ctx, key, principal: { kind: 'feed', key } as Principal } });
  }
  const principal = await ctx.whoIs();
  if (!principal) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'sign in first (or send a display token as "Authorization: Bearer <token>")',
    });
  }
  if (!allows(principal, permission)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `${describe(principal)} may not call ${path}` });
  }
  return next({ ctx: { ...ctx, principal } });
});

const describe = (principal: Principal) =>
  principal.kind === 'user'
    ? `a ${principal.role}`
    : principal.kind === 'display'
      ? 'a display'
      : 'a feed key';

/** A procedure anyone may call (its table entry says `public`): it reveals nothing about figures. */
export const publicProcedure = t.procedure.use(domainErrors).use(({ path, next }) => {
  if (permissionOf(path) !== 'public') {
    throw new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: `${path} is not public in the permission table`,
    });
  }
  return next();
});

/** A procedure whose caller the permission table admits; `ctx.principal` says who it is. */
export const procedure = t.procedure.use(domainErrors).use(authorize);

/** Ingestion: `ctx.key` is the feed key (`Authorization: Bearer …`). */
export const feedProcedure = procedure.use(({ ctx, next }) => {
  if (ctx.principal.kind !== 'feed')
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'a feed key is required' });
  return next({ ctx: { ...ctx, key: ctx.principal.key } });
});
