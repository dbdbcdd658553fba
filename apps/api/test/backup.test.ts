import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Database } from '@switchboard/db';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { restoreBackup, takeBackup } from '../src/backup/embedded.ts';
import { readEnv } from '../src/env.ts';
import { startApi } from '../src/server.ts';
import { cli } from './cli-run.ts';
import { leedsCalls, seededFolder } from './embedded-folder.ts';

/** Every table that holds what feeds sent or what was computed from it. */
const TABLES = [
  'sites',
  'api_keys',
  'call_events',
  'call_minute_rollups',
  'call_5min_rollups',
  'call_hour_rollups',
  'call_day_rollups',
  'call_hour_answer_bins',
  'call_day_answer_bins',
  'audit_log',
];

/** Per table: its row count and a checksum of every row. */
async function fingerprint(database: Database) {
  const out: Record<string, unknown> = {};
  for (const table of TABLES) {
    const [row] = await database.rows(
      sql.raw(
        `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from ${table} t`,
      ),
    );
    out[table] = row;
  }
  return out;
}

describe('backup and restore of the embedded database', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'sb-backup-'));
  const cleanups: (() => void)[] = [() => rmSync(scratch, { recursive: true, force: true })];
  afterAll(() => {
    for (const cleanup of cleanups) cleanup();
  });

  it('backs up while the API runs, restores into an empty folder, and the data and rollups are the same', async () => {
    const folder = await seededFolder();
    cleanups.push(folder.cleanup);
    const env = readEnv({ DATA_DIR: folder.dataDir, HOST: '127.0.0.1', API_PORT: '0' });
    const api = await startApi(env);
    const file = join(scratch, 'while-running.tar.gz');
    try {
      const posted = await fetch(`${api.url}/trpc/ingest.callEvents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${folder.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: leedsCalls(400) }),
      });
      expect(posted.status).toBe(200);
      // Without the backup token (derived from the folder's auth secret) there is no backup.
      for (const authorization of [undefined, 'Bearer nope', `Bearer ${folder.key}`]) {
        const refused = await fetch(`${api.url}/backup`, { headers: authorization ? { authorization } : {} });
        expect(refused.status).toBe(401);
        expect(await refused.text()).not.toContain('PGlite');
      }
      // `npm run backup` is another process: the folder is the API's, so it asks the API.
      const taken = await cli('backup', [file], {
        DATA_DIR: folder.dataDir,
        DATABASE_URL: '',
        HOST: '127.0.0.1',
        API_PORT: new URL(api.url).port,
      });
      expect(taken).toMatchObject({ code: 0, stdout: expect.stringMatching(/through the running API/) });
    } finally {
      await api.stop();
    }
    expect(existsSync(`${file}.partial`)).toBe(false);

    const restoredDir = join(scratch, 'restored');
    const restoring = await cli('restore', [file], { DATA_DIR: restoredDir, DATABASE_URL: '' });
    expect(restoring).toMatchObject({ code: 0 });
    const original = await createDb({ dataDir: folder.dataDir });
    const restored = await createDb({ dataDir: restoredDir });
    try {
      const before = await fingerprint(original);
      expect(before.call_events).toMatchObject({ n: 400 });
      expect(await fingerprint(restored)).toEqual(before);
    } finally {
      await original.close();
      await restored.close();
    }
  });

  it('backs up a folder no API holds straight from the folder', async () => {
    const folder = await seededFolder();
    cleanups.push(folder.cleanup);
    const file = join(scratch, 'stopped.tar.gz');
    const taken = await takeBackup(readEnv({ DATA_DIR: folder.dataDir }), file);
    expect(taken.via).toBe('folder');
    await expect(takeBackup(readEnv({ DATA_DIR: folder.dataDir }), file)).rejects.toThrow(/exists already/);
  });

  it('never restores over data, and refuses PostgreSQL with the pg_dump hint', async () => {
    const folder = await seededFolder();
    cleanups.push(folder.cleanup);
    const file = join(scratch, 'any.tar.gz');
    writeFileSync(file, 'not a backup');
    const before = readdirSync(folder.dataDir).sort();
    await expect(restoreBackup(readEnv({ DATA_DIR: folder.dataDir }), file)).rejects.toThrow(/is not empty/);
    expect(readdirSync(folder.dataDir).sort()).toEqual(before);
    const env = readEnv({ DATA_DIR: join(scratch, 'pg'), DATABASE_URL: 'postgres://x@127.0.0.1:1/x' });
    await expect(restoreBackup(env, file)).rejects.toThrow(/pg_dump/);
    await expect(takeBackup(env, join(scratch, 'pg.tar.gz'))).rejects.toThrow(/pg_dump/);
  });

  it('refuses a file that is not a backup and keeps nothing of it', async () => {
    const file = join(scratch, 'garbage.tar.gz');
    writeFileSync(file, 'not a backup at all');
    const target = join(scratch, 'from-garbage');
    await expect(restoreBackup(readEnv({ DATA_DIR: target }), file)).rejects.toThrow(/could not be restored/);
    expect(existsSync(target)).toBe(false);
  });
});
