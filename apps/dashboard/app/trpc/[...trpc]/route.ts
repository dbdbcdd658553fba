import { readEnv } from '../../../env.ts';
import { forward } from '../../../lib/proxy/forward.ts';

/**
 * Same-origin proxy to the API's tRPC endpoint, so the browser never needs CORS. The session cookie goes
 * with it (the display pages use /display/trpc, which sends the display token instead). Bodies
 * stream back unbuffered: the live subscription (SSE) passes event by event, and stops upstream when the
 * browser goes.
 */
export const dynamic = 'force-dynamic';

/** Ingestion batches go straight to the API, not through here: a browser never sends more than this. */
const BODY_LIMIT = 1024 * 1024;

const trpcError = (status: number, message: string) => ({
  error: { message, code: -32603, data: { httpStatus: status } },
});

function proxy(request: Request): Promise<Response> {
  const url = new URL(request.url);
  return forward(request, `${readEnv().API_URL}${url.pathname}${url.search}`, {
    bodyLimit: BODY_LIMIT,
    errorBody: trpcError,
  });
}

export const GET = proxy;
export const POST = proxy;
