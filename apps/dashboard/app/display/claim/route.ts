import { readEnv } from '../../../env.ts';
import { displayCookie, plausibleToken } from '../../../lib/auth/display-cookie.ts';
import { isHttps, securityHeaders } from '../../../lib/security/headers.ts';

export const dynamic = 'force-dynamic';

/**
 * A display's one link (from the admin area): checks the token with the API, keeps it in an HttpOnly
 * cookie and goes on to the display page, so the token leaves the address bar at once. A token the API
 * does not accept sets nothing.
 */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const https = isHttps(url, request.headers.get('x-forwarded-proto'));
  const token = url.searchParams.get('token');
  // `to=wallboard` (the displays CLI's link): on to the display's board instead of the overview display.
  const page = url.searchParams.get('to') === 'wallboard' ? '/wallboard' : '/display';
  const headers = new Headers({ ...securityHeaders(https), 'cache-control': 'no-store' });
  let outcome: 'ok' | 'invalid' | 'unreachable' = 'invalid';
  if (plausibleToken(token)) {
    try {
      const response = await fetch(`${readEnv().API_URL}/trpc/me.get`, {
        headers: { authorization: `Bearer ${token}` },
        cache: 'no-store',
        signal: AbortSignal.timeout(5_000),
      });
      const body = (await response.json().catch(() => null)) as {
        result?: { data?: { kind?: string } };
      } | null;
      if (response.ok && body?.result?.data?.kind === 'display') outcome = 'ok';
      else if (response.status >= 500) outcome = 'unreachable';
    } catch {
      outcome = 'unreachable';
    }
  }
  if (outcome === 'ok' && token) {
    headers.append('set-cookie', displayCookie(token, https));
    headers.set('location', page);
  } else {
    headers.set('location', `/display?error=${outcome}`);
  }
  return new Response(null, { status: 303, headers });
}
