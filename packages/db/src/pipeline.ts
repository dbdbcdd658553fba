import type { SQL } from 'drizzle-orm';
import type postgres from 'postgres';
import { type Db, rowsOf } from './client';

type Rows = Record<string, unknown>[];
type Internals = {
  $client?: Partial<Pick<postgres.Sql, 'reserve'>>;
  dialect?: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
};

/**
 * Runs `statements` one after another in one transaction, then `finish` with their rows: it answers the
 * result (awaited before COMMIT), or throws to roll everything back. Each statement still runs after the one before it has
 * finished, with its own snapshot (READ COMMITTED), exactly as awaited one by one would; but on PostgreSQL
 * they are sent together with BEGIN on one reserved connection (pipelined), so a transaction costs two
 * round trips (the statements, then COMMIT or ROLLBACK) instead of one per statement plus two. Under load
 * every round trip waits for both processes to be scheduled, and rollup rows stay locked until COMMIT, so
 * the trips saved shorten both the request and the time other batches wait on its locks.
 * A failed statement rolls everything back and is thrown (the first one; those after it fail only because
 * the transaction was aborted), unless `finish` throws first when given the rows of the statements that
 * did run (`failed` says which failed: `finish` may prefer its own refusal).
 */
export async function pipelinedTransaction<T>(
  db: Db,
  statements: readonly SQL[],
  finish: (rows: (Rows | undefined)[], failed: boolean) => T | Promise<T>,
): Promise<T> {
  const internals = db as unknown as Internals;
  const reserve = internals.$client?.reserve;
  if (typeof reserve !== 'function' || !internals.dialect) {
    return db.transaction(async (tx) => {
      const rows: Rows[] = [];
      for (const statement of statements) rows.push(await rowsOf(tx, statement));
      return finish(rows, false);
    });
  }
  const dialect = internals.dialect;
  const connection = await reserve.call(internals.$client);
  let open = false;
  try {
    open = true;
    const sent = [
      connection.unsafe('begin').execute(),
      ...statements.map((statement) => {
        const { sql: text, params } = dialect.sqlToQuery(statement);
        return connection
          .unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })
          .execute();
      }),
    ];
    const settled = await Promise.allSettled(sent);
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    const rows = settled.slice(1).map((s) => (s.status === 'fulfilled' ? ([...s.value] as Rows) : undefined));
    const result = await finish(rows, failure !== undefined);
    if (failure) throw failure.reason;
    await connection.unsafe('commit');
    open = false;
    return result;
  } finally {
    // Anything thrown before COMMIT rolls back; a connection that died meanwhile rolled back already.
    if (open) await connection.unsafe('rollback').catch(() => {});
    connection.release();
  }
}
