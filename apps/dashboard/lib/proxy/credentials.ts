/** The HttpOnly cookie that holds a wallboard's display token in a browser (set by /display/claim). */
export const DISPLAY_COOKIE = 'sb_display';

/** Splits a Cookie header into its name=value pairs, keeping each pair's text as it came. */
function cookiePairs(header: string | null | undefined): { name: string; pair: string }[] {
  if (!header) return [];
  return header
    .split(';')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => ({ name: pair.slice(0, Math.max(0, pair.indexOf('='))).trim(), pair }));
}

/** The value of one cookie from a Cookie header, or null. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  const found = cookiePairs(header).find((c) => c.name === name);
  if (!found) return null;
  const raw = found.pair.slice(found.pair.indexOf('=') + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * The credentials a request carries to the API. A page acting as a signed-in person sends the session
 * cookies as they came, minus the display cookie; the display page (`asDisplay`) sends only its display
 * token, as `Authorization: Bearer <token>`, so a TV page acts as its display even in a browser where
 * someone is also signed in, and a person's page never acts as a display.
 */
export function apiCredentials(
  cookieHeader: string | null | undefined,
  asDisplay = false,
): { cookie?: string; authorization?: string } {
  if (asDisplay) {
    const display = readCookie(cookieHeader, DISPLAY_COOKIE);
    return display ? { authorization: `Bearer ${display}` } : {};
  }
  const rest = cookiePairs(cookieHeader)
    .filter((c) => c.name !== DISPLAY_COOKIE)
    .map((c) => c.pair)
    .join('; ');
  return rest ? { cookie: rest } : {};
}
