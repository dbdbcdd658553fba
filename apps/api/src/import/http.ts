import { Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { idField } from '@switchboard/contracts';
import type { Database } from '@switchboard/db';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Access } from '../auth/access.ts';
import { addressOf } from '../auth/http.ts';
import { allows } from '../auth/permissions.ts';
import { actorOf } from '../auth/principal.ts';
import { DomainError, HTTP_STATUS } from '../errors.ts';
import { audit } from '../services/audit.ts';
import { ImportError, importCalls } from '../services/import/calls.ts';

/** Largest CSV upload taken (about six million call events); larger histories go through the CLI. */
export const IMPORT_MAX_BYTES = 256 * 1024 * 1024;

class TooLarge extends Error {}

const refuse = (c: Context, status: ContentfulStatusCode, code: string, message: string, extra = {}) =>
  c.json({ error: { code, message, ...extra } }, status);

/** Counts bytes on the way and fails the stream past `limit`. */
function bounded(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new TooLarge(`the file is larger than ${limit} bytes`));
      else done(null, chunk);
    },
  });
}

/**
 * POST /import/calls.csv?siteId=<id> with the CSV as the body (`content-type: text/csv`): the upload on
 * /admin/import, streamed through the same import as `npm run import -- calls` (all or nothing; a bad row
 * answers 422 with its line). Administrators only; the answer is the import's counts.
 */
export function mountImport(
  app: Hono,
  deps: { database: Pick<Database, 'db' | 'pg' | 'pglite'>; access: Access },
) {
  app.post('/import/calls.csv', async (c) => {
    const principal = await deps.access.principalOf(c.req.raw.headers);
    if (!principal) return refuse(c, 401, 'UNAUTHORIZED', 'sign in first');
    if (principal.kind !== 'user' || !allows(principal, 'admin'))
      return refuse(c, 403, 'FORBIDDEN', 'importing call history needs the admin role');
    const site = idField('siteId').safeParse(c.req.query('siteId'));
    if (!site.success)
      return refuse(c, 400, 'BAD_REQUEST', `siteId: ${site.error.issues[0]?.message ?? 'is required'}`);
    if (!/^text\/csv\b/i.test(c.req.header('content-type') ?? ''))
      return refuse(c, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the file as content-type: text/csv');
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > IMPORT_MAX_BYTES)
      return refuse(c, 413, 'PAYLOAD_TOO_LARGE', `the file is larger than ${IMPORT_MAX_BYTES} bytes`);
    const body = c.req.raw.body;
    if (!body) return refuse(c, 400, 'BAD_REQUEST', 'file: the request has no body');
    const stream = Readable.fromWeb(body as WebReadableStream<Uint8Array>).pipe(bounded(IMPORT_MAX_BYTES));
    try {
      const result = await importCalls(deps.database, {
        siteId: site.data,
        source: { stream, totalBytes: Number.isFinite(declared) ? declared : 0 },
      });
      await audit(deps.database.db, {
        actor: actorOf(principal),
        address: addressOf(c, deps.access),
        action: 'import.calls',
        subject: site.data,
        detail: { rows: result.rows, accepted: result.accepted, duplicates: result.duplicates },
      });
      return c.json({ rows: result.rows, accepted: result.accepted, duplicates: result.duplicates });
    } catch (error) {
      stream.destroy();
      if (error instanceof ImportError)
        return refuse(c, 422, 'BAD_ROW', `${error.message}; nothing was stored`, { line: error.line });
      if (error instanceof TooLarge) return refuse(c, 413, 'PAYLOAD_TOO_LARGE', error.message);
      if (error instanceof DomainError)
        return refuse(c, HTTP_STATUS[error.kind], error.kind.toUpperCase(), error.message);
      console.error('[import] /import/calls.csv:', error);
      return refuse(c, 500, 'INTERNAL_SERVER_ERROR', 'the import failed; nothing was stored');
    }
  });
}
