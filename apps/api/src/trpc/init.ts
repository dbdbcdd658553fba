import { randomUUID } from 'node:crypto';
import { formatIssues } from '@switchboard/contracts';
import { initTRPC } from '@trpc/server';
import { DomainError, toTRPCError } from '../errors.ts';
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

/** Maps domain errors to tRPC errors in one place. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) throw toTRPCError(result.error.cause);
  return result;
});

export const publicProcedure = t.procedure.use(domainErrors);

/** A procedure that needs a feed key (`Authorization: Bearer …`). */
export const feedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  try {
    const key = await authenticate(ctx.db, ctx.authorization, ctx.lookups.keys);
    return next({ ctx: { ...ctx, key } });
  } catch (error) {
    throw toTRPCError(error);
  }
});
