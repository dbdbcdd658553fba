import { type Db, rowsOf } from '@switchboard/db';
import { sql } from 'drizzle-orm';

/** The retention mark of the raw call events and queue snapshots (see retention_marks). */
export const RAW_MARK = 'raw';
/**
 * Call rollups before this mark lack the 60 s split of abandoned calls (IUC ADC B04, B05): their raw events
 * had been pruned when the split was added (migration 0017 records it; absent when nothing had been).
 */
export const SPLIT_60S_MARK = 'abandoned_after_60s';

export interface PruneOptions {
  /** Raw rows before the London midnight at or before this instant are deleted. */
  olderThan: Date;
  /** Rows deleted per statement: each is a short transaction, so ingestion runs between them. */
  batchSize?: number;
  /** Pause between statements, so a long backlog never holds the (embedded, single) connection. */
  pauseMs?: number;
  /** Stops between batches when aborted (shutdown). */
  signal?: AbortSignal;
}

const RAW_TABLES = ['call_events', 'queue_snapshots'] as const;

/**
 * Deletes raw call events and queue snapshots older than the London day that holds `olderThan`, in small
 * batches; minute/hour/day rollups, incidents and statuses are kept. The mark is raised first (never
 * lowered), so a rollup rebuild that runs meanwhile already leaves the older rollups alone. Answers the
 * number of rows deleted.
 */
export async function pruneRawData(db: Db, options: PruneOptions): Promise<number> {
  const batchSize = options.batchSize ?? 5_000;
  const pauseMs = options.pauseMs ?? 50;
  const [mark] = await rowsOf<{ before: string }>(
    db,
    sql`
    insert into retention_marks (name, before)
    values (${RAW_MARK}, (date_trunc('day', ${options.olderThan.toISOString()}::timestamptz at time zone 'Europe/London')
      at time zone 'Europe/London'))
    on conflict (name) do update set before = greatest(retention_marks.before, excluded.before)
    returning to_char(before at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as before`,
  );
  if (!mark) return 0;
  let deleted = 0;
  for (const table of RAW_TABLES) {
    const before = deleted;
    for (;;) {
      if (options.signal?.aborted) return deleted;
      // ctid batches: one short statement each, on both PGlite and PostgreSQL, with no need for a key.
      const [row] = await rowsOf<{ n: number }>(
        db,
        sql`
        with gone as (
          delete from ${sql.identifier(table)} where ctid in (
            select ctid from ${sql.identifier(table)} where at < ${mark.before}::timestamptz limit ${batchSize})
          returning 1)
        select count(*)::int as n from gone`,
      );
      const n = Number(row?.n ?? 0);
      deleted += n;
      if (n < batchSize) break;
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    // The embedded database has no autovacuum (single-user mode): without this the freed space would never
    // be reused and the folder would grow as if nothing were deleted. The second pass hands the index pages
    // the first one emptied to the free-space map (B-tree pages are recycled one vacuum later). Harmless
    // beside PostgreSQL's own autovacuum.
    if (deleted > before && !options.signal?.aborted)
      for (let pass = 0; pass < 2; pass++) await db.execute(sql`vacuum ${sql.identifier(table)}`);
  }
  return deleted;
}

/**
 * Reclaims the old row versions that folding heartbeats into runs leaves (each extends its run's
 * last_seen_at, an indexed column, so the update is not in place). PostgreSQL's autovacuum does this
 * anyway; the embedded database has none, so the job below runs it every pass (the table holds one row
 * per status change, so a pass is short), and the space is reused instead of growing with every heartbeat.
 */
export async function vacuumStatusRuns(db: Db): Promise<void> {
  await db.execute(sql`vacuum system_status`);
}

/** The instant before which raw data has been pruned, or null if it never was. */
export async function rawPrunedBefore(db: Db): Promise<string | null> {
  const [row] = await rowsOf<{ before: string }>(db, rawMarkQuery());
  return row?.before ?? null;
}

/** Epoch ms before which the call rollups lack the 60 s split of abandoned calls, or null (known throughout). */
export async function abandonedSplitFrom(db: Db): Promise<number | null> {
  const [row] = await rowsOf<{ before: string }>(
    db,
    sql`select to_char(before at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as before
      from retention_marks where name = ${SPLIT_60S_MARK}`,
  );
  return row ? Date.parse(row.before) : null;
}

/** The statement behind rawPrunedBefore: no row, or one row whose `before` is that instant (ISO, UTC). */
export const rawMarkQuery = () =>
  sql`select to_char(before at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as before
    from retention_marks where name = ${RAW_MARK}`;

/**
 * The retention job: prunes raw data older than `days` (0: none) and vacuums the status runs (see
 * vacuumStatusRuns) once soon after start and then every `everyMs`,
 * one pass at a time, in small batches (see pruneRawData). Safe on every instance at once: a deleted row
 * is deleted once, and the mark only rises. `stop` waits for a pass under way to end at its next batch.
 */
export function createRetentionJob(
  db: Db,
  options: { days: number; everyMs?: number; firstAfterMs?: number; log?: (line: string) => void },
) {
  const controller = new AbortController();
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const pass = async () => {
    const olderThan = new Date(Date.now() - options.days * 86_400_000);
    try {
      if (options.days > 0) {
        const n = await pruneRawData(db, { olderThan, signal: controller.signal });
        if (n > 0) options.log?.(`retention: deleted ${n} raw rows from before ${olderThan.toISOString()}`);
      }
      if (!controller.signal.aborted) await vacuumStatusRuns(db);
    } catch (error) {
      options.log?.(`retention: pass failed, retried later: ${(error as Error).message}`);
    }
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = pass().finally(() => {
        running = null;
        if (!controller.signal.aborted) schedule(options.everyMs ?? 3_600_000);
      });
    }, ms);
    timer.unref();
  };
  return {
    start() {
      schedule(options.firstAfterMs ?? 60_000);
    },
    async stop() {
      controller.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
