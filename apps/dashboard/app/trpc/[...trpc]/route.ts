import { LIMITS, READ_LIMITS } from '@switchboard/contracts';
import { readEnv } from '../../../env.ts';
import { errorResponse, forward } from '../../../lib/proxy.ts';
import { PAGE_PROCEDURES } from '../../../lib/trpc/procedures.ts';

/**
 * Same-origin proxy to the API's tRPC endpoint, so the browser never needs CORS. Only the procedures the
 * pages use pass (lib/trpc/procedures.ts), at most READ_LIMITS.maxBatchedCalls a request; bodies stream
 * through with the API's body limit, never buffered; the live subscription (SSE) passes event by event.
 */
export const dynamic = 'force-dynamic';

function procedures(pathname: string): string[] {
  const raw = pathname.replace(/^\/trpc\/?/, '');
  try {
    return decodeURIComponent(raw).split(',');
  } catch {
    return [raw];
  }
}

async function proxy(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const called = procedures(url.pathname);
  if (called.length > READ_LIMITS.maxBatchedCalls) {
    return errorResponse(400, `a batched request may call at most ${READ_LIMITS.maxBatchedCalls} procedures`);
  }
  const refused = called.find((name) => !PAGE_PROCEDURES.has(name));
  if (refused !== undefined) {
    return errorResponse(404, `"${refused.slice(0, 100)}" is not available through the dashboard`);
  }
  return forward(request, `${readEnv().API_URL}${url.pathname}${url.search}`, {
    maxBodyBytes: LIMITS.maxBodyBytes,
    unreachable: 'the Switchboard API is not reachable',
  });
}

export const GET = proxy;
export const POST = proxy;
