import { PGlite } from '@electric-sql/pglite';

/**
 * Keeps the embedded database's write-ahead log small. PGlite runs PostgreSQL in single-user mode, where
 * nothing checkpoints when the log grows (a server's checkpointer would at max_wal_size): the log grew to
 * 1.1 GB over the demo's 4 weeks of history and was only trimmed at shutdown. So the database is started
 * with a small max/min_wal_size (segments recycled after a checkpoint are capped by them), and a timer
 * checkpoints whenever more than CHECKPOINT_AFTER_BYTES of log has been written since the last checkpoint.
 */
export const EMBEDDED_WAL_PARAMS = [
  ...PGlite.defaultStartParams,
  ...['-c', 'max_wal_size=64MB', '-c', 'min_wal_size=32MB'],
];

export const CHECKPOINT_AFTER_BYTES = 32 * 1024 * 1024;

/** Starts the checkpoint timer (unref'd); the answer stops it, to be called before the client closes. */
export function boundEmbeddedWal(client: PGlite, everyMs = 5_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running || client.closed) return;
    running = true;
    void checkpointIfBehind(client)
      .catch(() => {})
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Checkpoints when the log since the last checkpoint exceeds CHECKPOINT_AFTER_BYTES; true if it did. */
export async function checkpointIfBehind(client: PGlite): Promise<boolean> {
  const result = await client.query<{ behind: number }>(
    `select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::float8 as behind from pg_control_checkpoint()`,
  );
  if (Number(result.rows[0]?.behind ?? 0) <= CHECKPOINT_AFTER_BYTES) return false;
  await client.exec('checkpoint');
  return true;
}
