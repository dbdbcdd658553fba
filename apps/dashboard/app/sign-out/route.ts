import { readEnv } from '../../env.ts';
import { apiCredentials } from '../../lib/proxy/credentials.ts';

export const dynamic = 'force-dynamic';

/**
 * The header's sign-out button (a plain form POST): ends the session on the API (better-auth's
 * POST /api/auth/sign-out, which clears its cookies), then goes to the sign-in page. A cross-site form
 * cannot sign anyone out: the browser's Origin must be this dashboard's.
 */
export async function POST(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const origin = request.headers.get('origin');
  if (origin && origin !== url.origin && origin !== forwardedOrigin(request)) {
    return new Response('sign-out from another site refused', { status: 403 });
  }
  const response = new Response(null, { status: 303, headers: { location: '/sign-in?signedOut=1' } });
  const headers = new Headers(apiCredentials(request.headers.get('cookie')));
  headers.set('content-type', 'application/json');
  if (origin) headers.set('origin', origin);
  try {
    const upstream = await fetch(`${readEnv().API_URL}/api/auth/sign-out`, {
      method: 'POST',
      headers,
      body: '{}',
      cache: 'no-store',
      redirect: 'manual',
      signal: AbortSignal.timeout(5_000),
    });
    for (const cookie of upstream.headers.getSetCookie()) response.headers.append('set-cookie', cookie);
  } catch {
    // The API is away: the person lands on the sign-in page, which says so if they try again.
  }
  return response;
}

/** The origin the browser saw, when a reverse proxy sits in front (x-forwarded-host/proto). */
function forwardedOrigin(request: Request): string | null {
  const host = request.headers.get('x-forwarded-host');
  if (!host) return null;
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  return `${proto}://${host.split(',')[0]?.trim()}`;
}
