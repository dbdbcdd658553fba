import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Database } from '@switchboard/db';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

/** Rows on their way into call_events: a temporary table that disappears at commit. */
export const CREATE_STAGING = `create temp table import_staging (
  call_id text not null, kind call_event_kind not null, at timestamptz not null, wait_ms integer,
  queue text, agent_id text) on commit drop`;
const COLUMNS = '(call_id, kind, at, wait_ms, queue, agent_id)';
/** work_mem of the import's transaction only (bench/csv.ts: a million events' final statement took half as long). */
const IMPORT_WORK_MEM = '128MB';

/** Takes CSV text (the staging table's columns, no header) and copies it into the staging table. */
export interface StagingWriter {
  write(csv: string): Promise<void>;
}

const dialect = new PgDialect();
/**
 * The import's final statement: `fast` is tried first (behind a savepoint); if it meets a unique violation
 * (a row already stored, or staged twice) it is undone and `safe` runs instead.
 */
export interface Finish {
  fast: SQL;
  safe: SQL;
}
const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === UNIQUE_VIOLATION;

/** Runs `finish` in an open transaction: `fast` through `savepoint` (undone if it throws), else `safe`. */
async function runFinish<T>(
  finish: Finish,
  run: (query: { sql: string; params: unknown[] }) => Promise<T[]>,
  savepoint: (query: { sql: string; params: unknown[] }) => Promise<T[]>,
): Promise<T[]> {
  try {
    return await savepoint(dialect.sqlToQuery(finish.fast));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return run(dialect.sqlToQuery(finish.safe));
  }
}

/**
 * Runs `feed` inside one transaction that has a fresh staging table, copying what it writes there with
 * COPY (postgres.js COPY FROM STDIN on PostgreSQL; PGlite's COPY FROM '/dev/blob' a few MB at a time),
 * then runs `finish` in the same transaction (see Finish). Anything thrown rolls everything back.
 */
export async function withStaging<T extends Record<string, unknown>>(
  database: Pick<Database, 'pg' | 'pglite'>,
  feed: (writer: StagingWriter) => Promise<void>,
  finish: Finish,
): Promise<T[]> {
  if (database.pg) {
    return database.pg.begin(async (tx) => {
      // Room to sort and group a large import in memory (the default 4 MB spills a million rows to disk).
      await tx.unsafe(`set local work_mem = '${IMPORT_WORK_MEM}'`);
      await tx.unsafe(CREATE_STAGING);
      const copy = await tx.unsafe(`copy import_staging ${COLUMNS} from stdin with (format csv)`).writable();
      try {
        await feed({
          async write(csv) {
            if (!copy.write(csv)) await once(copy, 'drain');
          },
        });
      } catch (error) {
        // Abort the COPY (postgres.js sends CopyFail); the error itself propagates by the throw below.
        copy.on('error', () => {});
        copy.destroy(error as Error);
        throw error;
      }
      copy.end();
      await finished(copy);
      const run = (q: { sql: string; params: unknown[] }) =>
        tx.unsafe(q.sql, q.params as never[]) as unknown as Promise<T[]>;
      // postgres.js fails the whole transaction on any failed query in its scope: a savepoint has its own.
      return runFinish(
        finish,
        run,
        (q) => tx.savepoint((sp) => sp.unsafe(q.sql, q.params as never[])) as never,
      );
    }) as Promise<T[]>;
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error('no database driver to import into');
  return pglite.transaction(async (tx) => {
    await tx.exec(CREATE_STAGING);
    let parts: string[] = [];
    let size = 0;
    const flush = async () => {
      if (parts.length === 0) return;
      await tx.query(`copy import_staging ${COLUMNS} from '/dev/blob' with (format csv)`, [], {
        blob: new Blob(parts),
      });
      parts = [];
      size = 0;
    };
    await feed({
      async write(csv) {
        parts.push(csv);
        size += csv.length;
        if (size >= 4 * 1024 * 1024) await flush();
      },
    });
    await flush();
    const run = async (q: { sql: string; params: unknown[] }) => (await tx.query<T>(q.sql, q.params)).rows;
    return runFinish(finish, run, async (q) => {
      await tx.exec('savepoint import_fast');
      try {
        const rows = await run(q);
        await tx.exec('release savepoint import_fast');
        return rows;
      } catch (error) {
        await tx.exec('rollback to savepoint import_fast');
        throw error;
      }
    });
  });
}
