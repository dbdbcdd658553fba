/**
 * Where to go after signing in: a path on this dashboard, never another origin (`//evil`, `/\evil`,
 * `https://…`), never the sign-in page itself. Anything else goes to the overview.
 */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || value.length > 2_000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if ([...value].some((c) => c === '\\' || c.charCodeAt(0) < 0x20)) return '/';
  let parsed: URL;
  try {
    parsed = new URL(value, 'http://dashboard.invalid');
  } catch {
    return '/';
  }
  if (parsed.origin !== 'http://dashboard.invalid') return '/';
  if (parsed.pathname === '/sign-in' || parsed.pathname.startsWith('/api/auth/')) return '/';
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** The sign-in page's address that returns to `path` afterwards. */
export function signInPath(path: string): string {
  const next = safeNextPath(path);
  return next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
}
