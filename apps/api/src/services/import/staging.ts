import { finished } from 'node:stream/promises';
import type { Database } from '@switchboard/db';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

/** Rows on their way into call_events: a temporary table that disappears at commit. */
export const CREATE_STAGING = `create temp table import_staging (
  call_id text not null, kind call_event_kind not null, at timestamptz not null, wait_ms integer,
  queue text, agent_id text) on commit drop`;
const COPY_STAGING = 'copy import_staging (call_id, kind, at, wait_ms, queue, agent_id)';
/** work_mem of the import's transaction only (bench/csv.ts: a million events' final statement took half as long). */
const IMPORT_WORK_MEM = '128MB';
/**
 * Characters of CSV staged and moved into call_events at a time (some 90,000 rows): the next part is read
 * and checked while the database moves this one, and memory stays bounded at two parts.
 */
const PART_CHARS = 5 * 1024 * 1024;

/** Takes CSV text (the staging table's columns, no header) and copies it into the staging table. */
export interface StagingWriter {
  write(csv: string): Promise<void>;
}

const dialect = new PgDialect();
/**
 * The statement that moves the staged rows into call_events and the rollups and returns `accepted`:
 * `fast` is tried first (behind a savepoint); if it meets a unique violation (a row already stored, or
 * staged twice) it is undone and `safe` runs instead.
 */
export interface Finish {
  fast: SQL;
  safe: SQL;
}
const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === UNIQUE_VIOLATION;

type Query = { sql: string; params: unknown[] };
type Accepted = { accepted: number };
/** What the import needs of a driver inside its open transaction. */
interface StagingTx {
  copy(csv: string): Promise<void>;
  run(query: Query): Promise<Accepted[]>;
  /** Runs `query` behind a savepoint, undone if it throws. */
  savepoint(query: Query): Promise<Accepted[]>;
}

/** Moves the staged part into call_events (the fast way first) and empties the staging table. */
async function movePart(tx: StagingTx, csv: string, finish: Finish): Promise<number> {
  await tx.copy(csv);
  let rows: Accepted[];
  try {
    rows = await tx.savepoint(dialect.sqlToQuery(finish.fast));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    rows = await tx.run(dialect.sqlToQuery(finish.safe));
  }
  await tx.run({ sql: 'truncate import_staging', params: [] });
  return Number(rows[0]?.accepted ?? 0);
}

/**
 * Feeds `feed`'s CSV through the staging table into call_events a part at a time, in one transaction:
 * while the database moves one part (COPY, then `finish`), `feed` reads and checks the next, so the
 * JavaScript and the database work at once. Anything thrown rolls everything back. Returns the rows
 * accepted.
 */
async function pipeline(tx: StagingTx, feed: (writer: StagingWriter) => Promise<void>, finish: Finish) {
  let accepted = 0;
  let moving: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  let parts: string[] = [];
  let size = 0;
  const flush = async () => {
    await moving;
    if (failure) throw failure.error;
    const csv = parts.join('');
    parts = [];
    size = 0;
    moving = movePart(tx, csv, finish).then(
      (n) => {
        accepted += n;
      },
      (error: unknown) => {
        failure = { error };
      },
    );
  };
  try {
    await feed({
      async write(csv) {
        parts.push(csv);
        size += csv.length;
        if (size >= PART_CHARS) await flush();
      },
    });
    if (size > 0) await flush();
  } finally {
    // No statement may still be running when the transaction ends (committed or rolled back).
    await moving;
  }
  if (failure) throw failure.error;
  return accepted;
}

/**
 * Runs `feed` inside one transaction that has a fresh staging table (postgres.js COPY FROM STDIN on
 * PostgreSQL; PGlite's COPY FROM '/dev/blob'), moving what it writes into call_events part by part with
 * `finish` (see Finish). Anything thrown rolls everything back. Returns the rows accepted.
 */
export async function withStaging(
  database: Pick<Database, 'pg' | 'pglite'>,
  feed: (writer: StagingWriter) => Promise<void>,
  finish: Finish,
): Promise<number> {
  if (database.pg) {
    return database.pg.begin(async (tx) => {
      // Room to sort and group a large import in memory (the default 4 MB spills a million rows to disk).
      await tx.unsafe(`set local work_mem = '${IMPORT_WORK_MEM}'`);
      await tx.unsafe(CREATE_STAGING);
      const run = (q: Query) => tx.unsafe(q.sql, q.params as never[]) as unknown as Promise<Accepted[]>;
      return pipeline(
        {
          async copy(csv) {
            const copy = await tx.unsafe(`${COPY_STAGING} from stdin with (format csv)`).writable();
            copy.end(csv);
            await finished(copy);
          },
          run,
          // postgres.js fails the whole transaction on any failed query in its scope: a savepoint has its own.
          savepoint: (q) =>
            tx.savepoint((sp) => sp.unsafe(q.sql, q.params as never[])) as unknown as Promise<Accepted[]>,
        },
        feed,
        finish,
      );
    }) as Promise<number>;
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error('no database driver to import into');
  return pglite.transaction(async (tx) => {
    await tx.exec(CREATE_STAGING);
    const run = async (q: Query) => (await tx.query<Accepted>(q.sql, q.params)).rows;
    return pipeline(
      {
        async copy(csv) {
          await tx.query(`${COPY_STAGING} from '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) });
        },
        run,
        async savepoint(q) {
          await tx.exec('savepoint import_fast');
          try {
            const rows = await run(q);
            await tx.exec('release savepoint import_fast');
            return rows;
          } catch (error) {
            await tx.exec('rollback to savepoint import_fast');
            throw error;
          }
        },
      },
      feed,
      finish,
    );
  });
}
