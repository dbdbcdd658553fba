/**
 * A signed-in person on the API, for test set-up through the same HTTP interface the admin area uses:
 * a one-time sign-in link followed once (its cookies kept), then tRPC calls with those cookies.
 */
export class ApiSession {
  private constructor(
    private readonly apiUrl: string,
    private readonly origin: string,
    private readonly cookie: string,
  ) {}

  /** Follows a one-time sign-in link against the API itself (the link's path works on either origin). */
  static async fromLink(apiUrl: string, link: string): Promise<ApiSession> {
    const url = new URL(link);
    const response = await fetch(`${apiUrl}${url.pathname}${url.search}`, { redirect: 'manual' });
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .filter((pair) => pair && !pair.endsWith('='))
      .join('; ');
    if (!cookie)
      throw new Error(`sign-in link gave no session (${response.status} ${await response.text()})`);
    return new ApiSession(apiUrl, url.origin, cookie);
  }

  /** The session's Cookie header (for requests this class does not make, e.g. an SSE stream). */
  get cookieHeader(): string {
    return this.cookie;
  }

  private headers(): Record<string, string> {
    return { cookie: this.cookie, origin: this.origin, 'content-type': 'application/json' };
  }

  /** A tRPC mutation; fails on anything but success. */
  async mutate<T = unknown>(path: string, input: unknown): Promise<T> {
    const response = await fetch(`${this.apiUrl}/trpc/${path}`, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { result?: { data: T }; error?: unknown };
    if (!response.ok || !body.result) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body.result.data;
  }

  /** A tRPC query; fails on anything but success. */
  async query<T = unknown>(path: string, input?: unknown): Promise<T> {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const response = await fetch(`${this.apiUrl}/trpc/${path}${query}`, { headers: this.headers() });
    const body = (await response.json()) as { result?: { data: T }; error?: unknown };
    if (!response.ok || !body.result) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body.result.data;
  }

  /** A fresh one-time sign-in link for someone (admin.users.signInLink). */
  async signInLink(email: string): Promise<string> {
    return (await this.mutate<{ signInUrl: string }>('admin.users.signInLink', { email })).signInUrl;
  }
}
