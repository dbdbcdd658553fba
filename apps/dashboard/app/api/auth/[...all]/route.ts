import { readEnv } from '../../../../env.ts';
import { forward } from '../../../../lib/proxy/forward.ts';

/**
 * Same-origin proxy of better-auth on the API (/api/auth/*), so its cookies are first-party on the
 * dashboard's origin: no CORS, no SameSite=None. Redirects (single sign-on, one-time links) pass through
 * as they are, and every Set-Cookie is kept.
 */
export const dynamic = 'force-dynamic';

/** Sign-in bodies are a few hundred bytes. */
const BODY_LIMIT = 16 * 1024;

const authError = (status: number, message: string) => ({
  code: status === 413 ? 'BODY_TOO_LARGE' : 'API_UNREACHABLE',
  message,
});

function proxy(request: Request): Promise<Response> {
  const url = new URL(request.url);
  return forward(request, `${readEnv().API_URL}${url.pathname}${url.search}`, {
    bodyLimit: BODY_LIMIT,
    errorBody: authError,
  });
}

export const GET = proxy;
export const POST = proxy;
