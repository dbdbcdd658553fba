import { resolve } from 'node:path';
import { createDb, type Database, lockDataDir } from '@switchboard/db';
import type { Env } from './env.ts';

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else embedded PGlite in DATA_DIR. */
export async function openDatabase(env: Env): Promise<Database & { where: string }> {
  if (env.DATABASE_URL) {
    const database = await createDb({ url: env.DATABASE_URL, poolSize: env.DB_POOL_SIZE });
    return { ...database, where: 'PostgreSQL (DATABASE_URL)' };
  }
  const dataDir = resolve(env.DATA_DIR);
  const release = lockDataDir(dataDir);
  try {
    const database = await createDb({ dataDir });
    return {
      ...database,
      where: `embedded PGlite in ${dataDir}`,
      async close() {
        await database.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
