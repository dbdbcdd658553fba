import { READ_LIMITS } from '@switchboard/contracts';

/** The procedures a `/trpc/a.b,c.d` request calls (a batch names several, comma-separated). */
export function proceduresOf(pathname: string): string[] {
  const raw = pathname.replace(/^\/trpc\/?/, '');
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // Left as sent: tRPC will answer that no such procedure exists.
  }
  return decoded.split(',');
}

/**
 * Why a tRPC request is refused before any work, or null. Ingestion is never batched (one batch is one
 * request, stored all or nothing); a batched read may call at most READ_LIMITS.maxBatchedCalls procedures
 * (each of them capped in range and points by its input).
 */
export function batchRefusal(procedures: readonly string[], batched: boolean): string | null {
  if (!batched && procedures.length === 1) return null;
  if (procedures.some((path) => path.startsWith('ingest.'))) {
    return 'ingestion procedures cannot be batched: send each batch as its own request to /trpc/ingest.<procedure> (without ?batch=1)';
  }
  if (procedures.length > READ_LIMITS.maxBatchedCalls) {
    return `a batched request may call at most ${READ_LIMITS.maxBatchedCalls} procedures; it called ${procedures.length}`;
  }
  return null;
}

/** Why a request body's content type is refused (415), or null: tRPC bodies are JSON. */
export function contentTypeRefusal(method: string, contentType: string | undefined): string | null {
  if (method !== 'POST') return null;
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (media === 'application/json') return null;
  return 'unsupported content-type: send the request body as JSON with "content-type: application/json"';
}

/** A metrics label from a fixed set: the procedure's name if it exists, `unknown` otherwise. */
export function procedureLabel(known: ReadonlySet<string>, path: string | undefined): string {
  return path !== undefined && known.has(path) ? path : 'unknown';
}
