/** What the sign-in page offers besides email and password. */
export interface SignInOptions {
  /** Single sign-on (e.g. NHSmail / Entra ID), when the API has it configured. */
  sso: { providerId: string; label: string } | null;
}

/** Asks the API (public `auth.options`) whether single sign-on is configured; password only if unsure. */
export async function fetchSignInOptions(apiUrl: string): Promise<SignInOptions> {
  try {
    const response = await fetch(`${apiUrl}/trpc/auth.options`, {
      cache: 'no-store',
      signal: AbortSignal.timeout(3_000),
    });
    if (!response.ok) return { sso: null };
    const body = (await response.json()) as { result?: { data?: Partial<SignInOptions> } };
    const sso = body.result?.data?.sso;
    return sso && typeof sso.providerId === 'string' && typeof sso.label === 'string'
      ? { sso: { providerId: sso.providerId, label: sso.label } }
      : { sso: null };
  } catch {
    return { sso: null };
  }
}
