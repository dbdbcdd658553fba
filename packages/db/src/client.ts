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
  const client = postgres(url, { ...RECONNECT, max: poolSize, idle_timeout: 30, connection: { jit: 'off' } });
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
