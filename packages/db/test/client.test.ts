import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, DataDirBusyError, isReady, lockDataDir, sites } from '../src/index';
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
});
