import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, DataDirBusyError, DataDirDamagedError, isReady, lockDataDir, sites } from '../src/index';
import { createTestDb, type TestDatabase, testBackends } from '../src/testing';

describe.each(testBackends())('createDb on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDb(backend);
  });
  afterAll(() => database.destroy());

  it('applies every migration and is ready', async () => {
    expect(await isReady(database)).toBe(true);
    const tables = await database.rows<{ name: string }>(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['api_keys', 'audit_log', 'call_events', 'call_minute_rollups', 'incidents']),
    );
  });

  it('returns rows in the same shape on every driver', async () => {
    await database.db.insert(sites).values({ id: 'leeds', name: 'Leeds' });
    const rows = await database.rows<{ id: string }>(sql`select id from sites`);
    expect(rows).toEqual([{ id: 'leeds' }]);
  });

  it('starts each test database empty', async () => {
    const other = await createTestDb(backend);
    try {
      expect(await other.rows(sql`select id from sites`)).toEqual([]);
    } finally {
      await other.destroy();
    }
  });
});

describe('embedded data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps data across a reopen', async () => {
    const first = await createDb({ dataDir: dir });
    await first.db.insert(sites).values({ id: 'york', name: 'York' });
    await first.close();
    const second = await createDb({ dataDir: dir });
    expect(await second.rows(sql`select id from sites`)).toEqual([{ id: 'york' }]);
    await second.close();
  });

  it('refuses a second holder of the folder while the first is alive', () => {
    const lockDir = join(dir, 'locked');
    const release = lockDataDir(lockDir);
    try {
      // A lock written by another live process (our parent) must be refused.
      writeFileSync(join(lockDir, 'switchboard.lock'), String(process.ppid));
      expect(() => lockDataDir(lockDir)).toThrow(DataDirBusyError);
    } finally {
      release();
    }
  });

  it('takes over a lock left by a process killed with SIGKILL', async () => {
    const lockDir = join(dir, 'orphaned');
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    lockDataDir(lockDir)();
    writeFileSync(join(lockDir, 'switchboard.lock'), String(child.pid));
    const release = lockDataDir(lockDir);
    release();
  });

  /** A real data folder with a site in it, in a folder of its own. */
  async function folderWithData(): Promise<string> {
    const folder = mkdtempSync(join(tmpdir(), 'sb-db-damaged-'));
    const database = await createDb({ dataDir: folder });
    await database.db.insert(sites).values({ id: 'york', name: 'York' });
    await database.close();
    return folder;
  }

  it('refuses a damaged folder with a way out, and never starts a fresh database over it', async () => {
    const damaged = await folderWithData();
    try {
      // A half-written folder: the database's files without PG_VERSION. PGlite alone would initialise a
      // new, empty database over them.
      rmSync(join(damaged, 'PG_VERSION'));
      await expect(createDb({ dataDir: damaged })).rejects.toThrow(DataDirDamagedError);
      await expect(createDb({ dataDir: damaged })).rejects.toThrow(/PG_VERSION is missing.*move it aside/);
      expect(existsSync(join(damaged, 'PG_VERSION'))).toBe(false);
    } finally {
      rmSync(damaged, { recursive: true, force: true });
    }
  });

  it('refuses a folder whose control file is garbage, naming the folder', async () => {
    const garbled = await folderWithData();
    try {
      writeFileSync(join(garbled, 'global', 'pg_control'), 'not a control file');
      const opening = createDb({ dataDir: garbled });
      await expect(opening).rejects.toThrow(DataDirDamagedError);
      await expect(opening).rejects.toThrow(garbled);
    } finally {
      rmSync(garbled, { recursive: true, force: true });
    }
  });

  it("opens a folder that holds only Switchboard's own files as a new database", async () => {
    const fresh = join(dir, 'fresh');
    lockDataDir(fresh)();
    writeFileSync(join(fresh, 'auth-secret'), 'x'.repeat(48));
    const database = await createDb({ dataDir: fresh });
    expect(await database.rows(sql`select count(*)::int as n from sites`)).toEqual([{ n: 0 }]);
    await database.close();
  });
});
