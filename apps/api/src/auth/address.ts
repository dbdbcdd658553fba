import { isIP } from 'node:net';

/**
 * The client's address: the connection's peer, or — when the peer is a trusted proxy (the dashboard) — the
 * last address in X-Forwarded-For that is not itself a trusted proxy. Anything else in the header is ignored,
 * so a client cannot choose its own address for rate limits or the audit log.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trustedProxies: readonly string[],
): string | null {
  if (!peer) return null;
  if (!trustedProxies.includes(peer) || !forwardedFor) return peer;
  const hops = forwardedFor
    .split(',')
    .map((s) => s.trim())
    .filter((s) => isIP(s) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop && !trustedProxies.includes(hop)) return hop;
  }
  return peer;
}
