import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Env } from '../env.ts';

/**
 * The secret that signs session cookies: BETTER_AUTH_SECRET, or on the embedded database one generated on
 * first start and kept beside the data (DATA_DIR/auth-secret, readable by its owner only), so the one-command
 * demo needs no setup. Several instances on PostgreSQL must share it: there it is required.
 */
export function resolveSecret(env: Env): string {
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  if (env.DATABASE_URL) {
    throw new Error(
      'Invalid configuration:\n  BETTER_AUTH_SECRET: is required with DATABASE_URL (e.g. `openssl rand -base64 48`)',
    );
  }
  const dir = resolve(env.DATA_DIR);
  const file = join(dir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
