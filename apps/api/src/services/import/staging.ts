import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { CallEvent } from '@switchboard/contracts';
import type { Database } from '@switchboard/db';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { STAGED_ROLLUPS_TABLE } from '../rollups/call-rollups-sql.ts';
import { EVENT_COLUMNS, ImportPart, ROLLUP_COLUMNS } from './part.ts';

/** Rows on their way into call_events when a part meets a duplicate: a temporary table gone at commit. */
export const CREATE_STAGING = `create temp table import_staging (
  site_id text not null, call_id text not null, kind call_event_kind not null, at timestamptz not null,
  wait_ms integer, queue text not null, agent_id text) on commit drop`;
const COPY_EVENTS = `copy call_events (${EVENT_COLUMNS})`;
const COPY_STAGING = `copy import_staging (${EVENT_COLUMNS})`;
const COPY_ROLLUPS = `copy import_rollups (${ROLLUP_COLUMNS})`;
/** work_mem of the import's transaction only (bench/csv.ts: a million events' final statement took half as long). */
const IMPORT_WORK_MEM = '128MB';
/**
 * Rows per part, moved into call_events at a time (some 5 MB of CSV): the next part is read and checked
 * while the database moves this one, and memory stays bounded at two parts.
 */
export const PART_ROWS = 90_000;

/** Takes checked call events and moves them into call_events a part at a time. */
export interface PartWriter {
  write(events: readonly CallEvent[]): Promise<void>;
}

const dialect = new PgDialect();
/**
 * How a part reaches the rollups. `fromStaged` when its COPY straight into call_events succeeded (every
 * event new): the rollups add the part's rows as counted in TypeScript (import_rollups), and the live
 * views are woken. `safe` when that COPY met a unique violation (an event already stored, or one twice in
 * the file) and was undone: the part goes through import_staging, duplicates skipped, and the rollups add
 * the rows actually inserted; it returns `accepted`.
 */
export interface Finish {
  fromStaged: SQL;
  safe: SQL;
}
const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === UNIQUE_VIOLATION;

type Query = { sql: string; params: unknown[] };
type Accepted = { accepted: number };
/** What the import needs of a driver inside its open transaction. */
interface StagingTx {
  /** COPY FROM STDIN (`copy`: the statement up to FROM) of CSV text. */
  copy(copy: string, csv: string): Promise<void>;
  /** The same behind a savepoint, undone if it throws. */
  copyOrUndo(copy: string, csv: string): Promise<void>;
  run(query: Query): Promise<Accepted[]>;
}

/** Moves one part into call_events and the rollups (see Finish); returns the rows accepted. */
async function movePart(tx: StagingTx, part: ImportPart, finish: Finish): Promise<number> {
  const events = part.eventsCsv();
  // Counted before the COPY, so that the database goes from one statement to the next without waiting.
  const rollups = part.rollupsCsv();
  try {
    await tx.copyOrUndo(COPY_EVENTS, events);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.copy(COPY_STAGING, events);
    const rows = await tx.run(dialect.sqlToQuery(finish.safe));
    await tx.run({ sql: 'truncate import_staging', params: [] });
    return Number(rows[0]?.accepted ?? 0);
  }
  await tx.copy(COPY_ROLLUPS, rollups);
  await tx.run(dialect.sqlToQuery(finish.fromStaged));
  await tx.run({ sql: 'truncate import_rollups', params: [] });
  return part.rows;
}

/**
 * Moves what `feed` writes into call_events a part at a time, in one transaction: while the database moves
 * one part, `feed` reads and checks the next, so the JavaScript and the database work at once. Anything
 * thrown rolls everything back. Returns the rows accepted.
 */
async function pipeline(
  tx: StagingTx,
  feed: (writer: PartWriter) => Promise<void>,
  options: { siteId: string; finish: Finish; partRows: number },
) {
  let accepted = 0;
  let moving: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  let part = new ImportPart(options.siteId);
  const flush = async () => {
    await moving;
    if (failure) throw failure.error;
    const full = part;
    part = new ImportPart(options.siteId);
    moving = movePart(tx, full, options.finish).then(
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
      async write(events) {
        for (const event of events) part.add(event);
        if (part.rows >= options.partRows) await flush();
      },
    });
    if (part.rows > 0) await flush();
  } finally {
    // No statement may still be running when the transaction ends (committed or rolled back).
    await moving;
  }
  if (failure) throw failure.error;
  return accepted;
}

/** COPY FROM STDIN through postgres.js (`sql` is the transaction or a savepoint in it). */
async function copyFromStdin(
  sql: { unsafe: (q: string) => { writable(): Promise<Writable> } },
  copy: string,
  csv: string,
) {
  const stream = await sql.unsafe(`${copy} from stdin with (format csv)`).writable();
  stream.end(csv);
  await finished(stream);
}

/**
 * Runs `feed` inside one transaction that has fresh temporary tables for staged events and rollup rows
 * (postgres.js COPY FROM STDIN on PostgreSQL; PGlite's COPY FROM '/dev/blob'), moving what it writes into
 * call_events part by part with `finish` (see Finish). Anything thrown rolls everything back. Returns the
 * rows accepted.
 */
export async function withStaging(
  database: Pick<Database, 'pg' | 'pglite'>,
  feed: (writer: PartWriter) => Promise<void>,
  options: { siteId: string; finish: Finish; partRows?: number },
): Promise<number> {
  const settings = { ...options, partRows: options.partRows ?? PART_ROWS };
  if (database.pg) {
    return database.pg.begin(async (tx) => {
      // Room to sort and group a large import in memory (the default 4 MB spills a million rows to disk).
      await tx.unsafe(`set local work_mem = '${IMPORT_WORK_MEM}'`);
      await tx.unsafe(CREATE_STAGING);
      await tx.unsafe(STAGED_ROLLUPS_TABLE);
      return pipeline(
        {
          copy: (copy, csv) => copyFromStdin(tx, copy, csv),
          // postgres.js fails the whole transaction on any failed query in its scope: a savepoint has its own.
          copyOrUndo: async (copy, csv) => {
            await tx.savepoint((sp) => copyFromStdin(sp, copy, csv));
          },
          run: (q) => tx.unsafe(q.sql, q.params as never[]) as unknown as Promise<Accepted[]>,
        },
        feed,
        settings,
      );
    }) as Promise<number>;
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error('no database driver to import into');
  return pglite.transaction(async (tx) => {
    await tx.exec(CREATE_STAGING);
    await tx.exec(STAGED_ROLLUPS_TABLE);
    const copy = async (statement: string, csv: string) => {
      await tx.query(`${statement} from '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) });
    };
    return pipeline(
      {
        copy,
        async copyOrUndo(statement, csv) {
          await tx.exec('savepoint import_part');
          try {
            await copy(statement, csv);
            await tx.exec('release savepoint import_part');
          } catch (error) {
            await tx.exec('rollback to savepoint import_part');
            throw error;
          }
        },
        run: async (q) => (await tx.query<Accepted>(q.sql, q.params)).rows,
      },
      feed,
      settings,
    );
  });
}
