import { headers } from 'next/headers';
import { decodeSession, SESSION_HEADER, type SessionUser } from './session.ts';

/** The signed-in person, as the sign-in check (proxy.ts) found them for this request; null on open pages. */
export async function currentUser(): Promise<SessionUser | null> {
  return decodeSession((await headers()).get(SESSION_HEADER));
}
