import { DISPLAY_COOKIE } from '../proxy/credentials.ts';

/** Chrome keeps a cookie at most 400 days; a wallboard is re-claimed long before. */
const MAX_AGE_S = 400 * 24 * 60 * 60;

/** The display cookie: HttpOnly (no script reads the token), first-party, Secure over https. */
export function displayCookie(token: string, https: boolean): string {
  return [
    `${DISPLAY_COOKIE}=${encodeURIComponent(token)}`,
    'Path=/',
    `Max-Age=${MAX_AGE_S}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(https ? ['Secure'] : []),
  ].join('; ');
}

/** Display tokens are opaque; anything else in the claim link is refused before it reaches the API. */
export const plausibleToken = (token: string | null): token is string =>
  token !== null && /^[A-Za-z0-9._~-]{16,256}$/.test(token);
