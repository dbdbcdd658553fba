import { readEnv } from '../../../env.ts';
import { displayCookie } from '../../../lib/auth/display-cookie.ts';
import { readCookie } from '../../../lib/proxy/credentials.ts';
import { nearestForwardedFor } from '../../../lib/proxy/headers.ts';
import { isHttps, securityHeaders } from '../../../lib/security/headers.ts';
import { PAIRING_COOKIE, pairingCookie } from '../../../lib/wallboard/pairing-cookie.ts';

export const dynamic = 'force-dynamic';

/**
 * Pairing a TV without a keyboard. POST: asks the API for a code to show (its secret stays in an HttpOnly
 * cookie). GET: asks whether a manager approved the code; once approved, the display token goes straight
 * into the HttpOnly display cookie (as /display/claim does), so no script on the TV ever holds it.
 */
async function callApi(
  path: string,
  input: unknown,
  request: Request,
): Promise<{ status: number; data: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const client = nearestForwardedFor(request.headers.get('x-forwarded-for'));
  if (client) headers['x-forwarded-for'] = client;
  const response = await fetch(`${readEnv().API_URL}/trpc/${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(input),
    cache: 'no-store',
    signal: AbortSignal.timeout(5_000),
  });
  const body = (await response.json().catch(() => null)) as { result?: { data?: unknown } } | null;
  return { status: response.status, data: body?.result?.data };
}

function answer(request: Request, body: unknown, status = 200, cookies: string[] = []): Response {
  const https = isHttps(new URL(request.url), request.headers.get('x-forwarded-proto'));
  const headers = new Headers({
    ...securityHeaders(https),
    'cache-control': 'no-store',
    'content-type': 'application/json',
  });
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response(JSON.stringify(body), { status, headers });
}

const httpsOf = (request: Request) => isHttps(new URL(request.url), request.headers.get('x-forwarded-proto'));

export async function POST(request: Request): Promise<Response> {
  if (request.headers.get('sec-fetch-site') === 'cross-site')
    return answer(request, { state: 'refused' }, 403);
  const screen = new URL(request.url).searchParams.get('screen') ?? '';
  try {
    const { status, data } = await callApi(
      'displays.pairing.start',
      { screen: /^\d{1,5}x\d{1,5}$/.test(screen) ? screen : '0x0' },
      request,
    );
    const started = data as { code?: string; secret?: string; expiresAt?: string } | undefined;
    if (status !== 200 || !started?.code || !started.secret)
      return answer(request, { state: 'unavailable', status }, 503);
    return answer(request, { state: 'waiting', code: started.code, expiresAt: started.expiresAt }, 200, [
      pairingCookie(started.secret, httpsOf(request)),
    ]);
  } catch {
    return answer(request, { state: 'unavailable' }, 503);
  }
}

export async function GET(request: Request): Promise<Response> {
  const secret = readCookie(request.headers.get('cookie'), PAIRING_COOKIE);
  if (!secret) return answer(request, { state: 'expired' });
  try {
    const { status, data } = await callApi('displays.pairing.claim', { secret }, request);
    const claimed = data as { state?: string; token?: string } | undefined;
    if (status !== 200 || !claimed?.state)
      return answer(request, { state: status === 400 ? 'expired' : 'unavailable' });
    if (claimed.state === 'paired' && claimed.token) {
      return answer(request, { state: 'paired' }, 200, [
        displayCookie(claimed.token, httpsOf(request)),
        pairingCookie('', httpsOf(request), 0),
      ]);
    }
    if (claimed.state === 'expired')
      return answer(request, { state: 'expired' }, 200, [pairingCookie('', httpsOf(request), 0)]);
    return answer(request, { state: 'waiting' });
  } catch {
    return answer(request, { state: 'unavailable' });
  }
}
