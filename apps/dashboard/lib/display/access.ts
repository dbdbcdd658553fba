/** What the API says of this browser's display token. */
export type DisplayAccess =
  | { state: 'checking' }
  | { state: 'ok'; name: string; boardId: string | null }
  | { state: 'revoked' }
  | { state: 'unreachable' };

/**
 * Asks the API who this display is (`me.get` through the display proxy). 401/403: the token is revoked
 * or unknown, and the page must stop and say so; anything else that fails is the API being away.
 */
export async function checkDisplay(signal?: AbortSignal): Promise<DisplayAccess> {
  try {
    const response = await fetch('/display/trpc/me.get', { cache: 'no-store', signal });
    if (response.status === 401 || response.status === 403) return { state: 'revoked' };
    if (!response.ok) return { state: 'unreachable' };
    const body = (await response.json()) as {
      result?: { data?: { kind?: string; name?: string; boardId?: string | null } };
    };
    const me = body.result?.data;
    if (me?.kind !== 'display') return { state: 'revoked' };
    return { state: 'ok', name: me.name ?? 'Display', boardId: me.boardId ?? null };
  } catch {
    return { state: 'unreachable' };
  }
}
