import { type NextRequest, NextResponse } from 'next/server';
import { readEnv } from './env.ts';
import { safeNextPath, signInPath } from './lib/auth/next-path.ts';
import { encodeSession, fetchSession, SESSION_HEADER } from './lib/auth/session.ts';
import { DISPLAY_COOKIE } from './lib/proxy/credentials.ts';
import { contentSecurityPolicy, isHttps, makeNonce, securityHeaders } from './lib/security/headers.ts';

/**
 * Runs before every page: a fresh CSP nonce and the security headers on the answer, and the sign-in
 * check. A page needs a session (asked of the API over HTTP: the dashboard never opens the database);
 * without one the browser goes to /sign-in?next=<the page>. The sign-in page and the display (wallboard)
 * pages are open: a display proves itself with its own token, checked by the API on every read.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const url = request.nextUrl;
  const https = isHttps(url, request.headers.get('x-forwarded-proto'));
  const nonce = makeNonce();
  const csp = contentSecurityPolicy(nonce, { dev: readEnv().DEV, https });
  const forwarded = new Headers(request.headers);
  forwarded.delete(SESSION_HEADER); // only this file may say who is signed in
  forwarded.set('x-nonce', nonce);
  forwarded.set('content-security-policy', csp);

  // The wallboard: /wallboard (a paired TV, or the pairing code) is open; /wallboard/<board> is open to a
  // display (its token decides what it may read) and needs a session otherwise.
  const wallboard =
    url.pathname === '/wallboard' ||
    url.pathname === '/wallboard/pair' ||
    (url.pathname.startsWith('/wallboard/') && request.cookies.has(DISPLAY_COOKIE));
  const open = url.pathname.startsWith('/display/') || url.pathname === '/display' || wallboard;
  const signInPage = url.pathname === '/sign-in';
  let response: NextResponse;
  if (open) {
    response = NextResponse.next({ request: { headers: forwarded } });
  } else {
    const session = await fetchSession(readEnv().API_URL, request.headers.get('cookie') ?? '');
    const user = session === 'unreachable' ? null : session;
    if (user && signInPage) {
      // Already signed in: straight on to where the sign-in would have led.
      response = NextResponse.redirect(new URL(safeNextPath(url.searchParams.get('next')), url));
    } else if (!user && !signInPage) {
      const target = new URL(signInPath(`${url.pathname}${url.search}`), url);
      // A used or expired one-time link comes back as ?error=INVALID_TOKEN: the sign-in page says so.
      const error = session === 'unreachable' ? 'unreachable' : url.searchParams.get('error');
      if (error && /^[A-Za-z_]{1,40}$/.test(error)) target.searchParams.set('error', error);
      response = NextResponse.redirect(target);
    } else {
      if (user) forwarded.set(SESSION_HEADER, encodeSession(user));
      response = NextResponse.next({ request: { headers: forwarded } });
    }
  }
  response.headers.set('content-security-policy', csp);
  for (const [name, value] of Object.entries(securityHeaders(https))) response.headers.set(name, value);
  response.headers.set('cache-control', 'private, no-store');
  return response;
}

export const config = {
  // Pages only: not the same-origin API proxies (the API answers for those, exports included) nor static assets.
  matcher: [
    '/((?!_next/static|_next/image|favicon.ico|trpc/|display/trpc/|display/claim|api/auth/|export/|import/|sign-out).*)',
  ],
};
