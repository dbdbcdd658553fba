import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDb, DataDirBusyError, lockDataDir } from '@switchboard/db';
import { resolveSecret } from '../auth/secret.ts';
import type { Env } from '../env.ts';
import { dumpEmbedded } from './route.ts';
import { backupToken } from './token.ts';

const POSTGRES_HINT =
  'DATABASE_URL is set: back up and restore PostgreSQL with pg_dump and pg_restore (docs/deploy.md)';

/** Where this machine's API answers, from its own settings (a wildcard bind is reached on loopback). */
const localApi = (env: Env) => {
  const host = ['0.0.0.0', '::', ''].includes(env.HOST) ? '127.0.0.1' : env.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${env.API_PORT}`;
};

/**
 * Writes a consistent backup of the embedded database to `file`: straight from the folder when no API
 * holds it, else through the running API (`GET /backup`), which copies it between transactions. The file
 * appears only when complete.
 */
export async function takeBackup(env: Env, file: string): Promise<{ bytes: number; via: 'folder' | 'api' }> {
  if (env.DATABASE_URL) throw new Error(POSTGRES_HINT);
  const dataDir = resolve(env.DATA_DIR);
  if (!existsSync(join(dataDir, 'PG_VERSION')))
    throw new Error(`there is no embedded database in ${dataDir}`);
  if (existsSync(file)) throw new Error(`${file} exists already: choose a new name for the backup`);
  let release: (() => void) | undefined;
  try {
    release = lockDataDir(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirBusyError)) throw error;
  }
  let tarball: Blob;
  if (release) {
    try {
      const database = await createDb({ dataDir });
      try {
        tarball = await dumpEmbedded(database.pglite as NonNullable<typeof database.pglite>);
      } finally {
        await database.close();
      }
    } finally {
      release();
    }
  } else {
    const response = await fetch(`${localApi(env)}/backup`, {
      headers: { authorization: `Bearer ${backupToken(resolveSecret(env))}` },
    }).catch(() => {
      throw new Error(`${dataDir} is in use, and the API at ${localApi(env)} does not answer`);
    });
    if (!response.ok) {
      throw new Error(
        `the API holding ${dataDir} refused the backup (${response.status}): ${await response.text()}`,
      );
    }
    tarball = await response.blob();
  }
  const bytes = Buffer.from(await tarball.arrayBuffer());
  const partial = `${file}.partial`;
  writeFileSync(partial, bytes, { mode: 0o600 });
  renameSync(partial, file);
  return { bytes: bytes.length, via: release ? 'folder' : 'api' };
}

/** Brings a backup back into DATA_DIR, which must be empty or absent: never over data. */
export async function restoreBackup(env: Env, file: string): Promise<void> {
  if (env.DATABASE_URL) throw new Error(POSTGRES_HINT);
  const dataDir = resolve(env.DATA_DIR);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty: restore into an empty folder (DATA_DIR=<empty folder>)`);
  }
  const tarball = new Blob([readFileSync(file)]);
  const release = lockDataDir(dataDir);
  try {
    const database = await createDb({ dataDir, loadDataDir: tarball });
    await database.close();
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${file} could not be restored (${(error as Error).message}); nothing was kept`);
  } finally {
    release();
  }
}
