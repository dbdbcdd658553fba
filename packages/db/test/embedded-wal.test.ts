import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_AFTER_BYTES, checkpointIfBehind, createDb, type Database } from '../src/index';

const walBytes = (dir: string) =>
  readdirSync(join(dir, 'pg_wal'), { withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(dir, 'pg_wal', e.name)).size, 0);

describe('the embedded write-ahead log', () => {
  let dir: string;
  let database: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-wal-'));
    database = await createDb({ dataDir: dir });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with a small max_wal_size', async () => {
    const [row] = await database.rows<{ max: string; min: string }>(
      sql`select current_setting('max_wal_size') as max, current_setting('min_wal_size') as min`,
    );
    expect(row).toEqual({ max: '64MB', min: '32MB' });
  });

  it('stays bounded however much is written: a checkpoint recycles the log once it passes the threshold', async () => {
    const client = database.pglite;
    if (!client) throw new Error('expected PGlite');
    await database.rows(sql`create table filler (id int, pad text)`);
    // ~8 MB of rows a round, rewritten each time: 200 MB of log in all without the bound.
    for (let round = 0; round < 25; round++) {
      await database.rows(sql`delete from filler`);
      await database.rows(
        sql`insert into filler select g, repeat(md5(g::text), 25) from generate_series(1, 10000) g`,
      );
      // What the timer does every few seconds in a running API.
      await checkpointIfBehind(client);
      expect(walBytes(dir)).toBeLessThanOrEqual(64 * 1024 * 1024 + 2 * CHECKPOINT_AFTER_BYTES);
    }
    // Without the checkpoints nothing would trim it: single-user PostgreSQL never checkpoints by size.
    const [behind] = await database.rows<{ behind: number }>(
      sql`select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::float8 as behind`,
    );
    expect(Number(behind?.behind)).toBeGreaterThan(150 * 1024 * 1024);
  });
});
