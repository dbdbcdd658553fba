import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The bearer token of `GET /backup`: derived from the auth secret, which on the embedded database lives in
 * DATA_DIR/auth-secret. Whoever can read the data folder can take a backup of it, and nobody else.
 */
export const backupToken = (secret: string) =>
  createHmac('sha256', secret).update('switchboard backup').digest('base64url');

export function isBackupToken(header: string | undefined, secret: string): boolean {
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(backupToken(secret));
  return a.length === b.length && timingSafeEqual(a, b);
}
