import { LIMITS, READ_LIMITS } from '@switchboard/contracts';
import { readEnv } from '../../../env.ts';
import { forward } from '../../../lib/proxy/forward.ts';
import { PAGE_PROCEDURES } from '../../../lib/trpc/procedures.ts';

/**
 * Same-origin proxy to the API's tRPC endpoint, so the browser never needs CORS. The session cookie goes
 * with it (the display pages use /display/trpc, which sends the display token instead). Only the procedures
 * the pages use pass (lib/trpc/procedures.ts), at most READ_LIMITS.maxBatchedCalls a request, with the
 * API's body limit; answers stream back unbuffered (the live subscription passes event by event, and stops
 * upstream when the browser goes).
 */
export const dynamic = 'force-dynamic';

const trpcError = (status: number, message: string) => ({
  error: { message, code: -32600, data: { httpStatus: status } },
});
const refuse = (status: number, message: string) =>
  Response.json(trpcError(status, message), { status, headers: { 'cache-control': 'no-store' } });

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
    return refuse(400, `a batched request may call at most ${READ_LIMITS.maxBatchedCalls} procedures`);
  }
  const refused = called.find((name) => !PAGE_PROCEDURES.has(name));
  if (refused !== undefined) {
    return refuse(404, `"${refused.slice(0, 100)}" is not available through the dashboard`);
  }
  return forward(request, `${readEnv().API_URL}${url.pathname}${url.search}`, {
    bodyLimit: LIMITS.maxBodyBytes,
    errorBody: trpcError,
  });
}

export const GET = proxy;
export const POST = proxy;
