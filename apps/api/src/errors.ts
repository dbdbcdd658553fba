import { TRPCError } from '@trpc/server';

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
