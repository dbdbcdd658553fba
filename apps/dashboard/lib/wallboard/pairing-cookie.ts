/** The HttpOnly cookie a TV keeps its pairing secret in while its code waits for approval (10 min). */
export const PAIRING_COOKIE = 'sb_pairing';

export function pairingCookie(secret: string, https: boolean, maxAgeS = 600): string {
  return [
    `${PAIRING_COOKIE}=${encodeURIComponent(secret)}`,
    'Path=/wallboard',
    `Max-Age=${maxAgeS}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(https ? ['Secure'] : []),
  ].join('; ');
}
