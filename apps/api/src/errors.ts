import { TRPCError } from '@trpc/server';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Domain errors: services throw these; `toTRPCError` is the one mapping to HTTP. */
export class DomainError extends Error {
  constructor(
    readonly kind: 'unauthorized' | 'forbidden' | 'unknown_reference' | 'invalid' | 'conflict' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

const CODES = {
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  unknown_reference: 'UNPROCESSABLE_CONTENT',
  invalid: 'BAD_REQUEST',
  conflict: 'CONFLICT',
  not_found: 'NOT_FOUND',
} as const satisfies Record<DomainError['kind'], TRPCError['code']>;

/** The same kinds as plain HTTP statuses, for the routes outside tRPC (CSV export and import). */
export const HTTP_STATUS = {
  unauthorized: 401,
  forbidden: 403,
  unknown_reference: 422,
  invalid: 400,
  conflict: 409,
  not_found: 404,
} as const satisfies Record<DomainError['kind'], ContentfulStatusCode>;

export function toTRPCError(error: unknown): unknown {
  if (error instanceof DomainError)
    return new TRPCError({ code: CODES[error.kind], message: error.message, cause: error });
  return error;
}

/** The reason label recorded in metrics for a rejected request. */
export function rejectionReason(code: TRPCError['code']): string {
  switch (code) {
    case 'BAD_REQUEST':
      return 'invalid';
    case 'PARSE_ERROR':
      return 'malformed_json';
    case 'UNAUTHORIZED':
      return 'unauthorized';
    case 'FORBIDDEN':
      return 'forbidden';
    case 'UNPROCESSABLE_CONTENT':
      return 'unknown_reference';
    case 'PAYLOAD_TOO_LARGE':
      return 'too_large';
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 'content_type';
    default:
      return code.toLowerCase();
  }
}

/**
 * Errors that mean "the database is not reachable just now" (a restart, a failover, a cut connection), not
 * a defect: postgres.js's connection errors, the socket's, and PostgreSQL's connection-exception (08…) and
 * shutdown (57P01–57P03) states. Looked for along the error's causes (Drizzle wraps the driver's error).
 */
const UNAVAILABLE = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 10; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** What a client is told while the database is away: a 503 it may retry, the same request, safely. */
export const DATABASE_UNAVAILABLE =
  'the database is not reachable just now; send the same request again shortly (retrying is always safe)';
