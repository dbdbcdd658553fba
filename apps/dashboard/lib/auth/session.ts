/** The signed-in person as the dashboard's pages see it. */
export interface SessionUser {
  name: string;
  email: string;
  role: string;
}

/** The header the sign-in check (proxy.ts) hands the session to the pages in; never taken from a browser. */
export const SESSION_HEADER = 'x-switchboard-user';

const TIMEOUT_MS = 5_000;

/**
 * Asks the API whose session a Cookie header carries (better-auth's GET /api/auth/get-session).
 * `null`: nobody is signed in; 'unreachable': the API did not answer.
 */
export async function fetchSession(
  apiUrl: string,
  cookieHeader: string,
): Promise<SessionUser | null | 'unreachable'> {
  if (!cookieHeader) return null;
  let response: Response;
  try {
    response = await fetch(`${apiUrl}/api/auth/get-session`, {
      headers: { cookie: cookieHeader, accept: 'application/json' },
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return 'unreachable';
  }
  if (response.status >= 500) return 'unreachable';
  if (!response.ok) return null;
  const body = (await response.json().catch(() => null)) as {
    user?: { name?: unknown; email?: unknown; role?: unknown };
  } | null;
  const user = body?.user;
  if (!user || typeof user.email !== 'string') return null;
  return {
    email: user.email,
    name: typeof user.name === 'string' && user.name ? user.name : user.email,
    role: typeof user.role === 'string' ? user.role : 'viewer',
  };
}

/** The session as one header value (base64url JSON), and back. */
export const encodeSession = (user: SessionUser): string =>
  Buffer.from(JSON.stringify(user), 'utf8').toString('base64url');

export function decodeSession(value: string | null): SessionUser | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as SessionUser;
    return typeof parsed.email === 'string' ? parsed : null;
  } catch {
    return null;
  }
}
