import { readEnv } from '../../../../env.ts';
import { forward } from '../../../../lib/proxy/forward.ts';

/**
 * The display pages' tRPC proxy: the same API procedures as /trpc, read as the display whose token this
 * browser holds in its HttpOnly display cookie (sent on as `Authorization: Bearer`), never as a person.
 */
export const dynamic = 'force-dynamic';

const BODY_LIMIT = 64 * 1024;
const trpcError = (status: number, message: string) => ({
  error: { message, code: -32603, data: { httpStatus: status } },
});

function proxy(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace(/^\/display\/trpc\//, '/trpc/');
  return forward(request, `${readEnv().API_URL}${path}${url.search}`, {
    bodyLimit: BODY_LIMIT,
    asDisplay: true,
    errorBody: trpcError,
  });
}

export const GET = proxy;
export const POST = proxy;
