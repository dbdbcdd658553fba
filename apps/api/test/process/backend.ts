import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Database } from '@switchboard/db';
import { type Backend, createTestDb } from '@switchboard/db/testing';
import { seed } from './checks.ts';

/**
 * A database for API processes: an embedded data folder of its own (PGlite; one API process at a time) or a
 * fresh database on the test PostgreSQL; seeded with site `leeds`, a feed key and a display. `open` gives the
 * test its own connection for the checks afterwards — on PGlite only once no API holds the folder.
 */
export interface ProcessBackend {
  env: Record<string, string>;
  key: string;
  reader: Record<string, string>;
  dataDir?: string;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

export async function processBackend(backend: Backend): Promise<ProcessBackend> {
  if (backend === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-process-'));
    const setup = await createDb({ dataDir });
    const { key, reader } = await seed(setup);
    await setup.close();
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: '' },
      key,
      reader,
      dataDir,
      open: () => createDb({ dataDir }),
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const test = await createTestDb('postgres');
  const { key, reader } = await seed(test);
  return {
    env: { DATABASE_URL: test.url ?? '' },
    key,
    reader,
    // The test's own connection stays open until cleanup.
    open: async () => ({ ...test, close: async () => {} }),
    cleanup: () => test.destroy(),
  };
}
