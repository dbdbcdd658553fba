/** Hop-by-hop and encoding headers that must not be copied across the proxy. */
const DROP_REQUEST = new Set([
  'host',
  'connection',
  'content-length',
  'accept-encoding',
  'keep-alive',
  'upgrade',
  'transfer-encoding',
  'cookie',
  'authorization',
]);
const DROP_RESPONSE = new Set([
  'connection',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'keep-alive',
  'set-cookie',
]);

/**
 * The request headers passed upstream: everything but hop-by-hop headers and credentials. Credentials are
 * added back by the caller (see credentials.ts), so only the ones meant for the API cross.
 */
export function upstreamRequestHeaders(source: Headers): Headers {
  const headers = new Headers();
  source.forEach((value, name) => {
    if (!DROP_REQUEST.has(name.toLowerCase())) headers.set(name, value);
  });
  const client = nearestForwardedFor(source.get('x-forwarded-for'));
  if (client) headers.set('x-forwarded-for', client);
  else headers.delete('x-forwarded-for');
  return headers;
}

/**
 * The client's address as the nearest hop saw it: the last X-Forwarded-For entry. Next sets the header to
 * the socket's address only when the request has none, so behind a reverse proxy that appends (nginx
 * `$proxy_add_x_forwarded_for`) the last entry is the real client and earlier ones are whatever the
 * browser claimed. The API's sign-in limits per address count this one.
 */
export function nearestForwardedFor(value: string | null): string | null {
  const last = value?.split(',').at(-1)?.trim();
  return last && /^[0-9A-Fa-f:.]{2,45}$/.test(last) ? last : null;
}

/**
 * The response headers passed back to the browser. Every `Set-Cookie` is appended on its own:
 * `Headers.set` (or a `forEach` copy) would keep only the last one, and better-auth sends several.
 */
export function downstreamResponseHeaders(source: Headers): Headers {
  const headers = new Headers();
  source.forEach((value, name) => {
    if (!DROP_RESPONSE.has(name.toLowerCase())) headers.set(name, value);
  });
  for (const cookie of source.getSetCookie()) headers.append('set-cookie', cookie);
  return headers;
}
