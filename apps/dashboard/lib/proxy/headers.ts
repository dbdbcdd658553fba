import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** Headers about one connection only (RFC 9110 §7.6.1): never copied across the proxy. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];
/**
 * Also not passed upstream: the Host (the API's own), the body's length (the proxy sets it), the encodings
 * the browser accepts (the hop to the API is uncompressed), and credentials (added back by the caller from
 * credentials.ts, so only the ones meant for the API cross).
 */
const DROP_REQUEST = new Set([
  ...HOP_BY_HOP,
  'host',
  'content-length',
  'accept-encoding',
  'cookie',
  'authorization',
  'x-forwarded-for',
]);
const DROP_RESPONSE = new Set(HOP_BY_HOP);

/**
 * The request headers passed upstream: everything but hop-by-hop headers and credentials, and the client's
 * address as the nearest hop saw it (`peer` is the socket's address, used when no proxy in front said).
 */
export function upstreamRequestHeaders(source: IncomingHttpHeaders, peer?: string): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined && !DROP_REQUEST.has(name)) headers[name] = value;
  }
  const forwarded = source['x-forwarded-for'];
  const client = nearestForwardedFor(forwarded === undefined ? (peer ?? null) : String(forwarded));
  if (client) headers['x-forwarded-for'] = client;
  return headers;
}

/**
 * The client's address as the nearest hop saw it: the last X-Forwarded-For entry. Behind a reverse proxy
 * that appends (nginx `$proxy_add_x_forwarded_for`) the last entry is the real client and earlier ones are
 * whatever the browser claimed; without one, the socket's address. The API's sign-in limits per address
 * count this one.
 */
export function nearestForwardedFor(value: string | null): string | null {
  const last = value?.split(',').at(-1)?.trim();
  return last && /^[0-9A-Fa-f:.]{2,45}$/.test(last) ? last : null;
}

/**
 * The response headers passed back to the browser: all but hop-by-hop ones. The body passes byte for byte,
 * so its length and encoding stay true, and every `Set-Cookie` is kept (Node gives them as an array).
 */
export function downstreamResponseHeaders(source: IncomingHttpHeaders): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined && !DROP_RESPONSE.has(name)) headers[name] = value;
  }
  return headers;
}
