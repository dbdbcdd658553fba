import type { Database } from '@switchboard/db';
import type { Hono } from 'hono';
import type { Access } from '../auth/access.ts';
import { isBackupToken } from './token.ts';

type PGlite = NonNullable<Database['pglite']>;

const refusal = (code: string, httpStatus: number, message: string) => ({
  error: { message, code: -32600, data: { code, httpStatus } },
});

/** A consistent copy of the embedded database as a gzipped tarball (PGlite's own data-folder format). */
export async function dumpEmbedded(pglite: PGlite): Promise<Blob> {
  // Inside a transaction of our own, no other transaction is half-way through while the files are copied.
  return pglite.transaction(async () => pglite.dumpDataDir('gzip'));
}

/**
 * `GET /backup` — for `npm run backup` while the API holds the embedded folder. Only with the backup token
 * (see token.ts); on PostgreSQL there is nothing to take here (pg_dump, docs/deploy.md).
 */
export function mountBackup(app: Hono, pglite: PGlite | undefined, access: Access): void {
  app.get('/backup', async (c) => {
    if (!isBackupToken(c.req.header('authorization'), access.config.secret)) {
      return c.json(
        refusal('UNAUTHORIZED', 401, 'send "Authorization: Bearer <backup token>" (npm run backup)'),
        401,
      );
    }
    if (!pglite) {
      return c.json(
        refusal('NOT_FOUND', 404, 'this API runs on PostgreSQL: back it up with pg_dump (docs/deploy.md)'),
        404,
      );
    }
    const tarball = await dumpEmbedded(pglite);
    return new Response(tarball.stream(), {
      headers: { 'content-type': 'application/gzip', 'cache-control': 'no-store' },
    });
  });
}
