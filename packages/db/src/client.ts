import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { checkDataDir, DataDirDamagedError } from './data-dir-check';
import { boundEmbeddedWal, EMBEDDED_WAL_PARAMS } from './embedded-wal';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** The Drizzle database, whichever driver is behind it. Services take this as their first argument. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DbOptions =
  /** PostgreSQL through postgres.js. */
  | { url: string; poolSize?: number }
  /**
   * Embedded PGlite: data in `dataDir`, or in memory when it is omitted; `loadDataDir` fills a new folder
   * from a backup (`dumpDataDir`'s tarball) first.
   */
  | { dataDir?: string; loadDataDir?: Blob };

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Runs SQL and returns its rows, the same shape on both drivers. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** The postgres.js client when on PostgreSQL (LISTEN/NOTIFY, COPY); undefined on PGlite. */
  pg?: postgres.Sql;
  /** The PGlite instance when embedded. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/** An arbitrary constant for the advisory lock that serialises migrations across API instances. */
const MIGRATION_LOCK_KEY = 715_111;

type Unsafe = (text: string, params: unknown[], options: { prepare: boolean }) => Promise<unknown[]>;
type Internals = {
  $client?: { unsafe?: Unsafe };
  dialect?: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
};

/**
 * Runs SQL and returns its rows: PGlite answers `{ rows }`, postgres.js an array; this is the one place that
 * knows. On PostgreSQL (outside a transaction) the statement is prepared once per connection and reused:
 * the ingestion and query statements are long CTEs whose text never changes, so planning them on every
 * request would cost more than running them.
 */
export async function rowsOf<T extends Record<string, unknown>>(
  db: Pick<Db, 'execute'>,
  query: SQL,
): Promise<T[]> {
  // Drizzle keeps the driver client and its SQL dialect on the database object (not in its public types).
  const internals = db as unknown as Internals;
  const unsafe = internals.$client?.unsafe;
  if (typeof unsafe === 'function' && internals.dialect) {
    const { sql: text, params } = internals.dialect.sqlToQuery(query);
    return [...(await unsafe.call(internals.$client, text, params, { prepare: true }))] as T[];
  }
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return [...result] as T[];
  return (result as { rows: T[] }).rows;
}

/** Bytes gathered before a chunk of COPY output is handed on (postgres.js delivers one row per message). */
const COPY_CHUNK_BYTES = 64 * 1024;

/**
 * Runs `copy (<query>) to stdout with (format csv)` and yields its output a chunk at a time: the database
 * writes the CSV text, so nothing is built per row in JavaScript. On PostgreSQL the rows stream with
 * back-pressure (postgres.js pauses the socket while the consumer waits); on PGlite the whole output of
 * the statement arrives as one blob, so callers keep each statement to a bounded page. A consumer that
 * stops early (`return()`) lets the statement run to its end, its output discarded: the connection goes
 * back to the pool clean. `query` is plain SQL text (COPY takes no parameters): quote values with
 * `sqlLiteral`.
 */
export async function* copyOut(db: Pick<Db, 'execute'>, query: string): AsyncGenerator<Uint8Array> {
  const copy = `copy (${query}) to stdout with (format csv)`;
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof PGlite) {
    const result = await client.query(copy.replace(/to stdout/, `to '/dev/blob'`));
    if (result.blob && result.blob.size > 0) yield new Uint8Array(await result.blob.arrayBuffer());
    return;
  }
  const stream = await (client as postgres.Sql).unsafe(copy).readable();
  let parts: Buffer[] = [];
  let size = 0;
  let ended = false;
  try {
    for await (const part of stream.iterator({ destroyOnReturn: false })) {
      parts.push(part as Buffer);
      size += (part as Buffer).length;
      if (size >= COPY_CHUNK_BYTES) {
        const chunk = Buffer.concat(parts, size);
        parts = [];
        size = 0;
        yield chunk;
      }
    }
    ended = true;
    if (size > 0) yield Buffer.concat(parts, size);
  } finally {
    if (!ended && !stream.destroyed) {
      stream.on('data', () => {});
      await new Promise<void>((resolve) => {
        stream.once('end', resolve);
        stream.once('close', resolve);
        stream.once('error', () => resolve());
      });
    }
    // postgres.js pauses its socket when a row does not fit the stream's buffer and resumes it from the
    // stream's read(); when that row was the last one the stream ends without another read(), and the
    // connection would wait forever for the statement's end. One more read() resumes it.
    stream._read(0);
  }
}

/** A text value as an SQL string literal (standard_conforming_strings, PostgreSQL's default and PGlite's). */
export function sqlLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('a NUL cannot be in an SQL literal');
  return `'${value.replaceAll("'", "''")}'`;
}

/** Opens the database and applies any pending migrations. */
export async function createDb(options: DbOptions = {}): Promise<Database> {
  if ('url' in options) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options.dataDir, options.loadDataDir);
}

async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) checkDataDir(dataDir);
  const client = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    startParams: EMBEDDED_WAL_PARAMS,
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  try {
    await client.waitReady;
  } catch (error) {
    if (!dataDir) throw error;
    throw new DataDirDamagedError(dataDir, `the database did not start: ${(error as Error).message}`);
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
  // In memory the log is memory: bounded too.
  const stopWalBound = boundEmbeddedWal(client);
  return {
    db,
    driver: 'pglite',
    pglite: client,
    rows: (query) => rowsOf(db, query),
    close: () => {
      stopWalBound();
      return client.close();
    },
  };
}

/**
 * While the server is away (a restart, a failover) every connection attempt fails; postgres.js waits longer
 * after each failure of the pool, by default up to 20 s, so an instance would stay unable to reach a server
 * that came back long ago. Here the wait grows from 50 ms to at most 1 s (with jitter), and a connection
 * attempt gives up after 10 s, so requests fail fast (503) during an outage and recover within a second.
 * The LISTEN connection (live/hub.ts) inherits these settings.
 */
const RECONNECT = {
  onnotice: () => {},
  connect_timeout: 10,
  backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1) * (0.5 + Math.random() / 2),
} satisfies postgres.Options<Record<string, never>>;

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // JIT off: every statement here is short, and when the planner cannot size a set (unnested arrays) it
  // can spend seconds compiling a query that runs in milliseconds.
  const client = postgres(url, {
    ...RECONNECT,
    max: poolSize,
    onnotice: () => {},
    idle_timeout: 30,
    // DateStyle ISO (PostgreSQL's default, stated): the calls export writes timestamps as their text.
    connection: { jit: 'off', DateStyle: 'ISO, MDY' },
  });
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres(migrator), { migrationsFolder: MIGRATIONS_FOLDER });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await migrator.end();
  }
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    pg: client,
    rows: (query) => rowsOf(db, query),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * True when the database answers and every migration has been applied. On PostgreSQL within `timeoutMs`, so
 * that a readiness probe answers "not ready" while the server is away instead of hanging with the requests
 * queued for a connection; PGlite is in the process (it cannot be away) and answers after the statement it
 * is running, however long a large batch takes.
 */
export async function isReady(
  database: Pick<Database, 'rows' | 'driver'>,
  timeoutMs = 2_000,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const check = database.rows(sql`select 1 from sites limit 1`).then(
    () => true,
    () => false,
  );
  if (database.driver === 'pglite') return check;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
